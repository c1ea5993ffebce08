/**
 * The reports API (PRODUCT.md §10): which period, and the shape of the report leaders read. Every figure
 * is defined in docs/REPORTS.md; the server computes, the client and the spreadsheet only show.
 */
import { z } from 'zod';
import { calendarDaysBetween, isIsoDate } from '../calendar/shanghai';
import { monthPeriod, rangePeriod, weekPeriod, type ReportPeriod } from '../reports/period';

/** Years a report can cover: the line has no data before 2000, and nothing is due after 2099. */
const REPORT_YEARS = { from: 2000, to: 2099 };
const inReportYears = (isoDate: string) => {
  const year = Number(isoDate.slice(0, 4));
  return year >= REPORT_YEARS.from && year <= REPORT_YEARS.to;
};
const date = (label: string) =>
  z
    .string({ error: `${label}须为日期` })
    .refine(isIsoDate, `${label}须为日期（YYYY-MM-DD）`)
    .refine(inReportYears, `${label}须在${REPORT_YEARS.from}至${REPORT_YEARS.to}年之间`);

/** Longest period on demand: a year and a day (a leap year's whole year). */
export const MAX_PERIOD_DAYS = 366;

/** ?month=2026-10 · ?week=2026-10-28 (any day of the week) · ?from=2026-10-01&to=2026-10-15. */
export const ZReportQuerySchema = z
  .object({
    month: z
      .string({ error: '月份须为文字' })
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，例如 2026-10')
      .refine((m) => inReportYears(`${m}-01`), `月份须在${REPORT_YEARS.from}至${REPORT_YEARS.to}年之间`)
      .optional(),
    week: date('周内日期').optional(),
    from: date('开始日期').optional(),
    to: date('结束日期').optional(),
  })
  .superRefine((q, ctx) => {
    const kinds = [q.month !== undefined, q.week !== undefined, q.from !== undefined || q.to !== undefined].filter(Boolean).length;
    if (kinds !== 1) {
      ctx.addIssue({ code: 'custom', path: ['month'], message: '请选择统计期：月份（month）、周（week）或起止日期（from、to）其中之一' });
      return;
    }
    if (q.from !== undefined || q.to !== undefined) {
      if (q.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: '请填写开始日期' });
      if (q.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: '请填写结束日期' });
      if (q.from && q.to && isIsoDate(q.from) && isIsoDate(q.to)) {
        const days = calendarDaysBetween(q.from, q.to) + 1;
        if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
        else if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `统计期不能超过${MAX_PERIOD_DAYS}天` });
      }
    }
  });
export type TReportQuery = z.infer<typeof ZReportQuerySchema>;

export function periodOfQuery(q: TReportQuery): ReportPeriod {
  if (q.month) return monthPeriod(q.month);
  if (q.week) return weekPeriod(q.week);
  if (q.from && q.to) return rangePeriod(q.from, q.to);
  throw new Error('a report query names a month, a week or a range (ZReportQuerySchema)');
}

export const ZWeeklyQuerySchema = z.object({ week: date('周内日期') });

