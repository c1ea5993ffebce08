/**
 * PRODUCT.md §10 on a hand-built month with known answers (server/reports/test-month.ts), through the
 * real API on a real database: every figure of docs/REPORTS.md for November 2026 as a leader
 * gets it on 1 December, the comparisons, the units ranked and the bottom three three months
 * running, the lists; the spreadsheet opened back and read cell by cell; the weekly review.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, startTestServer, type TestServer } from '../../test/support/server';
import { buildTestMonth, type TestMonth } from '../../test/support/test-month';
import { runReportCommand } from './cli';

let now = new Date('2026-09-01T09:00:00+08:00');
const clock = { set: (iso: string) => (now = new Date(iso)) };
const r = (num: number, den: number) => ({ num, den, rate: num / den });

describe(`reports on a hand-built month (${engineName()})`, () => {
  let t: TestServer;
  let m: TestMonth;
  let leader: ApiClient;
  let report: any;
  let unit: Record<'A' | 'B' | 'C' | 'D' | 'E', number>;

  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
    m = await buildTestMonth(t, clock);
    clock.set('2026-12-01T09:00:00+08:00');
    leader = await t.login('leader');
    unit = { A: t.units.d_environment!, B: t.units.d_housing!, C: t.units.d_chengguan!, D: t.units.d_market!, E: t.units.d_police! };
    const res = await leader.get('/api/reports?month=2026-11');
    expect(res.status).toBe(200);
    report = res.body;
  }, 240_000);
  afterAll(() => t.close());

  it('refuses the anonymous, other roles and bad periods with Chinese messages', async () => {
    expect((await ApiClient.anonymous(t.url).get('/api/reports?month=2026-11')).status).toBe(401);
    expect((await (await t.login('operator')).get('/api/reports?month=2026-11')).status).toBe(403);
    expect((await (await t.login('liaison')).get('/api/reports/xlsx?month=2026-11')).status).toBe(403);
    const none = await leader.get('/api/reports');
    expect([none.status, none.body.error.fields.month]).toEqual([400, '请选择统计期：月份（month）、周（week）或起止日期（from、to）其中之一']);
    expect((await leader.get('/api/reports?month=2026-13')).body.error.fields.month).toBe('月份格式应为 YYYY-MM，例如 2026-10');
    expect((await leader.get('/api/reports?from=2026-11-10&to=2026-11-01')).body.error.fields.to).toBe('结束日期不能早于开始日期');
    expect((await leader.get('/api/reports?from=2026-01-01&to=2027-06-01')).body.error.fields.to).toBe('统计期不能超过366天');
  });

  it('counts what was received, by source, type, category and community (R1, R2)', () => {
    const f = report.current;
    expect(report.period).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30', label: '2026年11月' });
    expect(f.received).toBe(12);
    expect(f.closedOnCall).toBe(1);
    const counts = (rows: { key: string; count: number }[]) => Object.fromEntries(rows.map((x) => [x.key, x.count]));
    expect(counts(f.bySource)).toEqual({ hotline: 10, walk_in: 1, district_12345: 1 });
    expect(counts(f.byType)).toEqual({ complaint_help: 10, consultation: 1, suggestion: 1 });
    expect(counts(f.byCategory)).toEqual({
      cooking_fumes: 2,
      noise: 2,
      group_renting: 1,
      street_vending: 1,
      social_insurance: 1,
      property_management: 1,
      parking: 1,
      market_food_safety: 1,
      greenery: 1,
      pets: 1,
    });
    expect(
      f.byCategory
        .slice(0, 2)
        .map((x: { label: string }) => x.label)
        .sort(),
    ).toEqual(['噪声扰民', '油烟扰民'].sort());
    const u = t.units;
    expect(counts(f.byCommunity)).toEqual({
      [u.c_yiting!]: 2,
      [u.c_huting!]: 2,
      [u.c_aoyuan!]: 1,
      [u.c_yifu!]: 1,
      [u.c_mingzhu!]: 1,
      [u.c_banting!]: 1,
      [u.c_jiuxin!]: 1,
      [u.c_laifangcun!]: 1,
      [u.c_dayincun!]: 1,
      unresolved: 1,
    });
    expect(f.byCommunity.find((x: { key: string }) => x.key === 'unresolved').label).toBe('地址未能识别');
    expect(f.daily).toHaveLength(30);
    expect(f.daily.filter((d: { count: number }) => d.count > 0).map((d: { date: string; count: number }) => `${d.date}:${d.count}`)).toEqual([
      '2026-11-02:2',
      '2026-11-03:1',
      '2026-11-04:1',
      '2026-11-05:1',
      '2026-11-06:1',
      '2026-11-09:1',
      '2026-11-10:1',
      '2026-11-11:1',
      '2026-11-12:1',
      '2026-11-16:1',
      '2026-11-30:1',
    ]);
  });

  it('counts handlings and the on-time rates of first contact, reply and revisit (R3–R6)', () => {
    const f = report.current;
    expect(f.dispatched).toBe(16);
    expect(Object.fromEntries(f.byUnit.map((x: { key: string; count: number }) => [x.key, x.count]))).toEqual({
      [unit.A]: 5,
      [unit.B]: 3,
      [unit.C]: 3,
      [unit.D]: 3,
      [unit.E]: 2,
    });
    expect(f.firstContactOnTime).toEqual(r(12, 15));
    expect(f.replyOnTime).toEqual(r(12, 14));
    expect(f.revisitOnTime).toEqual(r(12, 13));
    expect(f.overdue).toBe(6);
  });

  it('rates resolution and satisfaction without the not-counted ticket (R7–R9)', () => {
    const f = report.current;
    expect(f.evaluations).toEqual({ counted: 10, excluded: 2, resolved: 8, satisfied: 6, basicallySatisfied: 2, dissatisfied: 2, unreachable: 1 });
    expect(f.resolutionRate).toEqual(r(8, 10));
    expect(f.satisfactionRate).toEqual(r(8, 10));
  });

  it('rates participation in the revisit evaluation (R18, 003 二(二)2 参评率): evaluated ÷ (evaluated + unreachable)', () => {
    // 10 counted + 2 excluded evaluations (the citizen gave a verdict), 1 revisit archived as unreachable.
    expect(report.current.participationRate).toEqual(r(12, 13));
    expect(report.comparisons.find((c: { key: string }) => c.key === 'participationRate')).toMatchObject({ kind: 'rate', current: 12 / 13 });
  });

  it('counts returns, send-backs, repeats and supervision (R10–R13)', () => {
    const f = report.current;
    expect(f.returns).toEqual({ requested: 2, approved: 1, rejected: 1 });
    expect(f.sentBack).toBe(1);
    expect(f.repeats).toBe(4);
    expect(report.repeatsList.map((x: any) => [x.ticketNumber, x.reasons, x.earlierTicketNumbers])).toEqual([
      [m.tickets.T2.number, ['same_place'], [m.tickets.T12.number]],
      [m.tickets.T7.number, ['same_phone'], [m.tickets.T1.number]],
      [m.tickets.T8.number, ['same_place'], [m.tickets.T1.number]],
      [m.tickets.T11.number, ['same_place'], [m.tickets.T2.number]],
    ]);
    expect(report.repeatsList[1].phoneMasked).toBe('139****0001');
    expect(JSON.stringify(report)).not.toMatch(/1390000\d{4}/);
    expect(f.supervision).toEqual({
      opened: 3,
      byType: expect.arrayContaining([
        { key: 'written', label: '书面督办', count: 1 },
        { key: 'on_site', label: '现场协调督办', count: 1 },
        { key: 'escalated', label: '提级协调督办', count: 1 },
      ]),
      closed: 0,
      progressed: 1,
      // DB2026-0001's only reply said 正在处置 (still being handled): no answer, so not on time (issue 15 item 4).
      replyOnTime: r(0, 1),
      activeAtEnd: 2,
    });
    expect(report.supervisionList.map((s: any) => [s.number, s.type, s.state, s.ticketNumber, s.onTime])).toEqual([
      ['DB2026-0001', 'written', 'progressed', m.tickets.T4.number, false],
      ['DB2026-0002', 'on_site', 'open', m.tickets.T4.number, null],
      ['DB2026-0003', 'escalated', 'open', m.tickets.T11.number, null],
    ]);
    expect(report.returnsList.map((x: any) => [x.ticketNumber, x.unitName, x.decision])).toEqual([
      [m.tickets.T3.number, '镇房管办', 'approved'],
      [m.tickets.T10.number, '九亭市场监管所', 'rejected'],
    ]);
  });

  it('compares a month still running with the same days before (环比 1–16 October, 同比 1–16 November 2025), a finished one with whole months', async () => {
    try {
      clock.set('2026-11-16T12:00:00+08:00');
      const running = (await leader.get('/api/reports?month=2026-11')).body;
      expect([running.previous.period, running.yearAgo.period].map((p: { from: string; to: string }) => `${p.from}..${p.to}`)).toEqual([
        '2026-10-01..2026-10-16',
        '2025-11-01..2025-11-16',
      ]);
      clock.set('2026-12-01T00:00:01+08:00');
      const finished = (await leader.get('/api/reports?month=2026-11')).body;
      expect([finished.previous.period, finished.yearAgo.period].map((p: { from: string; to: string }) => `${p.from}..${p.to}`)).toEqual([
        '2026-10-01..2026-10-31',
        '2025-11-01..2025-11-30',
      ]);
    } finally {
      clock.set('2026-12-01T09:00:00+08:00');
    }
  });

  it('lists every clock that went overdue in the month, still open ones marked (R11)', () => {
    const day = (iso: string | null) => (iso === null ? null : new Date(iso).toISOString());
    expect(report.overdueList.map((o: any) => [o.clock, o.ticketNumber, o.unitId, o.due, o.doneAt])).toEqual([
      ['first_contact', m.tickets.T2.number, unit.A, day('2026-11-03T23:59:59.999+08:00'), day('2026-11-04T09:00:00+08:00')],
      ['reply', m.tickets.T2.number, unit.A, day('2026-11-09T23:59:59.999+08:00'), day('2026-11-10T09:00:00+08:00')],
      ['first_contact', m.tickets.T4.number, unit.C, day('2026-11-10T23:59:59.999+08:00'), null],
      ['reply', m.tickets.T4.number, unit.C, day('2026-11-16T23:59:59.999+08:00'), null],
      ['first_contact', m.tickets.T9.number, unit.D, day('2026-11-16T23:59:59.999+08:00'), null],
      ['revisit', m.tickets.T8.number, unit.A, day('2026-11-24T23:59:59.999+08:00'), day('2026-11-25T10:00:00+08:00')],
    ]);
  });

  it('ranks units by satisfaction, marks the bottom three and the three months running (R14, R15)', () => {
    const rows = report.units.map((x: any) => [
      x.unitId,
      x.rank,
      x.bottomThree,
      x.dispatched,
      x.firstContactOnTime,
      x.replyOnTime,
      x.evaluations,
      x.resolutionRate,
      x.satisfactionRate,
      x.dissatisfied,
      x.returnsRequested,
      x.overdue,
    ]);
    const none = { num: 0, den: 0, rate: null };
    expect(rows).toEqual([
      // R19 (003 二(二)3): the dissatisfied count beside the satisfaction rate.
      [unit.E, 1, false, 2, r(2, 2), r(2, 2), 1, r(1, 1), r(1, 1), 0, 0, 0],
      [unit.D, 2, true, 3, r(2, 3), r(2, 2), 2, r(1, 2), r(2, 2), 0, 1, 1],
      [unit.A, 3, true, 5, r(4, 5), r(4, 5), 5, r(4, 5), r(4, 5), 1, 0, 2],
      [unit.C, 4, true, 3, r(2, 3), r(2, 3), 2, r(2, 2), r(1, 2), 1, 0, 2],
      [unit.B, null, false, 3, r(2, 2), r(2, 2), 0, none, none, 0, 1, 0],
    ]);
    expect(report.bottomThreeRunning).toEqual([
      { unitId: unit.A, unitName: '镇生态环境办', months: ['2026-09', '2026-10', '2026-11'] },
      { unitId: unit.C, unitName: '九亭镇城管中队', months: ['2026-09', '2026-10', '2026-11'] },
    ]);
  });

  it('compares with October (环比) and November 2025 (同比), and finds rising hot spots (R16, R17)', () => {
    const row = (key: string) => report.comparisons.find((c: { key: string }) => c.key === key);
    expect(row('received')).toMatchObject({ kind: 'count', current: 12, previous: 5, yearAgo: 1, mom: 1.4, yoy: 11 });
    const sat = row('satisfactionRate');
    expect([sat.kind, sat.current, sat.previous, sat.yearAgo]).toEqual(['rate', 0.8, 0.5, 1]);
    expect(sat.mom).toBeCloseTo(0.3, 10);
    expect(sat.yoy).toBeCloseTo(-0.2, 10);
    expect(report.previous.received).toBe(5);
    expect(report.yearAgo.period).toMatchObject({ from: '2025-11-01', to: '2025-11-30' });
    expect(report.hotSpots.categories.slice(0, 2).map((h: any) => [h.key, h.count, h.previous, h.change])).toEqual([
      ['cooking_fumes', 2, 0, 2],
      ['noise', 2, 1, 1],
    ]);
    expect(report.hotSpots.categories).toHaveLength(5);
    expect(report.hotSpots.places.slice(0, 2).map((h: any) => [Number(h.key), h.count, h.previous])).toEqual([
      [t.units.c_yiting, 2, 0],
      [t.units.c_huting, 2, 1],
    ]);
  });

  it('exports a real workbook, one sheet per table, Chinese headers, read back cell by cell', async () => {
    const res = await fetch(`${t.url}/api/reports/xlsx?month=2026-11`, { headers: { cookie: leader.cookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain('62112345报表-2026-11-01至2026-11-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概览',
      '按来源',
      '按类型',
      '按问题分类',
      '按社区',
      '承办单位',
      '超时清单',
      '退单',
      '重复来电',
      '督办',
      '热点',
      '每日受理',
    ]);
    const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

    const overview = wb.getWorksheet('概览')!;
    expect(overview.getCell('A1').value).toBe('九亭镇62112345便民服务专线 2026年11月工作报表');
    expect(values(overview, 4)).toEqual(['指标', '本期', '上期', '环比', '去年同期', '同比']);
    expect(values(overview, 5)).toEqual(['受理量', 12, 5, 1.4, 1, 11]);
    expect(overview.getCell('D5').numFmt).toBe('+0.0%;-0.0%;0.0%');
    const satRow = overview.getColumn(1).values.indexOf('满意率');
    expect(values(overview, satRow)).toEqual(['满意率', 0.8, 0.5, 30, 1, -20]);
    expect(overview.getCell(satRow, 2).numFmt).toBe('0.0%');
    expect(overview.getCell(satRow, 4).numFmt).toContain('个百分点');
    const evalRow = overview.getColumn(1).values.indexOf('纳入测评的回访');
    expect([values(overview, evalRow), values(overview, evalRow + 5)]).toEqual([
      ['纳入测评的回访', 10],
      ['不纳入测评/客观件（不计满意率）', 2],
    ]);

    const source = wb.getWorksheet('按来源')!;
    expect([values(source, 1), values(source, 2), values(source, 5)]).toEqual([
      ['来源', '件数', '占比'],
      ['专线来电', 10, 10 / 12],
      ['合计', 12, 1],
    ]);

    const units = wb.getWorksheet('承办单位')!;
    expect(values(units, 1)).toEqual([
      '排名',
      '承办单位',
      '派单',
      '先行联系按时率',
      '答复按时率',
      '回访评价',
      '实际解决率',
      '满意率',
      '不满意件数',
      '退单申请',
      '超时',
      '满意率后三位',
    ]);
    expect(values(units, 2)).toEqual([1, '九亭派出所', 2, 1, 1, 1, 1, 1, 0, 0, 0, '']);
    expect(values(units, 3)).toEqual([2, '九亭市场监管所', 3, 2 / 3, 1, 2, 0.5, 1, 0, 1, 1, '是']);
    expect(values(units, 4)).toEqual([3, '镇生态环境办', 5, 0.8, 0.8, 5, 0.8, 0.8, 1, 0, 2, '是']);
    expect(values(units, 5)).toEqual([4, '九亭镇城管中队', 3, 2 / 3, 2 / 3, 2, 1, 0.5, 1, 0, 2, '是']);
    expect(values(units, 6)).toEqual(['—', '镇房管办', 3, 1, 1, 0, '—', '—', 0, 1, 0, '']);
    expect(units.getCell('D3').numFmt).toBe('0.0%');
    expect(units.getCell('A8').value).toBe('连续三个月满意率排名后三位（2026-09、2026-10、2026-11）：镇生态环境办、九亭镇城管中队');

    const overdue = wb.getWorksheet('超时清单')!;
    expect(values(overdue, 1)).toEqual(['时限', '工单编号', '承办单位', '起算时间', '到期时间', '完成时间']);
    expect(values(overdue, 2)).toEqual(['先行联系', m.tickets.T2.number, '镇生态环境办', '2026-11-02 11:00', '2026-11-03 23:59', '2026-11-04 09:00']);
    expect(values(overdue, 4)).toEqual(['先行联系', m.tickets.T4.number, '九亭镇城管中队', '2026-11-09 09:00', '2026-11-10 23:59', '尚未完成']);
    expect(values(overdue, 7)).toEqual(['回访', m.tickets.T8.number, '镇生态环境办', '2026-11-23 10:30', '2026-11-24 23:59', '2026-11-25 10:00']);
    expect(overdue.rowCount).toBe(7);

    const repeats = wb.getWorksheet('重复来电')!;
    expect(values(repeats, 3)).toEqual([
      m.tickets.T7.number,
      '2026-11-09 09:10',
      '停车管理',
      '九新公路100号',
      '139****0001',
      '同一来电号码',
      m.tickets.T1.number,
    ]);
    const sup = wb.getWorksheet('督办')!;
    expect(values(sup, 2)).toEqual([
      'DB2026-0001',
      '书面督办',
      '已提级',
      '九亭镇城管中队',
      m.tickets.T4.number,
      '2026-11-17 11:00',
      '2026-11-24 23:59',
      '—',
      '否',
    ]);
    const returns = wb.getWorksheet('退单')!;
    expect(values(returns, 3)).toEqual([m.tickets.T10.number, '九亭市场监管所', '2026-11-12 09:30', '不属于市场监管职责', '驳回']);
    const daily = wb.getWorksheet('每日受理')!;
    expect([values(daily, 1), values(daily, 3), daily.rowCount]).toEqual([['日期', '受理量'], ['2026-11-02', 2], 31]);
    // PRODUCT.md §9: no full phone number anywhere in the workbook.
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && expect(c.value).not.toMatch(/1[3-9]\d{9}/)));
  });

  it('reports any period and a week, and gives the weekly review list (003 二(二)3)', async () => {
    const range = (await leader.get('/api/reports?from=2026-11-09&to=2026-11-15')).body;
    expect(range.period).toMatchObject({ kind: 'range', label: '2026-11-09 至 2026-11-15' });
    expect(range.previous.period).toMatchObject({ from: '2026-11-02', to: '2026-11-08' });
    expect([range.current.received, range.previous.received]).toEqual([4, 6]);
    expect(range.bottomThreeRunning).toBeNull();

    const weekly = await leader.get('/api/reports/weekly?week=2026-11-11');
    expect(weekly.status).toBe(200);
    const w = weekly.body;
    expect(w.period).toMatchObject({ kind: 'week', from: '2026-11-09', to: '2026-11-15' });
    expect([w.received, w.previousReceived]).toEqual([4, 6]);
    expect(w.dissatisfied.map((x: any) => [x.ticketNumber, x.unitName, x.resolved, x.excluded])).toEqual([
      [m.tickets.T4.number, '九亭镇城管中队', true, false],
      [m.tickets.T2.number, '镇生态环境办', false, false],
      [m.tickets.T6.number, '镇房管办', false, true],
    ]);
    expect(w.dissatisfied[1]).toMatchObject({ words: '问题依旧', phoneMasked: '139****0002', address: '沪亭北路99弄3号' });
    expect(w.repeats.map((x: any) => x.ticketNumber)).toEqual([m.tickets.T7.number, m.tickets.T8.number]);
    expect(w.hotSpots.categories.map((h: any) => h.key).sort()).toEqual(['greenery', 'market_food_safety', 'parking']);
    expect((await leader.get('/api/reports/weekly')).status).toBe(400);
  });

  it('exports the same report from the command line: hotline report --month 2026-11 --xlsx', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hotline-report-'));
    const file = path.join(dir, 'out.xlsx');
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) };
    expect(await runReportCommand(t.database.db, { month: '2026-11', xlsx: file, asOf: '2026-12-01T09:00:00+08:00' }, out)).toBe(0);
    expect(lines).toEqual([
      '62112345便民服务专线 2026年11月（2026-11-01 至 2026-11-30）',
      '受理 12 件（当场办结 1），派单 16 件次',
      '先行联系按时率 80.0%（12/15）；答复按时率 85.7%（12/14）；回访按时率 92.3%（12/13）',
      '实际解决率 80.0%（8/10）；满意率 80.0%（8/10）（不纳入测评 2 件）；参评率 92.3%（12/13）',
      '退单申请 2（批准 1，驳回 1）；超时 6；重复来电 4；新开督办 3',
      '满意率后三位：九亭市场监管所、镇生态环境办、九亭镇城管中队',
      '连续三个月后三位：镇生态环境办、九亭镇城管中队',
      `已写入 ${file}`,
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect((wb.getWorksheet('概览')!.getRow(5).values as unknown[]).slice(1)).toEqual(['受理量', 12, 5, 1.4, 1, 11]);

    lines.length = 0;
    expect(await runReportCommand(t.database.db, { month: '2026-13' }, out)).toBe(2);
    expect(lines).toEqual(['ERR --month: 月份格式应为 YYYY-MM，例如 2026-10']);
    expect(await runReportCommand(t.database.db, { month: '2026-11', asOf: '2026-12-01 09:00' }, out)).toBe(2);

    // The real binary, where the test database is reachable from another process (PostgreSQL).
    if (t.database.kind === 'pg') {
      const run = promisify(execFile);
      const bin = path.resolve('bin/hotline.js');
      const { stdout } = await run(
        'node',
        [bin, 'report', '--month', '2026-11', '--as-of', '2026-12-01T09:00:00+08:00', '--xlsx', path.join(dir, 'cli.xlsx')],
        {
          env: { ...process.env, DATABASE_URL: t.database.location, LOG_LEVEL: 'silent' },
        },
      );
      expect(stdout).toContain('满意率 80.0%（8/10）');
      const again = new ExcelJS.Workbook();
      await again.xlsx.readFile(path.join(dir, 'cli.xlsx'));
      expect(again.worksheets).toHaveLength(12);
    }
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
