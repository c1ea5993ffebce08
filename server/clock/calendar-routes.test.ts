import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDays, clockRecomputes, events, tickets } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { intake, startTestServer, type TestServer } from '../../test/support/server';
import { recomputeDues } from './recompute-dues';

const now = new Date('2026-11-23T10:00:00+08:00');

describe(`calendar corrections and policy versions (${engineName()})`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
  });
  afterAll(() => t.close());

  it('only supervisors correct the calendar; bad input changes nothing', async () => {
    const op = await t.login('operator');
    expect((await op.post('/api/calendar/days', { date: '2026-11-24', working: false, note: '台风停工' })).status).toBe(403);
    const sup = await t.login('supervisor');
    const bad = await sup.post('/api/calendar/days', { date: '2026-13-01', working: 'no', note: '' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['date', 'note', 'working']);
    expect(await t.database.db.select().from(calendarDays)).toEqual([]);
  });

  it('a day off added by a supervisor is audited at once; the job then moves open tickets’ due dates, one event each', async () => {
    const op = await t.login('operator');
    const { body } = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    const before = new Date('2026-11-24T23:59:59.999+08:00').toISOString();
    const after = new Date('2026-11-25T23:59:59.999+08:00').toISOString();
    expect(body.dueAt).toBe(before);
    const sup = await t.login('supervisor');
    const res = await sup.post('/api/calendar/days', { date: '2026-11-24', working: false, note: '台风红色预警，全镇停工' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ date: '2026-11-24', working: false, recompute: 'queued' });
    const audit = await t.database.db.select().from(events).where(eq(events.type, 'calendar.day_set'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: sup.user.id, payload: { date: '2026-11-24', working: false, id: res.body.id } });

    // The request answered before any recompute (no job runs on a timer in tests): the due is the old one, the recompute queued.
    const dueOf = async () => (await t.database.db.select().from(tickets).where(eq(tickets.id, body.id)))[0]!.dueAt!.toISOString();
    const moved = async () => (await t.database.db.select().from(events).where(eq(events.type, 'ticket.due_recomputed'))).filter((e) => e.ticketId === body.id);
    expect(await dueOf()).toBe(before);
    expect(await moved()).toEqual([]);
    expect(await t.database.db.select().from(clockRecomputes)).toEqual([{ calendarDayId: res.body.id, requestedAt: now, doneAt: null }]);

    const run = await recomputeDues(t.server.ctx);
    expect(run.corrections).toBe(1);
    expect(run.moved).toBeGreaterThanOrEqual(1);
    expect(await dueOf()).toBe(after);
    const [event] = await moved();
    expect(event).toMatchObject({
      actorId: null,
      actorRole: 'system',
      payload: {
        calendarDayId: res.body.id,
        date: '2026-11-24',
        clock: 'first_contact',
        previousDue: before,
        due: after,
        ticket: { id: body.id, dueAt: after },
      },
    });
    expect((await t.database.db.select().from(clockRecomputes))[0]!.doneAt).toEqual(now);

    // Done is done: running the job again (or two at once) changes and sends nothing.
    const again = await Promise.all([recomputeDues(t.server.ctx), recomputeDues(t.server.ctx)]);
    expect(again).toEqual([
      { corrections: 0, moved: 0 },
      { corrections: 0, moved: 0 },
    ]);
    expect(await moved()).toHaveLength(1);
    const cal = await op.get('/api/calendar?year=2026');
    expect(cal.body.days.find((d: { date: string }) => d.date === '2026-11-24').working).toBe(false);
    expect(cal.body.days.filter((d: { working: boolean }) => d.working)).toHaveLength(247);
  });

  it('a new policy version applies to new tickets only', async () => {
    const sup = await t.login('supervisor');
    const list = await sup.get('/api/policies');
    const current = list.body.find((p: { code: string; version: number }) => p.code === 'hotline_default' && p.version === 1).definition;
    const op = await t.login('operator');
    const before = (await op.post('/api/tickets', intake())).body;
    const edited = structuredClone(current);
    edited.clocks.reply.rounds[0].limit.days = 4;
    edited.clocks.reply.rounds[0].lights = { warningFromDay: 2, yellowOnDay: 3, redOnDay: 4 };
    // The route assigns code and version itself.
    const definition = Object.fromEntries(Object.entries(edited).filter(([key]) => key !== 'code' && key !== 'version'));
    const res = await sup.post('/api/policies/hotline_default', definition);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.version).toBe(2);
    const audit = await t.database.db.select().from(events).where(eq(events.type, 'policy.versioned'));
    expect(audit).toEqual([expect.objectContaining({ actorId: sup.user.id, actorRole: 'supervisor', payload: { code: 'hotline_default', version: 2 } })]);
    const after = (await op.post('/api/tickets', intake())).body;
    expect([before.policyVersion, after.policyVersion]).toEqual([1, 2]);
    expect((await op.post('/api/policies/hotline_default', definition)).status).toBe(403);
  });

  it('two processes running the recompute of one correction at once move each ticket once, with one event', async () => {
    const op = await t.login('operator');
    const { body } = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    const sup = await t.login('supervisor');
    const res = await sup.post('/api/calendar/days', { date: '2026-11-25', working: false, note: '全镇停电检修' });
    expect(res.status).toBe(201);
    // On PostgreSQL the two runs hold separate connections and race ticket by ticket.
    const runs = await Promise.all([recomputeDues(t.server.ctx), recomputeDues(t.server.ctx)]);
    expect(runs[0]!.corrections + runs[1]!.corrections).toBe(1);
    const sent = (await t.database.db.select().from(events).where(eq(events.type, 'ticket.due_recomputed'))).filter(
      (e) => (e.payload as { calendarDayId: number }).calendarDayId === res.body.id,
    );
    expect(runs[0]!.moved + runs[1]!.moved).toBe(sent.length);
    expect(new Set(sent.map((e) => e.ticketId)).size).toBe(sent.length);
    expect(sent.map((e) => e.ticketId)).toContain(body.id);
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