/** A share with its parts; `rate` is num / den (0–1), null when nothing was due. */
export interface Rate {
  num: number;
  den: number;
  rate: number | null;
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface ReportFigures {
  period: ReportPeriod;
  /** R1 受理量. */
  received: number;
  /** R2 当场办结. */
  closedOnCall: number;
  bySource: CountRow[];
  byType: CountRow[];
  byCategory: CountRow[];
  byCommunity: CountRow[];
  /** R3 派单量 (handlings started), by lead unit. */
  dispatched: number;
  byUnit: CountRow[];
  daily: { date: string; count: number }[];
  /** R4–R6. */
  firstContactOnTime: Rate;
  replyOnTime: Rate;
  revisitOnTime: Rate;
  /** R7–R9. */
  evaluations: {
    counted: number;
    excluded: number;
    resolved: number;
    satisfied: number;
    basicallySatisfied: number;
    dissatisfied: number;
    unreachable: number;
  };
  resolutionRate: Rate;
  satisfactionRate: Rate;
  /** R20 派单按时率 (000 三(一)): dispatch clocks settled in the period. */
  dispatchOnTime: Rate;
  /** R21 先行接单按时率 (001 二.1): acceptance clocks settled in the period. */
  acceptanceOnTime: Rate;
  /** R18 参评率 (003 二(二)2): revisits that reached an evaluation ÷ (those + revisits ended unreachable). */
  participationRate: Rate;
  /** R10. */
  returns: { requested: number; approved: number; rejected: number };
  sentBack: number;
  /** R11. */
  overdue: number;
  /** R12. */
  repeats: number;
  /** R13. */
  supervision: { opened: number; byType: CountRow[]; closed: number; progressed: number; replyOnTime: Rate; activeAtEnd: number };
}

export interface UnitRow {
  unitId: number;
  unitName: string;
  dispatched: number;
  firstContactOnTime: Rate;
  replyOnTime: Rate;
  evaluations: number;
  resolutionRate: Rate;
  satisfactionRate: Rate;
  /** R21 (001 五.1 未按时先行接单): the unit's acceptance clocks settled late in the period. */
  acceptanceLate: number;
  /** R19 (003 二(二)3): counted evaluations of the unit's replies that were dissatisfied, beside its rate. */
  dissatisfied: number;
  returnsRequested: number;
  overdue: number;
  /** R14: 1 = best; null = no counted evaluation in the period (not ranked). */
  rank: number | null;
  bottomThree: boolean;
}

export interface OverdueRow {
  clock: 'first_contact' | 'reply' | 'revisit' | 'dispatch' | 'acceptance';
  ticketId: number;
  ticketNumber: string;
  unitId: number;
  unitName: string;
  startedAt: string;
  due: string;
  /** When it was finally met; null = still not done when the report was made. */
  doneAt: string | null;
}

export interface ReturnRow {
  ticketId: number;
  ticketNumber: string;
  unitName: string;
  at: string;
  reason: string;
  decision: 'approved' | 'rejected' | 'pending';
}

export interface RepeatRow {
  ticketId: number;
  ticketNumber: string;
  callAt: string;
  /** The category's code, for the UI's language; null when uncategorised. */
  categoryCode: string | null;
  categoryLabel: string;
  address: string;
  /** Null: no number given (an Open311 filing without `phone`). */
  phoneMasked: string | null;
  /** same_phone / same_place. */
  reasons: string[];
  earlierTicketNumbers: string[];
}

export interface SupervisionReportRow {
  id: number;
  number: string;
  type: string;
  state: string;
  unitName: string;
  ticketNumber: string;
  startedAt: string;
  dueAt: string;
  firstRepliedAt: string | null;
  onTime: boolean | null;
}

export interface HotSpotRow {
  key: string;
  label: string;
  count: number;
  previous: number;
  change: number;
}

/** One line of the comparison table: this period, 环比 and 同比. */
export interface ComparisonRow {
  key: string;
  label: string;
  /** count: changes are relative (%); rate: changes are in percentage points. */
  kind: 'count' | 'rate';
  current: number | null;
  previous: number | null;
  yearAgo: number | null;
  /** count: (current − previous) / previous; rate: current − previous. null when not computable. */
  mom: number | null;
  yoy: number | null;
}

export interface Report {
  generatedAt: string;
  period: ReportPeriod;
  current: ReportFigures;
  previous: ReportFigures;
  yearAgo: ReportFigures;
  comparisons: ComparisonRow[];
  units: UnitRow[];
  /** R15 (000 二(九)): monthly reports only; units in the bottom three of this and the two months before. */
  bottomThreeRunning: { unitId: number; unitName: string; months: string[] }[] | null;
  overdueList: OverdueRow[];
  returnsList: ReturnRow[];
  repeatsList: RepeatRow[];
  supervisionList: SupervisionReportRow[];
  hotSpots: { categories: HotSpotRow[]; places: HotSpotRow[] };
}

export interface DissatisfiedRow {
  ticketId: number;
  ticketNumber: string;
  revisitedAt: string;
  /** The category's code, for the UI's language; null when uncategorised. */
  categoryCode: string | null;
  categoryLabel: string;
  unitName: string;
  address: string;
  description: string;
  words: string;
  /** Null: no number given (an Open311 filing without `phone`). */
  phoneMasked: string | null;
  resolved: boolean;
  /** Excluded from satisfaction figures (不纳入测评 / 客观件). */
  excluded: boolean;
}

/** 003 二(二)3: the weekly review meeting's list. */
export interface WeeklyReview {
  generatedAt: string;
  period: ReportPeriod;
  dissatisfied: DissatisfiedRow[];
  hotSpots: { categories: HotSpotRow[]; places: HotSpotRow[] };
  repeats: RepeatRow[];
  received: number;
  previousReceived: number;
}
