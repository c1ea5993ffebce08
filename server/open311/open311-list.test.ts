/**
 * Issue 14 item 5: the public request list is paginated at a bounded cost. Pages hold at most
 * page_size rows (200 at most), come in a stable order (newest first, the ticket id breaking
 * ties), link to the next page, and cost the same number of database round trips whether they
 * hold one row or twenty (counted at the database client the console itself uses).
 */
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { engineName } from '../../test/support/db';
import { startTestServer, type TestServer } from '../../test/support/server';

const FILED = 25;
const DISPATCHED = 8;

const filing = (i: number): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: new URLSearchParams({
    api_key: 'demo-open311-key',
    service_code: i % 2 ? 'noise' : 'sanitation',
    address_string: `涞坊路${1000 + i}号`,
    phone: '13800003333',
    description: `第${i}件：夜间噪声或垃圾清运`,
  }).toString(),
});

/** Counts the statements sent through the console's own database client while `fn` runs. */
async function countQueries(t: TestServer, fn: () => Promise<void>): Promise<number> {
  const client = (t.database.db as unknown as { session: { client: { query: (...args: unknown[]) => Promise<unknown> } } }).session.client;
  const original = client.query;
  let n = 0;
  client.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    client.query = original;
  }
  return n;
}

describe(`Open311 request list: pages at a bounded cost (${engineName()})`, () => {
  let t: TestServer;
  const get = (path: string) => fetch(`${t.url}/open311${path}`);
  const ids = async (res: Response) => ((await res.json()) as { service_request_id: string }[]).map((r) => r.service_request_id);
  let filed: string[] = [];

  beforeAll(async () => {
    // One fixed moment: every request has the same requested_datetime, so only the tie-break orders them.
    t = await startTestServer({ now: () => new Date('2026-11-25T09:00:00+08:00') });
    for (let i = 0; i < FILED; i++) {
      const res = await fetch(`${t.url}/open311/v2/requests.json`, filing(i));
      expect(res.status).toBe(200);
      filed.push((await res.json())[0].service_request_id);
    }
    // The newest have a unit and a reply due (expected_datetime needs their SLA policy and the calendar).
    const sup = await t.login('supervisor');
    const newest = await t.database.db
      .select()
      .from(tickets)
      .where(inArray(tickets.number, filed.slice(-DISPATCHED)));
    for (const ticket of newest) {
      expect((await sup.post(ticketCommandPath('dispatch', ticket.id), { version: ticket.version, leadUnitId: t.units.d_environment })).status).toBe(200);
    }
    filed = [...filed].reverse(); // newest first: filed last, numbered last
  });
  afterAll(() => t.close());

  it('pages through every request once, newest first, with a next link until the last page', async () => {
    const seen: string[] = [];
    let path: string | null = '/v2/requests.json?page_size=10';
    const links: (string | null)[] = [];
    while (path) {
      const res = await get(path);
      expect(res.status).toBe(200);
      const link = res.headers.get('link');
      links.push(link);
      seen.push(...(await ids(res)));
      path = link ? link.replace(/^<\/open311(.*)>; rel="next"$/, '$1') : null;
    }
    expect(seen).toEqual(filed);
    expect(links).toEqual(['</open311/v2/requests.json?page_size=10&page=2>; rel="next"', '</open311/v2/requests.json?page_size=10&page=3>; rel="next"', null]);
    // The same page twice is the same page.
    expect(await ids(await get('/v2/requests.json?page_size=7&page=2'))).toEqual(filed.slice(7, 14));
    expect(await ids(await get('/v2/requests.json?page_size=7&page=2'))).toEqual(filed.slice(7, 14));
    // Filters page too.
    expect(await ids(await get('/v2/requests.json?service_code=noise&page_size=5'))).toHaveLength(5);
  });

  it('caps the page size and says so', async () => {
    expect(await ids(await get('/v2/requests.json'))).toEqual(filed); // 50 by default: all 25
    for (const bad of ['page_size=201', 'page_size=0', 'page=0', 'page_size=abc']) {
      const res = await get(`/v2/requests.json?${bad}`);
      expect([bad, res.status]).toEqual([bad, 400]);
    }
    expect((await get('/v2/requests.json?page_size=200')).status).toBe(200);
    expect((await get('/v2/requests.json?page=1000&page_size=200')).status).toBe(400);
    const tooMany = Array.from({ length: 201 }, (_, i) => `ZX20261125-${String(i).padStart(4, '0')}`).join(',');
    expect((await get(`/v2/requests.json?service_request_id=${tooMany}`)).status).toBe(400);
  });

  it('costs the same number of queries for a page of one and a page of twenty', async () => {
    // Warm-up: the first read of a process may prepare what later reads reuse. Each read below
    // asks a page no one asked before (the XML pages), so none is answered from the shared cache.
    await get('/v2/requests.xml?page_size=21');
    const one = await countQueries(t, async () => void (await get('/v2/requests.xml?page_size=1')).text());
    const twenty = await countQueries(t, async () => void (await get('/v2/requests.xml?page_size=20')).text());
    const all = await countQueries(t, async () => void (await get('/v2/requests.xml?page_size=200')).text());
    const single = await countQueries(t, async () => void (await get(`/v2/requests/${filed[0]}.json`)).text());
    // The newest requests were dispatched: every page above holds some with a reply due.
    expect({ one, twenty, all }).toEqual({ one: twenty, twenty, all: twenty });
    expect(twenty).toBeGreaterThanOrEqual(1);
    expect(twenty).toBeLessThanOrEqual(3);
    expect(single).toBeLessThanOrEqual(3);
  });

  it('answers a crowd asking one page with one computation, shared for a few seconds', async () => {
    const crowd = await countQueries(t, async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => get('/v2/requests.xml?page_size=30').then((r) => r.text())));
      expect(new Set(answers).size).toBe(1);
    });
    expect(crowd).toBeLessThanOrEqual(3);
    // Arguments the list does not know do not make a read new.
    expect(await countQueries(t, async () => void (await get('/v2/requests.xml?page_size=30&cache_buster=1')).text())).toBe(0);
  });
});
