/**
 * The report as a real spreadsheet (PRODUCT.md §10 "export to Excel"): one sheet per table, Chinese
 * headers, rates as numbers formatted as percentages, times in Asia/Shanghai, phone numbers
 * masked (PRODUCT.md §9).
 */
import ExcelJS from 'exceljs';
import { formatShanghai } from '../../shared/calendar/shanghai';
import type { ComparisonRow, CountRow, Rate, Report } from '../../shared/schemas/reports';
import { CLOCK_NAMES, SUPERVISION_STATE_NAMES, SUPERVISION_TYPE_NAMES } from './labels';

const PERCENT = '0.0%';
const SIGNED_PERCENT = '+0.0%;-0.0%;0.0%';
const POINTS = '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"';
const DASH = '—';

/** '2026-11-23 10:00' in Shanghai. */
export function shanghaiMinute(iso: string | null): string {
  return iso ? formatShanghai(iso, 'minute') : DASH;
}

export const SHEET_NAMES = [
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
] as const;

export async function reportWorkbook(report: Report, title = '九亭镇62112345便民服务专线'): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = title;
  wb.created = new Date(report.generatedAt);
  const f = report.current;

  const overview = wb.addWorksheet('概览');
  overview.getCell('A1').value = `${title} ${report.period.label}工作报表`;
  overview.getCell('A1').font = { bold: true, size: 14 };
  overview.getCell('A2').value = `统计期：${report.period.from} 至 ${report.period.to}（上海时间）；生成时间：${shanghaiMinute(report.generatedAt)}`;
  header(overview, 4, ['指标', '本期', '上期', '环比', '去年同期', '同比']);
  report.comparisons.forEach((row, i) => comparisonRow(overview, 5 + i, row));
  const e = f.evaluations;
  const evalStart = 6 + report.comparisons.length;
  header(overview, evalStart, ['回访评价', '件数']);
  [
    ['纳入测评的回访', e.counted],
    ['其中：实际解决', e.resolved],
    ['满意', e.satisfied],
    ['基本满意', e.basicallySatisfied],
    ['不满意', e.dissatisfied],
    ['不纳入测评/客观件（不计满意率）', e.excluded],
    ['回访未接通归档', e.unreachable],
    ['答复被发回重填', f.sentBack],
    ['退单批准', f.returns.approved],
    ['退单驳回', f.returns.rejected],
  ].forEach(([label, n], i) => (overview.getRow(evalStart + 1 + i).values = [label as string, n as number]));
  overview.columns = [{ width: 34 }, { width: 12 }, { width: 12 }, { width: 16 }, { width: 12 }, { width: 16 }];

  countSheet(wb, '按来源', '来源', f.bySource, f.received);
  countSheet(wb, '按类型', '工单类型', f.byType, f.received);
  countSheet(wb, '按问题分类', '问题分类', f.byCategory, f.received);
  countSheet(wb, '按社区', '居委会/村', f.byCommunity, f.received);

  const units = sheet(wb, '承办单位', [
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
  for (const u of report.units) {
    addRow(
      units,
      [
        u.rank ?? DASH,
        u.unitName,
        u.dispatched,
        rate(u.firstContactOnTime),
        rate(u.replyOnTime),
        u.evaluations,
        rate(u.resolutionRate),
        rate(u.satisfactionRate),
        u.dissatisfied,
        u.returnsRequested,
        u.overdue,
        u.bottomThree ? '是' : '',
      ],
      [3, 4, 6, 7],
    );
  }
  if (report.bottomThreeRunning) {
    const r = units.rowCount + 2;
    units.getCell(`A${r}`).value =
      `连续三个月满意率排名后三位（${report.bottomThreeRunning[0]?.months.join('、') ?? '近三个月'}）：${report.bottomThreeRunning.map((u) => u.unitName).join('、') || '无'}`;
  }

  const overdue = sheet(wb, '超时清单', ['时限', '工单编号', '承办单位', '起算时间', '到期时间', '完成时间']);
  for (const o of report.overdueList)
    addRow(overdue, [
      CLOCK_NAMES[o.clock],
      o.ticketNumber,
      o.unitName,
      shanghaiMinute(o.startedAt),
      shanghaiMinute(o.due),
      o.doneAt ? shanghaiMinute(o.doneAt) : '尚未完成',
    ]);

  const returns = sheet(wb, '退单', ['工单编号', '申请单位', '申请时间', '退单理由', '审核结果']);
  const decision = { approved: '批准', rejected: '驳回', pending: '待审核' } as const;
  for (const r of report.returnsList) addRow(returns, [r.ticketNumber, r.unitName, shanghaiMinute(r.at), r.reason, decision[r.decision]]);

  const repeats = sheet(wb, '重复来电', ['工单编号', '来电时间', '问题分类', '诉求地址', '联系电话', '重复依据', '此前工单']);
  const reason = { same_phone: '同一来电号码', same_place: '同一地址同类问题' } as Record<string, string>;
  for (const r of report.repeatsList)
    addRow(repeats, [
      r.ticketNumber,
      shanghaiMinute(r.callAt),
      r.categoryLabel,
      r.address,
      r.phoneMasked ?? '未留电话',
      r.reasons.map((x) => reason[x] ?? x).join('、'),
      r.earlierTicketNumbers.join('、'),
    ]);

  const sup = sheet(wb, '督办', ['督办编号', '督办类型', '状态', '被督办单位', '工单编号', '下发时间', '反馈期限', '首次反馈', '是否按时反馈']);
  for (const s of report.supervisionList) {
    addRow(sup, [
      s.number,
      SUPERVISION_TYPE_NAMES[s.type as keyof typeof SUPERVISION_TYPE_NAMES] ?? s.type,
      SUPERVISION_STATE_NAMES[s.state as keyof typeof SUPERVISION_STATE_NAMES] ?? s.state,
      s.unitName,
      s.ticketNumber,
      shanghaiMinute(s.startedAt),
      shanghaiMinute(s.dueAt),
      shanghaiMinute(s.firstRepliedAt),
      s.onTime === null ? '未到期' : s.onTime ? '是' : '否',
    ]);
  }

  const hot = sheet(wb, '热点', ['类别', '名称', '本期', '上期', '增加']);
  for (const h of report.hotSpots.categories) addRow(hot, ['问题分类', h.label, h.count, h.previous, h.change]);
  for (const h of report.hotSpots.places) addRow(hot, ['居委会/村', h.label, h.count, h.previous, h.change]);

  const daily = sheet(wb, '每日受理', ['日期', '受理量']);
  for (const d of f.daily) addRow(daily, [d.date, d.count]);
  return wb;
}

export async function reportXlsxBuffer(report: Report): Promise<Buffer> {
  const wb = await reportWorkbook(report);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function header(ws: ExcelJS.Worksheet, row: number, titles: string[]) {
  const r = ws.getRow(row);
  r.values = titles;
  r.font = { bold: true };
  r.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };
    c.border = { bottom: { style: 'thin' } };
  });
}

