import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDays, events, tickets } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { intake, startTestServer, type TestServer } from '../../test/support/server';

const now = new Date('2026-11-23T10:00:00+08:00');

describe(`calendar corrections and policy versions (${engineName()})`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
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

  it('a day off added by a supervisor moves open tickets’ due dates, and is audited', async () => {
    const op = await t.login('operator');
    const { body } = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    expect(body.dueAt).toBe(new Date('2026-11-24T23:59:59.999+08:00').toISOString());
    const sup = await t.login('supervisor');
    const res = await sup.post('/api/calendar/days', { date: '2026-11-24', working: false, note: '台风红色预警，全镇停工' });
    expect(res.status).toBe(201);
    expect(res.body.recomputedTickets).toBeGreaterThanOrEqual(1);
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, body.id));
    expect(row!.dueAt!.toISOString()).toBe(new Date('2026-11-25T23:59:59.999+08:00').toISOString());
    const audit = await t.database.db.select().from(events).where(eq(events.type, 'calendar.day_set'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: sup.user.id, payload: { date: '2026-11-24', working: false } });
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
    const { code: _c, version: _v, ...definition } = edited;
    const res = await sup.post('/api/policies/hotline_default', definition);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.version).toBe(2);
    const after = (await op.post('/api/tickets', intake())).body;
    expect([before.policyVersion, after.policyVersion]).toEqual([1, 2]);
    expect((await op.post('/api/policies/hotline_default', definition)).status).toBe(403);
  });
});
