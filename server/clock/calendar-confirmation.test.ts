/**
 * Issue 15 item 1: a year without a published State Council schedule counts the statutory
 * holidays of 全国年节及纪念日放假办法 第二条 (computed), its dues are provisional, supervisors are
 * warned from 1 November, and confirming the published schedule recomputes open dues.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDays, events, tickets } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { PASTED_2027 } from '../../test/support/schedule-2027';
import { intake, startTestServer, type TestServer } from '../../test/support/server';
import { recomputeDues } from './recompute-dues';

const sh = (local: string) => new Date(`${local}+08:00`);
const end = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

describe(`a year without a published schedule: computed, provisional, confirmed (${engineName()})`, () => {
  let t: TestServer;
  let now = sh('2026-10-31T23:59:00');
  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
  });
  afterAll(() => t.close());

  it('GET /api/calendar?year=2027 lists the holidays computed from 全国年节及纪念日放假办法 第二条 as provisional', async () => {
    const op = await t.login('operator');
    const res = await op.get('/api/calendar?year=2027');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2027, status: 'computed', provisional: true, covered: false, confirmation: null });
    expect(res.body.schedule.makeUpDays).toEqual([]);
    expect(res.body.schedule.daysOff.slice(0, 5)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
    ]);
    const working = new Map(res.body.days.map((d: { date: string; working: boolean }) => [d.date, d.working]));
    for (const date of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01'])
      expect(working.get(date), date).toBe(false);
    // 全国年节及纪念日放假办法 第六条: the holidays on a weekend are made up on the following working days (补假).
    expect(res.body.schedule.daysOff).toEqual(
      expect.arrayContaining([
        { date: '2027-02-09', name: '春节补假' },
        { date: '2027-02-10', name: '春节补假' },
        { date: '2027-05-03', name: '劳动节补假' },
        { date: '2027-05-04', name: '劳动节补假' },
        { date: '2027-10-04', name: '国庆节补假' },
        { date: '2027-10-05', name: '国庆节补假' },
      ]),
    );
    for (const date of ['2027-02-09', '2027-02-10', '2027-05-03', '2027-05-04', '2027-10-04', '2027-10-05']) expect(working.get(date), date).toBe(false);
    expect((await op.get('/api/calendar?year=2026')).body).toMatchObject({ status: 'official', provisional: false, covered: true });
  });

  it('warns supervisors from 1 November (Shanghai), on the wallboard and the calendar, not before', async () => {
    const sup = await t.login('supervisor');
    expect((await sup.get('/api/wallboard')).body.calendarAwaiting).toEqual([]);
    expect((await sup.get('/api/calendar?year=2027')).body.awaiting).toEqual([]);
    now = sh('2026-11-01T00:00:00');
    expect((await sup.get('/api/wallboard')).body.calendarAwaiting).toEqual([2027]);
    expect((await sup.get('/api/calendar?year=2027')).body.awaiting).toEqual([2027]);
  });

  it('a due counted across 2027 carries dueProvisional:true in the API (dispatched 2026-12-31: 元旦 is not working day 1)', async () => {
    now = sh('2026-12-31T10:00:00');
    const op = await t.login('operator');
    const { body } = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    expect(body).toMatchObject({ dueAt: end('2027-01-04'), dueProvisional: true });
    expect((await op.get(`/api/tickets/${body.id}`)).body).toMatchObject({ dueAt: end('2027-01-04'), dueProvisional: true });
    // The ticket page's deadlines carry the flag per action (its 暂定 badge): first contact and reply both cross 元旦 2027.
    const { deadlines } = (await op.get(`/api/tickets/${body.id}`)).body;
    expect(deadlines.firstContact).toMatchObject({ due: end('2027-01-04'), provisional: true });
    expect(deadlines.reply).toMatchObject({ provisional: true });
    now = sh('2026-12-30T10:00:00');
    expect((await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }))).body).toMatchObject({
      dueAt: end('2026-12-31'),
      dueProvisional: false,
    });
  });

  it('confirming the pasted schedule recomputes open dues, one ticket.due_recomputed per changed ticket, and ends the warning', async () => {
    now = sh('2027-02-04T10:00:00'); // Thursday before 除夕
    let op = await t.login('operator'); // sessions expire as the injected clock moves on
    const spring = (await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }))).body;
    expect(spring).toMatchObject({ dueAt: end('2027-02-11'), dueProvisional: true }); // computed: 02-05, 02-08 and the 第六条 补假 02-09/10 off
    now = sh('2027-02-19T10:00:00'); // Friday before the worked Saturday
    op = await t.login('operator');
    const makeUp = (await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }))).body;
    expect(makeUp).toMatchObject({ dueAt: end('2027-02-22'), dueProvisional: true }); // computed: no 调休
    const newYear = (await t.database.db.select().from(tickets)).find((r) => r.dueAt?.toISOString() === end('2027-01-04'))!;

    const sup = await t.login('supervisor');
    expect((await op.post('/api/calendar/years/2027/confirmation', { source: 'paste', daysOff: ['2027-01-01'], makeUpDays: [], note: '测试' })).status).toBe(
      403,
    );
    const bad = await sup.post('/api/calendar/years/2027/confirmation', { source: 'paste', daysOff: ['2028-01-01'], makeUpDays: ['2027-02-22'], note: '测试' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['daysOff', 'makeUpDays']);
    expect((await sup.post('/api/calendar/years/2026/confirmation', { source: 'paste', daysOff: ['2026-01-01'], makeUpDays: [], note: '测试' })).status).toBe(
      409,
    );

    const { parsePastedSchedule } = await import('../../shared/calendar/published-schedule');
    const parsed = parsePastedSchedule(PASTED_2027, 2027);
    expect(parsed.errors).toEqual([]);
    const res = await sup.post('/api/calendar/years/2027/confirmation', {
      source: 'paste',
      daysOff: parsed.daysOff,
      makeUpDays: parsed.makeUpDays,
      note: '国办发明电（测试数据）',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ year: 2027, makeUpDays: ['2027-02-20'], recompute: 'queued' });
    const audit = await t.database.db.select().from(events).where(eq(events.type, 'calendar.year_confirmed'));
    expect(audit).toEqual([
      expect.objectContaining({ actorId: sup.user.id, payload: expect.objectContaining({ year: 2027, source: 'paste', makeUpDays: ['2027-02-20'] }) }),
    ]);
    expect((await t.database.db.select().from(calendarDays)).filter((d) => d.confirmationId === res.body.id)).toHaveLength(parsed.daysOff.length + 1);
    expect((await sup.post('/api/calendar/years/2027/confirmation', { source: 'paste', daysOff: ['2027-01-01'], makeUpDays: [], note: '再次' })).status).toBe(
      409,
    );

    const run = await recomputeDues(t.server.ctx);
    expect(run).toEqual({ corrections: 1, moved: 2 });
    const moved = await t.database.db.select().from(events).where(eq(events.type, 'ticket.due_recomputed'));
    expect(moved.map((e) => [e.ticketId, (e.payload as { previousDue: string }).previousDue, (e.payload as { due: string }).due]).sort()).toEqual(
      [
        [spring.id, end('2027-02-11'), end('2027-02-12')],
        [makeUp.id, end('2027-02-22'), end('2027-02-20')],
      ].sort(),
    );
    expect(moved.every((e) => (e.payload as { confirmedYear?: number }).confirmedYear === 2027)).toBe(true);
    // The 元旦 ticket's due did not move (no event) but is no longer provisional.
    expect((await op.get(`/api/tickets/${newYear.id}`)).body).toMatchObject({ dueAt: end('2027-01-04'), dueProvisional: false });
    expect((await op.get(`/api/tickets/${spring.id}`)).body).toMatchObject({ dueAt: end('2027-02-12'), dueProvisional: false });
    expect((await op.get(`/api/tickets/${spring.id}`)).body.deadlines.firstContact).not.toHaveProperty('provisional');

    const cal = (await sup.get('/api/calendar?year=2027')).body;
    expect(cal).toMatchObject({ status: 'confirmed', provisional: false, covered: true, awaiting: [], confirmation: { source: 'paste', by: sup.user.id } });
    expect((await sup.get('/api/wallboard')).body.calendarAwaiting).toEqual([]);
    expect(await recomputeDues(t.server.ctx)).toEqual({ corrections: 0, moved: 0 });
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
