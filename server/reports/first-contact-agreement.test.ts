/**
 * Issue 15.6: after a reply is sent back (000 三(五)), the live first-contact clock and the monthly
 * report agree, through the real API and the real sweeper with an injected clock.
 *
 * 003 第六条(一) "承办单位应在1个工作日内联系来电市民了解详情": a reply that told the citizen the result
 * within the day is a contact within the day. Before the fix the send-back cleared the reply, the
 * live clock ran again with no contact, turned overdue and sent a notice, while the report counted
 * the contact on time. Both now stop the clock at the recorded contact or the first reply's
 * "citizen told" time, whichever is earlier (shared/clock/first-contact.ts).
 */
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, tickets } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { TicketCommand } from '../../shared/ticket/commands';
import { engineName } from '../../test/support/db';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';
import { sweepClocks } from '../clock/sweeper';

let now = new Date('2026-11-23T10:00:00+08:00');
const at = (iso: string) => (now = new Date(iso)).toISOString();
const REPLY = { outcome: 'resolved', facts: '油烟净化器未开启', report: '已责令店家整改并复查' };

describe(`first contact after a reply sent back: the live clock and the report agree, 003 第六条(一) (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let unit: ApiClient;
  /** Told the citizen on Monday (on time), no first contact recorded; sent back. */
  let toldInTime = 0;
  /** Told the citizen on Wednesday (after Tuesday's due), no first contact recorded; sent back. */
  let toldLate = 0;

  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
    [op, sup, unit] = (await Promise.all(['operator', 'supervisor', 'liaison-d-chengguan'].map((u) => t.login(u)))) as [ApiClient, ApiClient, ApiClient];
    const run = async (who: ApiClient, id: number, command: TicketCommand, input: Record<string, unknown> = {}) => {
      const { version } = (await sup.get(`/api/tickets/${id}`)).body;
      const res = await who.post(ticketCommandPath(command, id), { version, ...input });
      expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
    };
    // Monday 2026-11-23: both dispatched at 10:00; first contact due Tuesday 23:59:59 (002: day 1 is the next working day).
    at('2026-11-23T10:00:00+08:00');
    toldInTime = (await op.post('/api/tickets', intake({ contactPhone: '13900000101', leadUnitId: t.units.d_chengguan }))).body.id;
    toldLate = (await op.post('/api/tickets', intake({ contactPhone: '13900000102', leadUnitId: t.units.d_chengguan }))).body.id;
    at('2026-11-23T10:30:00+08:00');
    await run(unit, toldInTime, 'accept');
    await run(unit, toldLate, 'accept');
    at('2026-11-23T16:00:00+08:00');
    await run(unit, toldInTime, 'reply', { ...REPLY, citizenToldAt: '2026-11-23T15:00:00+08:00' });
    at('2026-11-23T17:00:00+08:00');
    await run(sup, toldInTime, 'send_back_reply', { note: '答复过于笼统，请写明整改措施' });
    // Wednesday: the other unit's reply says it told the citizen only this morning.
    at('2026-11-25T10:00:00+08:00');
    await run(unit, toldLate, 'reply', { ...REPLY, citizenToldAt: '2026-11-25T09:00:00+08:00' });
    at('2026-11-25T11:00:00+08:00');
    await run(sup, toldLate, 'send_back_reply', { note: '答复过于笼统' });
    at('2026-11-25T12:00:00+08:00');
    await sweepClocks(t.server.ctx);
  });
  afterAll(() => t.close());

  const firstContactNotices = async (id: number) =>
    t.database.db
      .select()
      .from(events)
      .where(
        and(eq(events.ticketId, id), sql`${events.type} in ('ticket.light_changed', 'ticket.reminded')`, sql`${events.payload}->>'clock' = 'first_contact'`),
      );

  it('live: the contact told in the reply stops the clock on time — no overdue, no notice, not in the first-contact queue', async () => {
    const d = (await sup.get(`/api/tickets/${toldInTime}`)).body;
    expect(d.state).toBe('in_progress');
    expect(d.deadlines.firstContact).toMatchObject({ status: 'met', light: 'normal' });
    expect(await firstContactNotices(toldInTime)).toEqual([]);
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, toldInTime));
    expect(row!.clockKind).toBe('reply');
    const queue = (await sup.get('/api/queues')).body.tickets as { id: number; clockKind: string }[];
    expect(queue.find((q) => q.id === toldInTime)?.clockKind).toBe('reply');
  });

  it('live: told after the due, the clock stopped late (the rule can fail)', async () => {
    const d = (await sup.get(`/api/tickets/${toldLate}`)).body;
    expect(d.deadlines.firstContact).toMatchObject({ status: 'late', light: 'overdue' });
  });

  it('report: the same verdicts — one on time, one late', async () => {
    const res = await sup.get('/api/reports?from=2026-11-23&to=2026-11-27');
    expect(res.status).toBe(200);
    expect(res.body.current.firstContactOnTime).toMatchObject({ num: 1, den: 2 });
  });

  it('a first contact recorded after the send-back does not move the stop: the earlier contact counts', async () => {
    const { version } = (await sup.get(`/api/tickets/${toldInTime}`)).body;
    at('2026-11-25T13:00:00+08:00');
    const res = await unit.post(ticketCommandPath('record_first_contact', toldInTime), {
      version,
      at: now.toISOString(),
      channel: 'phone',
      note: '再次联系市民',
    });
    expect(res.status).toBe(200);
    expect((await sup.get(`/api/tickets/${toldInTime}`)).body.deadlines.firstContact).toMatchObject({ status: 'met', light: 'normal' });
    expect((await sup.get('/api/reports?from=2026-11-23&to=2026-11-27')).body.current.firstContactOnTime).toMatchObject({ num: 1, den: 2 });
  });

  it('migration 0013 gives tickets sent back before the fix their contact back, from their current handling only', async () => {
    const sql0013 = readFileSync(new URL('../../db/migrations/0013_first_contact_backfill.sql', import.meta.url), 'utf8');
    const forget = (id: number) => t.database.db.execute(sql`update tickets set detail = detail - 'citizenToldAt' where id = ${id}`);
    const toldOf = async (id: number) =>
      ((await t.database.db.select().from(tickets).where(eq(tickets.id, id)))[0]!.detail as { citizenToldAt?: string | null }).citizenToldAt;
    // A second round: the first round's reply is not this handling's contact.
    const revisit = await t.login('revisit');
    const run = async (who: ApiClient, id: number, command: TicketCommand, input: Record<string, unknown> = {}) =>
      who.post(ticketCommandPath(command, id), { version: (await sup.get(`/api/tickets/${id}`)).body.version, ...input });
    at('2026-11-25T14:10:00+08:00');
    const round2 = (await op.post('/api/tickets', intake({ contactPhone: '13900000103', leadUnitId: t.units.d_chengguan }))).body.id as number;
    await run(unit, round2, 'accept');
    at('2026-11-25T14:20:00+08:00');
    await run(unit, round2, 'reply', { ...REPLY, citizenToldAt: now.toISOString() });
    at('2026-11-25T14:30:00+08:00');
    expect((await run(revisit, round2, 'record_revisit', { resolved: false, satisfaction: 'dissatisfied', words: '没有解决' })).status).toBe(200);
    expect((await run(unit, round2, 'accept')).status).toBe(200);

    await forget(toldInTime);
    await forget(round2);
    await t.database.db.execute(sql.raw(sql0013));
    expect(await toldOf(toldInTime)).toBe(new Date('2026-11-23T15:00:00+08:00').toISOString());
    expect(await toldOf(round2)).toBeUndefined();
    expect((await sup.get(`/api/tickets/${toldInTime}`)).body.deadlines.firstContact).toMatchObject({ status: 'met' });
  });
});
