/**
 * Issue 18.3/18.5 through the API on an injected clock: shifts defined and staffed, the roster's
 * staffed against required, the xlsx; a handover written with what is open, read and acknowledged
 * by the next shift's supervisor, each step an event with its actor.
 */
import { and, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import type { HandoverAnswer, RosterAnswer } from '../../shared/schemas/staffing';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';
import { seedEarlierWeeksCalls, userIds } from '../../test/support/staffing-history';

let now = new Date('2026-12-04T15:40:00+08:00');

describe(`shifts, roster and handover (${engineName()})`, () => {
  let t: TestServer;
  let sup: ApiClient;
  let sup2: ApiClient;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
    sup = await t.login('supervisor');
    sup2 = await t.login('supervisor2');
    Object.assign(ids, await userIds(t.database.db));
  });
  afterAll(() => t?.close());

  it('defines shifts (supervisors only, exact messages) and puts operators on them', async () => {
    expect((await ApiClient.anonymous(t.url).post('/api/staffing/shifts', {})).status).toBe(401);
    const bad = await sup.post('/api/staffing/shifts', { name: '早班', start: '08:15', hours: 8 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('开始时间应为整点或半点');
    expect((await (await t.login('leader')).post('/api/staffing/shifts', { name: '早班', start: '08:00', hours: 8 })).status).toBe(403);
    for (const [name, start] of [
      ['夜班', '00:00'],
      ['早班', '08:00'],
      ['中班', '16:00'],
    ] as const) {
      const res = await sup.post('/api/staffing/shifts', { name, start, hours: 8 });
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    }
    for (const op of ['operator', 'operator2']) {
      expect((await sup.post('/api/staffing/assignments', { date: '2026-12-04', shiftId: ids['早班'], userId: ids[op] })).status).toBe(200);
    }
    const again = await sup.post('/api/staffing/assignments', { date: '2026-12-04', shiftId: ids['早班'], userId: ids.operator });
    expect(again.status).toBe(409);
    const liaison = await sup.post('/api/staffing/assignments', { date: '2026-12-04', shiftId: ids['早班'], userId: ids['liaison-d-chengguan'] });
    expect(liaison.status).toBe(400);
    const assigned = await t.database.db.select().from(events).where(eq(events.type, 'shift.assigned'));
    expect(assigned).toHaveLength(2);
    expect(assigned.every((e) => e.actorId === ids.supervisor)).toBe(true);
  });

  it('shows staffed against required per half-hour and exports it as xlsx with gaps', async () => {
    // Some history so the requirement is not zero: 20 calls at 09:00 on each of the last four Fridays.
    await seedEarlierWeeksCalls(t.database.db, '2026-12-04T09:00:00+08:00', 'CAr');
    const r = (await sup.get('/api/staffing/roster?from=2026-12-04&days=1')).body as RosterAnswer;
    const day = r.days[0]!;
    expect(day.staffed[18]).toBe(2); // 09:00, early shift
    expect(day.staffed[2]).toBe(0);
    expect(day.required[18]).toBeGreaterThan(2); // 40 calls/h at 300 s: a gap
    const x = await fetch(`${t.url}/api/staffing/roster/xlsx?from=2026-12-04&days=1`, { headers: { cookie: sup.cookie! } });
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    const sheet = wb.getWorksheet('2026-12-04')!;
    expect(sheet.getRow(20).getCell(1).value).toBe('09:00');
    expect(sheet.getRow(20).getCell(4).value).toBe(2);
    expect((sheet.getRow(20).getCell(5).value as number) > 0).toBe(true);
  });

  it('writes a handover with what is open; the next shift’s supervisor sees and acknowledges it; the writer cannot', async () => {
    const op = await t.login('operator');
    now = new Date('2026-12-01T10:00:00+08:00');
    await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan })); // due in working days: overdue by the 4th? checked below by kind
    now = new Date('2026-12-04T15:40:00+08:00');
    const before = (await sup.get('/api/staffing/handover')).body as HandoverAnswer;
    expect(before.latest).toBeNull();
    expect(before.nextHandoverAt).toBe(new Date('2026-12-05T00:00:00+08:00').toISOString());
    expect((await sup.post('/api/staffing/handover', { note: '', previousId: null })).status).toBe(400);
    // Without saying which note the writer read: refused (a junk body cannot write a handover).
    expect((await sup.post('/api/staffing/handover', { note: '城管中队两单待回复' })).status).toBe(400);
    const written = await sup.post('/api/staffing/handover', { note: '城管中队两单待回复，夜班注意跟进。', previousId: null });
    // The other supervisor read no note either: the one just written is read first.
    const overtaken = await sup2.post('/api/staffing/handover', { note: '另一份交接', previousId: null });
    expect([overtaken.status, overtaken.body.error?.code]).toEqual([409, 'version_conflict']);
    expect(written.status).toBe(201);
    const seen = (await sup2.get('/api/staffing/handover')).body as HandoverAnswer;
    expect(seen.latest).toMatchObject({ note: '城管中队两单待回复，夜班注意跟进。', writtenBy: { id: ids.supervisor }, acknowledgedBy: null });
    const open = seen.latest!.openAtWriting;
    expect(open.ticketsOverdue.length + open.ticketsDueBeforeNext.length).toBeGreaterThan(0);
    const self = await sup.post(`/api/staffing/handover/${written.body.id}/acknowledge`, { version: 1 });
    expect(self.status).toBe(409);
    now = new Date('2026-12-04T16:05:00+08:00');
    const ack = await sup2.post(`/api/staffing/handover/${written.body.id}/acknowledge`, { version: 1 });
    expect(ack.status).toBe(200);
    expect((await sup2.post(`/api/staffing/handover/${written.body.id}/acknowledge`, { version: 2 })).status).toBe(409);
    const after = (await sup.get('/api/staffing/handover')).body as HandoverAnswer;
    expect(after.latest).toMatchObject({ acknowledgedBy: { id: ids.supervisor2 }, acknowledgedAt: now.toISOString() });
    const steps = await t.database.db
      .select()
      .from(events)
      .where(and(like(events.type, 'handover.%')));
    expect(steps.map((e) => [e.type, e.actorId])).toEqual([
      ['handover.written', ids.supervisor],
      ['handover.acknowledged', ids.supervisor2],
    ]);
    // The note is the supervisor's free text: never in the event stream.
    expect(JSON.stringify(steps.map((e) => e.payload))).not.toContain('城管中队');
  });

  it('retires a shift no longer worked: refused while anyone is on it from today on, kept for the days it was worked', async () => {
    const trial = await sup.post('/api/staffing/shifts', { name: '试用班', start: '12:00', hours: 4 });
    expect(trial.body.retired).toBe(false);
    const id = trial.body.id as number;
    const assign = (date: string, remove?: boolean) =>
      sup.post('/api/staffing/assignments', { date, shiftId: id, userId: ids.operator, ...(remove ? { remove } : {}) });
    expect((await assign('2026-12-03')).status).toBe(200);
    expect((await assign('2026-12-05')).status).toBe(200);
    expect((await (await t.login('leader')).post(`/api/staffing/shifts/${id}/retire`, {})).status).toBe(403);
    const busy = await sup.post(`/api/staffing/shifts/${id}/retire`, {});
    expect([busy.status, busy.body.error.code, busy.body.error.message]).toEqual([
      409,
      'invalid_state',
      '这个班次2026-12-05起仍有人员排班，请先调整排班再停用',
    ]);
    expect((await assign('2026-12-05', true)).status).toBe(200);

    const retired = await sup.post(`/api/staffing/shifts/${id}/retire`, {});
    expect([retired.status, retired.body]).toEqual([200, { id, name: '试用班', startMinute: 720, durationMinutes: 240, retired: true }]);
    const [event] = await t.database.db.select().from(events).where(eq(events.type, 'shift.retired'));
    expect([event?.actorId, (event?.payload as { shift: { id: number } }).shift.id]).toEqual([ids.supervisor, id]);
    expect((await sup.post(`/api/staffing/shifts/${id}/retire`, {})).body.error.message).toBe('这个班次已停用');
    expect((await sup.post('/api/staffing/shifts/999999/retire', {})).status).toBe(404);
    const onRetired = await assign('2026-12-06');
    expect([onRetired.status, onRetired.body.error.message]).toEqual([409, '这个班次已停用']);

    // The day it was worked still shows it, and who was on it.
    const r = (await sup.get('/api/staffing/roster?from=2026-12-03&days=1')).body as RosterAnswer;
    expect(r.shifts.find((s) => s.id === id)).toMatchObject({ name: '试用班', retired: true });
    expect(r.assignments).toContainEqual(expect.objectContaining({ date: '2026-12-03', shiftId: id, userId: ids.operator }));
    expect(r.days[0]!.staffed[24]).toBeGreaterThanOrEqual(1); // 12:00 on the 3rd
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
