/**
 * Issue 17.7 through the real API, with an injected clock: the decision queue a page at a time,
 * oldest item first across tickets, with the counts of the whole queue; and the stored marker of an
 * accepted reply (migration 0018) — the accepted reply leaves the queue, a new one after a
 * send-back enters it again.
 */
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { DecisionsAnswer } from '../../shared/schemas/workspaces';
import type { TicketCommand } from '../../shared/ticket/commands';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

let now = new Date('2026-11-23T10:00:00+08:00');
const at = (iso: string) => {
  now = new Date(iso);
  return now.toISOString();
};

describe(`the decision queue, paged and counted (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let unitA: ApiClient;

  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
    [op, sup, unitA] = (await Promise.all((['operator', 'supervisor', 'liaison-d-chengguan'] as const).map((u) => t.login(u)))) as [
      ApiClient,
      ApiClient,
      ApiClient,
    ];
  });
  afterAll(() => t.close());

  const run = async (c: ApiClient, id: number, command: TicketCommand, input: Record<string, unknown> = {}) => {
    const { version } = (await sup.get(`/api/tickets/${id}`)).body;
    const res = await c.post(ticketCommandPath(command, id), { version, ...input });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res;
  };
  const page = async (query = ''): Promise<DecisionsAnswer> => {
    const res = await sup.get(`/api/decisions${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const accepted = async () => {
    at('2026-11-23T09:00:00+08:00');
    const { body } = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan! }));
    await run(unitA, body.id, 'accept');
    return body.id as number;
  };
  const delay = (id: number, when: string) => {
    at(when);
    return run(unitA, id, 'explain_delay', { reason: '需协调物业公司，本周内无法完成', requestedDue: new Date('2026-12-04T23:59:59+08:00').toISOString() });
  };
  const reply = { outcome: 'resolved', facts: '饭店排烟管道破损', report: '已责令维修排烟管道' };

  it('answers the oldest items first, a page at a time, with the total and counts of the whole queue', async () => {
    const a = await accepted();
    const b = await accepted();
    const c = await accepted();
    // a waits twice: its oldest item first, its second one after b's and c's.
    await delay(a, '2026-11-23T10:00:00+08:00');
    await delay(b, '2026-11-23T11:00:00+08:00');
    await delay(c, '2026-11-23T12:00:00+08:00');
    at('2026-11-23T13:00:00+08:00');
    await run(unitA, a, 'request_filing', { reason: '该事项已进入诉讼程序' });

    const whole = await page();
    const order = whole.items.map((i) => `${i.ticket.id}:${i.kind}`);
    expect(order).toEqual([`${a}:extension`, `${b}:extension`, `${c}:extension`, `${a}:filing`]);
    expect(whole.total).toBe(4);
    expect(whole.counts).toEqual({ return: 0, extension: 3, filing: 1, not_counted: 0, objective_case: 0, reply: 0 });

    const first = await page('?limit=2');
    expect(first.items.map((i) => `${i.ticket.id}:${i.kind}`)).toEqual(order.slice(0, 2));
    expect([first.total, first.counts.extension]).toEqual([4, 3]);
    const second = await page('?limit=2&offset=2');
    expect(second.items.map((i) => `${i.ticket.id}:${i.kind}`)).toEqual(order.slice(2));
    expect((await page('?limit=2&offset=4')).items).toEqual([]);
    expect((await page('?offset=3')).items.map((i) => i.key)).toEqual([whole.items[3]!.key]);

    // A decided item leaves the queue and its counts.
    await run(sup, b, 'decide_extension', { approve: true, note: '同意延期' });
    const after = await page('?limit=1');
    expect([after.total, after.counts.extension, after.items[0]!.ticket.id]).toEqual([3, 2, a]);
  });

  it('refuses a page size outside 1–500 or a negative offset, in Chinese with a field', async () => {
    for (const q of ['?limit=0', '?limit=501', '?limit=abc', '?offset=-1']) {
      const res = await sup.get(`/api/decisions${q}`);
      expect([res.status, res.body.error.code], q).toEqual([400, 'validation_failed']);
    }
    expect((await sup.get('/api/decisions?limit=501')).body.error.fields.limit).toBe('每页条数应为1–500');
    expect((await sup.get('/api/decisions?limit=500')).status).toBe(200);
  });

  it('declares the paging and the answer in the OpenAPI document', async () => {
    const doc = await (await fetch(`${t.url}/api/openapi.json`)).json();
    const op = doc.paths['/api/decisions'].get;
    expect(op.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`).sort()).toEqual(['query:limit', 'query:offset']);
    const answer = op.responses['200'].content['application/json'].schema;
    expect(Object.keys(answer.properties ?? {}).sort()).toEqual(['counts', 'items', 'total']);
  });

  it('stores the accepted reply on the row: it leaves the queue; a new reply after a send-back enters again', async () => {
    const id = await accepted();
    const marker = async () => (await t.database.db.select({ m: tickets.replyAcceptedAt }).from(tickets).where(eq(tickets.id, id)))[0]!.m;
    const replies = async () => (await page('?limit=500')).items.filter((i) => i.ticket.id === id && i.kind === 'reply');

    const firstAt = at('2026-11-24T11:00:00+08:00');
    await run(unitA, id, 'reply', { ...reply, citizenToldAt: firstAt });
    expect((await replies()).map((i) => i.since)).toEqual([firstAt]);
    const before = (await page()).counts.reply;

    // Sent back: out of the queue; the unit replies again, later: in again, with the new reply.
    at('2026-11-24T12:00:00+08:00');
    await run(sup, id, 'send_back_reply', { note: '答复模棱两可，请写明处理结果' });
    expect(await replies()).toEqual([]);
    expect((await page()).counts.reply).toBe(before - 1);
    const secondAt = at('2026-11-24T15:00:00+08:00');
    await run(unitA, id, 'reply', { ...reply, report: '已责令维修排烟管道并复查', citizenToldAt: secondAt });
    const [waiting] = await replies();
    expect(waiting).toMatchObject({ since: secondAt, key: `${id}:reply:${secondAt}`, reply: { report: '已责令维修排烟管道并复查' } });
    expect(await marker()).toBeNull();

    at('2026-11-24T16:00:00+08:00');
    const ok = await sup.post(`/api/decisions/replies/${id}/accept`, { version: waiting!.ticket.version, note: '答复清楚' });
    expect(ok.status).toBe(200);
    expect(await marker()).toBe(secondAt);
    expect(await replies()).toEqual([]);
    expect((await page()).counts.reply).toBe(before - 1);
    // The acceptance moves no version: a screen still showing the ticket stays current.
    expect((await sup.get(`/api/tickets/${id}`)).body.version).toBe(waiting!.ticket.version);
    const twice = await sup.post(`/api/decisions/replies/${id}/accept`, { version: waiting!.ticket.version });
    expect([twice.status, twice.body.error.code]).toEqual([422, 'rule_violation']);

    // Migration 0018's backfill, run again over a row that lost its marker: the latest acceptance's reply.
    await t.database.db.update(tickets).set({ replyAcceptedAt: null }).where(eq(tickets.id, id));
    expect((await replies()).map((i) => i.since)).toEqual([secondAt]);
    const migration = readFileSync(new URL('../../db/migrations/0018_decision_queue.sql', import.meta.url), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').find((statement) => statement.includes('UPDATE "tickets"'))!;
    await t.database.db.execute(sql.raw(backfill));
    expect(await marker()).toBe(secondAt);
    expect(await replies()).toEqual([]);
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
