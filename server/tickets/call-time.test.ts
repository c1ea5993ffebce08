/**
 * PRODUCT.md §2 call time 来电日期 through the real API, with an injected clock:
 * - issue 16.7: a record typed without a linked call is dated when the operator began it (the form
 *   sends its first keystroke), corrected for the sender's clock, refused in the future or > 24 h old;
 * - issue 15.9: only a supervisor corrects it, with a reason, as an event; the clocks (which start
 *   at dispatch, 003 第六条(一)) do not move.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, tickets } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

/** Monday 2026-11-23 10:00 in Shanghai. */
let now = new Date('2026-11-23T10:00:00+08:00');
const minutes = (n: number) => n * 60_000;
const before = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe(`call time (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let leader: ApiClient;
  let liaison: ApiClient;

  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
    [op, sup, leader, liaison] = (await Promise.all(['operator', 'supervisor', 'leader', 'liaison-d-chengguan'].map((u) => t.login(u)))) as [
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
    ];
  });
  afterAll(() => t.close());

  const row = async (id: number) => (await t.database.db.select().from(tickets).where(eq(tickets.id, id)))[0]!;
  const eventsOf = async (id: number, type: string) =>
    t.database.db
      .select()
      .from(events)
      .where(and(eq(events.ticketId, id), eq(events.type, type)));

  describe('issue 16.7: a manual record is dated when the operator began it', () => {
    it('stores the first keystroke, not the save', async () => {
      const startedAt = before(minutes(7));
      const res = await op.post('/api/tickets', intake({ startedAt }));
      expect(res.status).toBe(201);
      expect(res.body.callAt).toBe(startedAt);
      expect(res.body.createdAt).toBe(now.toISOString());
    });

    it('corrects for the sender’s clock: a PC 10 minutes fast still stores the true moment', async () => {
      const fast = (iso: string) => new Date(new Date(iso).getTime() + minutes(10)).toISOString();
      const truth = before(minutes(3));
      const res = await op.post('/api/tickets', intake({ startedAt: fast(truth), clientNow: fast(now.toISOString()) }));
      expect(res.status).toBe(201);
      expect(res.body.callAt).toBe(truth);
    });

    it('without a start, the save is the call time (API clients)', async () => {
      const res = await op.post('/api/tickets', intake());
      expect(res.body.callAt).toBe(now.toISOString());
    });

    it('refuses a start in the future beyond 5 minutes of skew, or more than 24 h back, and stores nothing', async () => {
      const count = async () => (await t.database.db.select({ id: tickets.id }).from(tickets)).length;
      const n = await count();
      const future = await op.post('/api/tickets', intake({ startedAt: new Date(now.getTime() + minutes(6)).toISOString() }));
      expect([future.status, future.body.error.code, future.body.error.message]).toEqual([
        422,
        'call_time_in_future',
        '来电时间不能晚于当前时间，请检查本机时钟',
      ]);
      const old = await op.post('/api/tickets', intake({ startedAt: before(minutes(24 * 60 + 1)) }));
      expect([old.status, old.body.error.code]).toEqual([422, 'call_time_too_old']);
      expect(old.body.error.message).toMatch(/^这份记录开始于24小时之前/);
      const bad = await op.post('/api/tickets', intake({ startedAt: '昨天' }));
      expect([bad.status, bad.body.error.code, bad.body.error.fields.startedAt]).toEqual([
        400,
        'validation_failed',
        '开始记录时间须为带时区的时间（ISO 8601）',
      ]);
      expect(await count()).toBe(n);
      // Within the skew: dated at the save, never after it.
      const ahead = await op.post('/api/tickets', intake({ startedAt: new Date(now.getTime() + minutes(2)).toISOString() }));
      expect(ahead.body.callAt).toBe(now.toISOString());
    });
  });

  describe('issue 15.9: a supervisor corrects the call time with a reason', () => {
    let id = 0;
    let version = 0;
    const path = () => `/api/tickets/${id}/call-time`;

    beforeAll(async () => {
      now = new Date('2026-11-23T10:00:00+08:00');
      const res = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan, startedAt: before(minutes(4)) }));
      id = res.body.id;
      version = res.body.version;
    });

    it('401 without a session', async () => {
      const res = await ApiClient.anonymous(t.url).post(path(), { version, callAt: before(minutes(30)), reason: '来访登记晚了' });
      expect([res.status, res.body.error.code]).toEqual([401, 'unauthenticated']);
    });

    it('400 with the exact messages', async () => {
      const missing = await sup.post(path(), { version });
      expect(missing.status).toBe(400);
      expect(missing.body.error.fields).toEqual({ callAt: '请填写来电时间', reason: '请填写更正原因' });
      const blank = await sup.post(path(), { version, callAt: before(minutes(30)), reason: '  ' });
      expect(blank.body.error.fields).toEqual({ reason: '请填写更正原因' });
    });

    it('403 for every role but the supervisor', async () => {
      for (const c of [op, leader, liaison]) {
        const res = await c.post(path(), { version, callAt: before(minutes(30)), reason: '来访登记晚了' });
        expect([res.status, res.body.error.code]).toEqual([403, 'forbidden_role']);
      }
    });

    it('refuses a time after the registration or a month before it, and a stale version; nothing changes', async () => {
      const late = await sup.post(path(), { version, callAt: new Date(now.getTime() + minutes(10)).toISOString(), reason: '更正' });
      expect([late.status, late.body.error.code, late.body.error.message]).toEqual([422, 'call_time_in_future', '来电时间不能晚于工单登记时间']);
      const old = await sup.post(path(), { version, callAt: before(31 * 24 * 60 * minutes(1)), reason: '更正' });
      expect([old.status, old.body.error.code]).toEqual([422, 'call_time_too_old']);
      const stale = await sup.post(path(), { version: version - 1, callAt: before(minutes(30)), reason: '更正' });
      expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict']);
      expect((await row(id)).callAt.toISOString()).toBe(before(minutes(4)));
      expect(await eventsOf(id, 'ticket.call_time_corrected')).toEqual([]);
    });

    it('writes the time and one event with the actor, the previous time and the reason; the dues do not move', async () => {
      const was = await row(id);
      now = new Date('2026-11-23T15:00:00+08:00');
      const callAt = new Date('2026-11-23T09:20:00+08:00').toISOString();
      const res = await sup.post(path(), { version, callAt, reason: '来访市民9点20分到窗口，登记晚了' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ callAt, version: version + 1 });
      const after = await row(id);
      expect(after.callAt.toISOString()).toBe(callAt);
      // 003 第六条(一): the clocks start at dispatch, not at the call.
      expect([after.clockKind, after.dueAt?.toISOString(), after.state]).toEqual([was.clockKind, was.dueAt?.toISOString(), was.state]);
      const [event] = await eventsOf(id, 'ticket.call_time_corrected');
      expect(event).toMatchObject({ actorId: sup.user.id, actorRole: 'supervisor', fromState: 'dispatched', toState: 'dispatched' });
      expect(event!.payload).toMatchObject({ previousCallAt: was.callAt.toISOString(), callAt, reason: '来访市民9点20分到窗口，登记晚了' });
      // On the ticket's page, for everyone who reads it.
      const detail = (await liaison.get(`/api/tickets/${id}`)).body;
      expect(detail.callAt).toBe(callAt);
      expect(detail.events.at(-1)).toMatchObject({ type: 'ticket.call_time_corrected', payload: { callAt, reason: '来访市民9点20分到窗口，登记晚了' } });
      // The same time again is no correction.
      const same = await sup.post(path(), { version: version + 1, callAt, reason: '再次' });
      expect([same.status, same.body.error.code]).toEqual([422, 'rule_violation']);
    });
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
