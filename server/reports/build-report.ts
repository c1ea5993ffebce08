/**
 * The report of PRODUCT.md §10 for any period, and the monthly report for leaders: figures of the
 * period, the period before (环比) and a year before (同比), units ranked, the bottom three three
 * months running (000 二(九)), and the lists behind the figures.
 */
import type { Queryable } from '../../db/client';
import { shanghaiDate } from '../../shared/calendar/shanghai';
import { maskNumbers } from '../../shared/privacy/mask-numbers';
import { boundsOf, comparablePeriods, contains, monthPeriod, shiftMonth, type ReportPeriod } from '../../shared/reports/period';
import type { ComparisonRow, Rate, Report, ReportFigures, ReturnRow, SupervisionReportRow } from '../../shared/schemas/reports';
import { allClocks, computeFigures, hotSpots, repeatsIn, settledLate, supervisionSettlement, type ReportData } from './figures';
import { loadReportData } from './load';
import { bottomThreeIds, unitRows } from './ranking';

export interface BuildReportOptions {
  db: Queryable;
  period: ReportPeriod;
  /** When the report is made (the server clock). */
  asOf: Date;
}

export async function buildReport({ db, period, asOf }: BuildReportOptions): Promise<Report> {
  const { previous, yearAgo } = comparablePeriods(period, shanghaiDate(asOf));
  // R15 needs the two months before a monthly report; the previous period is the first of them.
  const earliest = period.kind === 'month' ? monthPeriod(shiftMonth(period.from.slice(0, 7), -2)) : previous;
  const data = await loadReportData({ db, from: boundsOf(earliest).start, to: boundsOf(period).end, asOf });
  const past = await loadReportData({ db, from: boundsOf(yearAgo).start, to: boundsOf(yearAgo).end, asOf });
  const current = computeFigures(data, period);
  const before = computeFigures(data, previous);
  const lastYear = computeFigures(past, yearAgo);
  const units = unitRows(data, period);
  return {
    generatedAt: asOf.toISOString(),
    period,
    current,
    previous: before,
    yearAgo: lastYear,
    comparisons: comparisons(current, before, lastYear),
    units,
    bottomThreeRunning: period.kind === 'month' ? bottomThreeRunning(data, period, units) : null,
    overdueList: overdueList(data, period),
    returnsList: returnsList(data, period),
    repeatsList: repeatsIn(data.tickets, boundsOf(period)),
    supervisionList: supervisionList(data, period),
    hotSpots: {
      categories: hotSpots(
        current.byCategory.filter((r) => r.key !== 'uncategorised'),
        before.byCategory,
      ),
      places: hotSpots(
        current.byCommunity.filter((r) => r.key !== 'unresolved' && r.key !== 'no_address'),
        before.byCommunity,
      ),
    },
  };
}

function bottomThreeRunning(data: ReportData, period: ReportPeriod, units: Report['units']): Report['bottomThreeRunning'] {
  const month = period.from.slice(0, 7);
  const [twoBefore, oneBefore] = [shiftMonth(month, -2), shiftMonth(month, -1)];
  const months = [twoBefore, oneBefore, month];
  const sets = [bottomThreeIds(unitRows(data, monthPeriod(twoBefore))), bottomThreeIds(unitRows(data, monthPeriod(oneBefore))), bottomThreeIds(units)];
  return units.filter((u) => sets.every((s) => s.has(u.unitId))).map((u) => ({ unitId: u.unitId, unitName: u.unitName, months }));
}

const COUNT_ROWS: [key: string, label: string, pick: (f: ReportFigures) => number][] = [
  ['received', '受理量', (f) => f.received],
  ['dispatched', '派单量', (f) => f.dispatched],
  ['closedOnCall', '当场办结', (f) => f.closedOnCall],
  ['returns', '退单申请', (f) => f.returns.requested],
  ['overdue', '超时', (f) => f.overdue],
  ['repeats', '重复来电', (f) => f.repeats],
  ['supervision', '新开督办', (f) => f.supervision.opened],
];
const RATE_ROWS: [key: string, label: string, pick: (f: ReportFigures) => Rate][] = [
  ['firstContactOnTime', '先行联系按时率', (f) => f.firstContactOnTime],
  ['replyOnTime', '答复按时率', (f) => f.replyOnTime],
  ['revisitOnTime', '回访按时率', (f) => f.revisitOnTime],
  ['dispatchOnTime', '派单按时率', (f) => f.dispatchOnTime],
  ['acceptanceOnTime', '先行接单按时率', (f) => f.acceptanceOnTime],
  ['resolutionRate', '实际解决率', (f) => f.resolutionRate],
  ['satisfactionRate', '满意率', (f) => f.satisfactionRate],
  ['participationRate', '参评率', (f) => f.participationRate],
];