function sheet(wb: ExcelJS.Workbook, name: string, titles: string[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  header(ws, 1, titles);
  ws.columns = titles.map((t) => ({ width: Math.max(10, t.length * 2 + 4) }));
  return ws;
}

type Cell = string | number | null;

/** Appends a row; `percentCols` (0-based) get the percentage format. */
function addRow(ws: ExcelJS.Worksheet, values: Cell[], percentCols: number[] = []): ExcelJS.Row {
  const row = ws.addRow(values);
  for (const i of percentCols) if (typeof values[i] === 'number') row.getCell(i + 1).numFmt = PERCENT;
  return row;
}

function rate(r: Rate): Cell {
  return r.rate ?? DASH;
}

function countSheet(wb: ExcelJS.Workbook, name: string, title: string, rows: CountRow[], total: number) {
  const ws = sheet(wb, name, [title, '件数', '占比']);
  for (const r of rows) addRow(ws, [r.label, r.count, total === 0 ? DASH : r.count / total], [2]);
  addRow(ws, ['合计', total, total === 0 ? DASH : 1], [2]).font = { bold: true };
}

function comparisonRow(ws: ExcelJS.Worksheet, at: number, c: ComparisonRow) {
  const row = ws.getRow(at);
  const value = (v: number | null): Cell => (v === null ? DASH : v);
  if (c.kind === 'count') {
    row.values = [c.label, value(c.current), value(c.previous), value(c.mom), value(c.yearAgo), value(c.yoy)];
    if (c.mom !== null) row.getCell(4).numFmt = SIGNED_PERCENT;
    if (c.yoy !== null) row.getCell(6).numFmt = SIGNED_PERCENT;
  } else {
    const pts = (v: number | null): Cell => (v === null ? DASH : Math.round(v * 1000) / 10);
    row.values = [c.label, value(c.current), value(c.previous), pts(c.mom), value(c.yearAgo), pts(c.yoy)];
    for (const i of [2, 3, 5]) if (typeof row.getCell(i).value === 'number') row.getCell(i).numFmt = PERCENT;
    for (const i of [4, 6]) if (typeof row.getCell(i).value === 'number') row.getCell(i).numFmt = POINTS;
  }
}
