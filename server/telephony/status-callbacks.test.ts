/**
 * Status callbacks: Twilio retries them and does not promise their order. The same callback
 * twice changes nothing; out-of-order callbacks never move a call backwards; either order
 * leaves one correct call record. Then the wallboard figures over those calls.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, callStatusEvents, events } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { startTestServer, type ApiClient, type TestServer } from '../../test/support/server';
import { newCallSid, simulatorEnv, webhook } from '../../test/support/telephony';
import { callStats } from './call-stats';

const T0 = new Date('2026-11-23T02:00:00.000Z'); // 10:00 in Shanghai
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const CALLER = '+8613812345678';

describe(`status callbacks are idempotent and order-independent (${engineName()})`, () => {
  let t: TestServer;
  let clock = T0;
  let supervisor: ApiClient;

  const base = (sid: string) => ({
    AccountSid: 'AC' + '0'.repeat(32),
    ApiVersion: '2010-04-01',
    CallSid: sid,
    Direction: 'inbound',
    From: CALLER,
    To: '+862162112345',
  });
  const voice = (sid: string) => webhook(t, '/telephony/twilio/voice', { ...base(sid), CallStatus: 'ringing' });
  const status = (sid: string, CallStatus: string, ts: number, extra: Record<string, string> = {}) =>
    webhook(t, '/telephony/twilio/status', { ...base(sid), CallStatus, Timestamp: at(ts).toUTCString(), SequenceNumber: String(ts), ...extra });
  const child = (parent: string, childSid: string, CallStatus: string, ts: number) =>
    webhook(t, '/telephony/twilio/status', {
      AccountSid: 'AC' + '0'.repeat(32),
      CallSid: childSid,
      ParentCallSid: parent,
      Direction: 'outbound-dial',
      From: CALLER,
      To: 'client:user-1',
      CallStatus,
      Timestamp: at(ts).toUTCString(),
    });
  const queueResult = (sid: string, QueueResult: string, QueueTime: number) =>
    webhook(t, '/telephony/twilio/queue', { ...base(sid), QueueResult, QueueTime: String(QueueTime), QueueSid: 'QU' + '0'.repeat(32) });
  const row = async (sid: string) => (await t.database.db.select().from(calls).where(eq(calls.callSid, sid)))[0]!;
  const counts = async (sid: string) => {
    const r = await row(sid);
    const [e] = await t.database.db.select({ n: count() }).from(events);
    const [l] = await t.database.db.select({ n: count() }).from(callStatusEvents).where(eq(callStatusEvents.callId, r.id));
    return { version: r.version, events: e!.n, log: l!.n };
  };
  const outcome = (r: typeof calls.$inferSelect) => ({
    status: r.status,
    queuedAt: r.queuedAt?.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    endedAt: r.endedAt?.toISOString(),
    waitSeconds: r.waitSeconds,
    talkSeconds: r.talkSeconds,
  });

  const answered = newCallSid();
  const reordered = newCallSid();
  const abandoned = newCallSid();

  beforeAll(async () => {
    t = await startTestServer({ record: true, env: simulatorEnv(), now: () => clock });
    supervisor = await t.login('supervisor');
  });
  afterAll(() => t.close());

  it('records an answered call from callbacks in order', async () => {
    clock = at(0);
    expect((await voice(answered)).status).toBe(200);
    clock = at(5);
    await child(answered, newCallSid(), 'ringing', 4);
    const childSid = newCallSid();
    expect((await child(answered, childSid, 'in-progress', 5)).status).toBe(200);
    expect((await row(answered)).status).toBe('in_progress');
    clock = at(65);
    expect((await status(answered, 'completed', 65, { CallDuration: '65' })).status).toBe(200);
    expect(outcome(await row(answered))).toEqual({
      status: 'completed',
      queuedAt: at(0).toISOString(),
      answeredAt: at(5).toISOString(),
      endedAt: at(65).toISOString(),
      waitSeconds: 5,
      talkSeconds: 60,
    });
  });

  it('ignores the same callbacks sent again (Twilio retries)', async () => {
    const before = await counts(answered);
    clock = at(70);
    await voice(answered);
    await status(answered, 'completed', 65, { CallDuration: '65' });
    await status(answered, 'completed', 65, { CallDuration: '65' });
    expect(await counts(answered)).toEqual(before);
    expect((await row(answered)).status).toBe('completed');
  });

  it('never moves a call backwards: a late ringing or in-progress after completed changes nothing', async () => {
    const before = await counts(answered);
    clock = at(80);
    await status(answered, 'ringing', 1);
    await status(answered, 'in-progress', 2);
    await queueResult(answered, 'bridged', 5);
    const after = await counts(answered);
    expect(after.version).toBe(before.version);
    expect(after.events).toBe(before.events);
    expect(outcome(await row(answered))).toMatchObject({ status: 'completed', waitSeconds: 5, talkSeconds: 60 });
  });

  it('reaches the same record when completed arrives before the answer', async () => {
    clock = at(0);
    await voice(reordered);
    clock = at(66);
    await status(reordered, 'completed', 65, { CallDuration: '65' });
    // For a moment the console can only think the caller gave up…
    expect((await row(reordered)).status).toBe('abandoned');
    // …until the operator leg's answer (stamped 5 s in) arrives late.
    await child(reordered, newCallSid(), 'in-progress', 5);
    await status(reordered, 'ringing', 0);
    const a = outcome(await row(answered));
    expect(outcome(await row(reordered))).toEqual({ ...a });
    // One call record, whatever the order.
    expect((await t.database.db.select({ n: count() }).from(calls).where(eq(calls.callSid, reordered)))[0]!.n).toBe(1);
  });

  it('records a caller hanging up in the queue as abandoned, once, and lists it to call back', async () => {
    clock = at(10);
    await voice(abandoned);
    clock = at(40);
    await queueResult(abandoned, 'hangup', 30);
    await status(abandoned, 'completed', 40, { CallDuration: '30' });
    const first = await counts(abandoned);
    await queueResult(abandoned, 'hangup', 30);
    await status(abandoned, 'completed', 40, { CallDuration: '30' });
    expect(await counts(abandoned)).toEqual(first);
    // A late, different callback is kept in the raw log as not applied; the call does not move.
    await status(abandoned, 'ringing', 10);
    expect(await counts(abandoned)).toEqual({ ...first, log: first.log + 1 });
    const [late] = await t.database.db
      .select()
      .from(callStatusEvents)
      .where(and(eq(callStatusEvents.callSid, abandoned), eq(callStatusEvents.twilioStatus, 'ringing'), eq(callStatusEvents.source, 'status')));
    expect(late!.applied).toBe(false);
    const r = await row(abandoned);
    expect(outcome(r)).toMatchObject({ status: 'abandoned', answeredAt: null, waitSeconds: 30, talkSeconds: null });
    const types = (await t.database.db.select().from(events).where(eq(events.type, 'call.abandoned'))).map(
      (e) => (e.payload as { call: { id: number } }).call.id,
    );
    expect(types.filter((id) => id === r.id)).toHaveLength(1);
    const list = await supervisor.get('/api/calls');
    expect(list.body.calls.map((c: { id: number }) => c.id)).toContain(r.id);
    expect(JSON.stringify(list.body)).not.toContain('13812345678');
  });

  it('keeps one call and one event when Twilio retries race each other', async () => {
    clock = at(85);
    const sid = newCallSid();
    const answers = await Promise.all(Array.from({ length: 5 }, () => voice(sid)));
    expect(answers.every((r) => r.status === 200 && r.text.includes('<Enqueue'))).toBe(true);
    const rows = await t.database.db.select().from(calls).where(eq(calls.callSid, sid));
    expect(rows).toHaveLength(1);
    const queuedEvents = (await t.database.db.select().from(events).where(eq(events.type, 'call.queued'))).filter(
      (e) => (e.payload as { call: { id: number } }).call.id === rows[0]!.id,
    );
    expect(queuedEvents).toHaveLength(1);
    // Ended at once so the figures below are unchanged: a caller who gave up at once.
    await status(sid, 'completed', 85, { CallDuration: '0' });
  });

  it('counts offered, answered, abandoned, service level, ASA and the queue', async () => {
    clock = at(90);
    const waiting = newCallSid();
    await voice(waiting);
    const now = at(100);
    const dayStart = new Date('2026-11-22T16:00:00.000Z'); // 00:00 Shanghai
    expect(await callStats(t.database.db, dayStart, now)).toEqual({
      offered: 5,
      answered: 2,
      abandoned: 2,
      answeredWithinTarget: 2,
      serviceLevel: 0.4,
      averageSpeedOfAnswer: 5,
      waitingNow: 1,
      longestWaitSeconds: 10,
      targetSeconds: 20,
    });
    clock = now;
    const res = await supervisor.get('/api/calls/stats');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ offered: 5, waitingNow: 1, longestWaitSeconds: 10 });
    // PRODUCT.md §7: the wallboard's call tiles are these same figures, from the calls the webhooks recorded.
    const board = await supervisor.get('/api/wallboard');
    expect(board.status).toBe(200);
    expect(board.body.calls).toEqual({
      offered: 5,
      answered: 2,
      abandoned: 2,
      answeredWithinTarget: 2,
      serviceLevel: 0.4,
      averageSpeedOfAnswer: 5,
      waitingNow: 1,
      longestWaitSeconds: 10,
      targetSeconds: 20,
      oldestQueuedAt: at(90).toISOString(),
    });
    expect(board.body.queues).toMatchObject({ waiting_calls: 1 });
    expect(await callStats(t.database.db, now, now)).toMatchObject({ offered: 0, serviceLevel: null, averageSpeedOfAnswer: null, waitingNow: 1 });
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