/** Counts change relative to the earlier period; rates change in percentage points. */
export function comparisons(current: ReportFigures, previous: ReportFigures, yearAgo: ReportFigures): ComparisonRow[] {
  const relative = (a: number, b: number) => (b === 0 ? null : (a - b) / b);
  const points = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  return [
    ...COUNT_ROWS.map(([key, label, pick]): ComparisonRow => {
      const [c, p, y] = [pick(current), pick(previous), pick(yearAgo)];
      return { key, label, kind: 'count', current: c, previous: p, yearAgo: y, mom: relative(c, p), yoy: relative(c, y) };
    }),
    ...RATE_ROWS.map(([key, label, pick]): ComparisonRow => {
      const [c, p, y] = [pick(current).rate, pick(previous).rate, pick(yearAgo).rate];
      return { key, label, kind: 'rate', current: c, previous: p, yearAgo: y, mom: points(c, p), yoy: points(c, y) };
    }),
  ];
}

function ticketIndex(data: ReportData) {
  return new Map(data.tickets.map((t) => [t.id, t]));
}

function overdueList(data: ReportData, period: ReportPeriod): Report['overdueList'] {
  const tickets = ticketIndex(data);
  return settledLate(allClocks(data), boundsOf(period))
    .sort((a, b) => a.due.getTime() - b.due.getTime() || a.ticketId - b.ticketId)
    .map((c) => ({
      clock: c.kind,
      ticketId: c.ticketId,
      ticketNumber: tickets.get(c.ticketId)?.number ?? '',
      unitId: c.unitId,
      unitName: data.units.get(c.unitId)?.name ?? `#${c.unitId}`,
      startedAt: c.startedAt.toISOString(),
      due: c.due.toISOString(),
      doneAt: c.stoppedAt?.toISOString() ?? null,
    }));
}

function returnsList(data: ReportData, period: ReportPeriod): ReturnRow[] {
  const b = boundsOf(period);
  return data.tickets
    .flatMap((t) => t.history.returns.map((r) => ({ t, r })))
    .filter(({ r }) => contains(b, r.at))
    .sort((x, y) => x.r.at.getTime() - y.r.at.getTime())
    .map(({ t, r }) => ({
      ticketId: t.id,
      ticketNumber: t.number,
      unitName: data.units.get(r.unitId)?.name ?? `#${r.unitId}`,
      at: r.at.toISOString(),
      // Issue 14 item 7: the report goes to leaders; a number the unit typed into its reason is masked.
      reason: maskNumbers(r.reason),
      decision: r.decision ?? 'pending',
    }));
}

function supervisionList(data: ReportData, period: ReportPeriod): SupervisionReportRow[] {
  const b = boundsOf(period);
  return data.supervisions
    .filter((s) => s.startedAt.getTime() <= b.end.getTime() && (!s.closedAt || s.closedAt.getTime() >= b.start.getTime()))
    .sort((x, y) => x.id - y.id)
    .map((s) => {
      const settled = supervisionSettlement(s, data.asOf);
      return {
        id: s.id,
        number: s.number,
        type: s.type,
        state: s.state,
        unitName: data.units.get(s.unitId)?.name ?? `#${s.unitId}`,
        ticketNumber: s.ticketNumber,
        startedAt: s.startedAt.toISOString(),
        dueAt: s.dueAt.toISOString(),
        firstRepliedAt: s.firstRepliedAt?.toISOString() ?? null,
        onTime: settled ? settled.onTime : null,
      };
    });
}
