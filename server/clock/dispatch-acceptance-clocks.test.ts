/**
 * Issue 15.3 through the real API and the real sweeper with an injected clock — two clocks that had
 * none: the centre dispatches within 1 working day of registration (000 三(一) "确认工单内容，1个工作日内
 * 派单至相关承办单位") and the unit accepts within 1 working day of the dispatch (001 二.1 "承办部门应先行接单
 * 并在1个工作日之内予以先行联系"; 001 五.1 reports "未按时先行接单"). Both are derived from stored timestamps
 * and the working-day calendar (002: day 1 is the working day after the start), in Shanghai time.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { engineName } from '../../test/support/db';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';
import { sweepClocks } from './sweeper';

/** Friday 2026-11-27 16:00 in Shanghai: day 1 is Monday 30 November. */
let now = new Date('2026-11-27T16:00:00+08:00');
const at = (iso: string) => (now = new Date(iso));
const MONDAY_END = new Date('2026-11-30T23:59:59.999+08:00').toISOString();

describe(`the dispatch and acceptance clocks, 000 三(一) and 001 二.1 (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let unit: ApiClient;
  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
    [op, sup, unit] = (await Promise.all(['operator', 'supervisor', 'liaison-d-chengguan'].map((u) => t.login(u)))) as [ApiClient, ApiClient, ApiClient];
  });
  afterAll(() => t.close());

  const queued = async (id: number) => (await sup.get('/api/tickets')).body.tickets.find((x: { id: number }) => x.id === id);
  const noticesOf = async (id: number) =>
    (
      await t.database.db
        .select()
        .from(events)
        .where(and(eq(events.ticketId, id), eq(events.type, 'ticket.light_changed')))
    ).map((e) => (e.payload as { clock: string; light: string }).clock + ':' + (e.payload as { light: string }).light);

  it('a registered ticket not dispatched: due the next working day, red on it, overdue after, each light told once', async () => {
    at('2026-11-27T16:00:00+08:00');
    const { id } = (await op.post('/api/tickets', intake({ contactPhone: '13955550001' }))).body;
    expect(await queued(id)).toMatchObject({ state: 'registered', clockKind: 'dispatch', dueAt: MONDAY_END, light: 'normal' });
    expect((await sup.get(`/api/tickets/${id}`)).body.deadlines.dispatch).toEqual({ due: MONDAY_END, light: 'normal', status: 'running' });

    at('2026-11-30T09:00:00+08:00');
    await sweepClocks(t.server.ctx);
    await sweepClocks(t.server.ctx);
    expect(await queued(id)).toMatchObject({ clockKind: 'dispatch', light: 'red' });
    at('2026-12-01T09:00:00+08:00');
    await sweepClocks(t.server.ctx);
    expect(await queued(id)).toMatchObject({ clockKind: 'dispatch', light: 'overdue' });
    expect(await noticesOf(id)).toEqual(['dispatch:red', 'dispatch:overdue']);

    // Dispatched late: the clock stops, its verdict stays on the ticket page.
    const { version } = (await sup.get(`/api/tickets/${id}`)).body;
    expect((await sup.post(ticketCommandPath('dispatch', id), { version, leadUnitId: t.units.d_chengguan, assistUnitIds: [] })).status).toBe(200);
    const after = (await sup.get(`/api/tickets/${id}`)).body;
    expect(after.deadlines.dispatch).toMatchObject({ due: MONDAY_END, status: 'late' });
    expect(after.deadlines.acceptance).toMatchObject({ due: new Date('2026-12-02T23:59:59.999+08:00').toISOString(), status: 'running' });
  });

  it('a dispatched ticket: the unit accepts within 1 working day, met or late on the ticket page', async () => {
    at('2026-11-27T16:00:00+08:00');
    const onTime = (await op.post('/api/tickets', intake({ contactPhone: '13955550002', leadUnitId: t.units.d_chengguan }))).body.id as number;
    const late = (await op.post('/api/tickets', intake({ contactPhone: '13955550003', leadUnitId: t.units.d_chengguan }))).body.id as number;
    const detail = async (id: number) => (await unit.get(`/api/tickets/${id}`)).body;
    expect((await detail(onTime)).deadlines.acceptance).toEqual({ due: MONDAY_END, light: 'normal', status: 'running' });
    expect((await detail(onTime)).deadlines.dispatch).toMatchObject({ status: 'met' });

    at('2026-11-30T11:00:00+08:00');
    expect((await unit.post(ticketCommandPath('accept', onTime), { version: (await detail(onTime)).version })).status).toBe(200);
    at('2026-12-01T10:00:00+08:00');
    expect((await detail(late)).deadlines.acceptance).toMatchObject({ light: 'overdue', status: 'running' });
    expect((await unit.post(ticketCommandPath('accept', late), { version: (await detail(late)).version })).status).toBe(200);
    expect((await detail(onTime)).deadlines.acceptance).toMatchObject({ due: MONDAY_END, status: 'met' });
    expect((await detail(late)).deadlines.acceptance).toMatchObject({ due: MONDAY_END, status: 'late' });
  });

  it('reports them: R20 dispatched on time, R21 accepted on time and the units that accepted late (001 五.1)', async () => {
    // As of Tuesday 1 December 10:00: November holds the three dispatch clocks (two met at once on Friday,
    // one late at Monday's end) and the two acceptances due Monday (one met, one late); the late
    // dispatch's acceptance (due 2 December) is still pending.
    const report = (await sup.get('/api/reports?month=2026-11')).body;
    expect(report.current.dispatchOnTime).toEqual({ num: 2, den: 3, rate: 2 / 3 });
    expect(report.current.acceptanceOnTime).toEqual({ num: 1, den: 2, rate: 1 / 2 });
    expect(report.units.find((u: { unitId: number }) => u.unitId === t.units.d_chengguan)).toMatchObject({ acceptanceLate: 1 });
    // Kept apart from R4–R6 and R11: no first-contact or reply clock of November is counted by them.
    expect(report.comparisons.map((c: { key: string }) => c.key)).toEqual(expect.arrayContaining(['dispatchOnTime', 'acceptanceOnTime']));
  });
});
