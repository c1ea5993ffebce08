/**
 * PRODUCT.md §9 hostile input: thousands of malformed and oversized payloads to every API route, and
 * junk to the socket server. Only 4xx with a clear error, never a 500 or a crash, and nothing
 * stored.
 */
import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, tickets } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { engineName } from '../../test/support/db';
import { ApiClient, intake, startTestServer, waitFor, type TestServer } from '../../test/support/server';
import { ROUTE_TABLE } from './define-route';

const PAYLOADS_PER_ROUTE = 40;

function text(v: unknown): string {
  try {
    return typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
  } catch {
    return 'unprintable';
  }
}

/** Values shaped like our inputs but wrong: wrong types, huge strings, odd unicode, nesting. */
const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      'type',
      'contactPhone',
      'address',
      'description',
      'leadUnitId',
      'version',
      'approve',
      'note',
      'at',
      'date',
      'working',
      'reason',
      'unitId',
      'text',
      'q',
    ),
    fc.anything({ maxDepth: 2 }),
  ),
  fc.record({ version: fc.oneof(fc.integer(), fc.string(), fc.constant(null)), note: fc.string({ maxLength: 10_000 }) }),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

describe(`fuzzing every route (${engineName()})`, () => {
  let t: TestServer;
  let users: ApiClient[];
  let ticketId = 0;
  beforeAll(async () => {
    t = await startTestServer();
    users = await Promise.all(['supervisor', 'operator', 'liaison-d-chengguan', 'revisit', 'admin', 'leader'].map((u) => t.login(u)));
    ticketId = (await users[1]!.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }))).body.id;
  });
  afterAll(() => t.close());

  const counts = async () => ({
    tickets: (await t.database.db.select({ n: count() }).from(tickets))[0]!.n,
    events: (await t.database.db.select({ n: count() }).from(events))[0]!.n,
  });

  it('answers junk with 4xx and a Chinese message, never 5xx, storing nothing', async () => {
    const before = await counts();
    const routes = ROUTE_TABLE.filter((r) => !r.path.startsWith('/api/auth/logout'));
    const failures: string[] = [];
    let sent = 0;
    let accepted = 0;
    for (const route of routes) {
      const payloads = fc.sample(junk, { numRuns: PAYLOADS_PER_ROUTE, seed: 62112345 + sent });
      for (const [i, payload] of payloads.entries()) {
        const who = users[i % users.length]!;
        const pathWithId = route.path
          .replace(/:id\b/g, i % 3 === 0 ? String(ticketId) : text(payload).slice(0, 20))
          .replace(/:(\w+)/g, encodeURIComponent(text(payload).slice(0, 30)));
        let url = pathWithId;
        let body: unknown = payload;
        if (route.method === 'get') {
          url += `?${new URLSearchParams({ q: text(payload).slice(0, 200), year: text(payload), limit: text(payload), text: text(payload) })}`;
          body = undefined;
        }
        const res = await who.request(route.method.toUpperCase(), url, body);
        sent++;
        if (res.status >= 500) failures.push(`${route.method} ${route.path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        if (res.status < 300) accepted++;
        else if (res.status >= 400 && route.path.startsWith('/api') && !/[\u4e00-\u9fa5]/.test(res.body?.error?.message ?? '')) {
          failures.push(`${route.method} ${route.path} → ${res.status} without a Chinese message`);
        }
      }
    }
    // Raw bodies that are not JSON at all, and one far too large.
    for (const raw of ['{"type":', 'null', '[]', '\u0000\u0001', '<xml/>', '{"a":'.repeat(5000)]) {
      const res = await fetch(`${t.url}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: users[1]!.cookie!, 'x-csrf-token': users[1]!.csrfToken! },
        body: raw,
      });
      sent++;
      if (res.status >= 500 || res.status < 400) failures.push(`raw ${JSON.stringify(raw.slice(0, 20))} → ${res.status}`);
    }
    const big = await users[1]!.post('/api/tickets', { ...intake(), description: '长'.repeat(200_000) });
    expect(big.status).toBe(400);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
    // GETs may succeed on junk query strings; nothing that writes may.
    const after = await counts();
    expect(after).toEqual(before);
    expect(accepted).toBeLessThan(sent);
  }, 300_000);

  it('answers the hostile classes with 400, never 5xx: U+0000 in text, ids past int4, months out of range, invisible-only text', async () => {
    const before = await counts();
    const [sup, op] = [users[0]!, users[1]!];
    const failures: string[] = [];
    const expect4xx = async (what: string, res: Promise<{ status: number; body: any }>) => {
      const r = await res;
      if (r.status < 400 || r.status >= 500) failures.push(`${what} → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
      else if (r.status === 400 && !/[\u4e00-\u9fa5]/.test(r.body?.error?.message ?? '')) failures.push(`${what} → 400 without a Chinese message`);
    };
    // U+0000 in every text field of an intake, a command note and a query string.
    for (const field of ['contactName', 'address', 'description'] as const) {
      await expect4xx(`intake ${field} with U+0000`, op.post('/api/tickets', { ...intake(), [field]: `九亭\u0000镇` }));
    }
    await expect4xx('command note with U+0000', sup.post(ticketCommandPath('urge', ticketId), { version: 1, note: 'a\u0000b' }));
    await expect4xx('suggest text with U+0000', op.post('/api/suggest', { text: '噪音\u0000扰民' }));
    await expect4xx('knowledge search with U+0000', op.post('/api/knowledge/search', { q: '医保\u0000卡' }));
    // Ids past PostgreSQL's int4, negative, fractional, exponent notation, in paths and bodies.
    for (const id of ['2147483648', '99999999999999999999', '-1', '1.5', '1e3', '0x10']) {
      await expect4xx(`GET ticket ${id}`, sup.get(`/api/tickets/${id}`));
      await expect4xx(`command on ticket ${id}`, sup.post(ticketCommandPath('urge').replace(':id', id), { version: 1, note: '催办' }));
      await expect4xx(`supervision ${id}`, sup.get(`/api/supervisions/${id}`));
      await expect4xx(`call ${id}`, op.get(`/api/calls/${id}`));
      await expect4xx(`knowledge article ${id}`, op.get(`/api/knowledge/${id}`));
    }
    await expect4xx('intake lead unit past int4', op.post('/api/tickets', intake({ leadUnitId: 2 ** 31 })));
    await expect4xx('intake assisting unit past int4', op.post('/api/tickets', { ...intake(), assistUnitIds: [2 ** 40] }));
    // Report periods outside any year the line can have data for.
    for (const q of [
      'month=0000-01',
      'month=9999-12',
      'month=2026-13',
      'week=0000-01-01',
      'week=9999-12-31',
      'from=0001-01-01&to=0001-01-02',
      'from=9999-12-30&to=9999-12-31',
    ]) {
      await expect4xx(`report ${q}`, sup.get(`/api/reports?${q}`));
      await expect4xx(`workbook ${q}`, sup.get(`/api/reports/xlsx?${q}`));
    }
    await expect4xx('weekly review year 9999', sup.get('/api/reports/weekly?week=9999-12-31'));
    await expect4xx('calendar year 9999', sup.get('/api/calendar?year=9999'));
    // A description of only invisible characters says nothing.
    await expect4xx('invisible-only description', op.post('/api/tickets', { ...intake(), description: '\u200b\u200c\u200d\u2060\ufeff\u3000 ' }));
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('survives junk over the socket and keeps serving', async () => {
    const sup = users[0]!;
    for (const lastSeq of [-1, 'abc', 1e308, { $gt: 0 }, null]) {
      const s = (sup as ApiClient).socket({ lastSeq: lastSeq as number });
      await waitFor(s, 'ready');
      for (const [event, payload] of [
        ['event', { seq: 'x' }],
        ['resync', null],
        ['join', 'unit:1'],
        ['x'.repeat(1000), 'y'.repeat(50_000)],
      ] as const) {
        s.emit(event, payload);
      }
      s.close();
    }
    const health = await fetch(`${t.url}/api/health`);
    expect(health.status).toBe(200);
  });
});
