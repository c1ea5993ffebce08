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

const int = z.number().int();
const ZCountSchema = int;

/** A report's period (shared/reports/period.ts). */
export const ZReportPeriodSchema = z.object({
  kind: z.enum(['month', 'week', 'range']),
  /** 'YYYY-MM-DD', first day. */
  from: z.string(),
  /** 'YYYY-MM-DD', last day (inclusive). */
  to: z.string(),
  /** 2026年10月 · 2026-10-26 至 2026-11-01 */
  label: z.string(),
});

/** A share with its parts; `rate` is num / den (0–1), null when nothing was due. */
export const ZRateSchema = z.object({ num: z.number(), den: z.number(), rate: z.number().nullable() });
export type Rate = z.output<typeof ZRateSchema>;

export const ZCountRowSchema = z.object({ key: z.string(), label: z.string(), count: ZCountSchema });
export type CountRow = z.output<typeof ZCountRowSchema>;

export const ZReportFiguresSchema = z.object({
  period: ZReportPeriodSchema,
  /** R1 受理量. */
  received: ZCountSchema,
  /** R2 当场办结. */
  closedOnCall: ZCountSchema,
  bySource: z.array(ZCountRowSchema),
  byType: z.array(ZCountRowSchema),
  byCategory: z.array(ZCountRowSchema),
  byCommunity: z.array(ZCountRowSchema),
  /** R3 派单量 (handlings started), by lead unit. */
  dispatched: ZCountSchema,
  byUnit: z.array(ZCountRowSchema),
  daily: z.array(z.object({ date: z.string(), count: ZCountSchema })),
  /** R4–R6. */
  firstContactOnTime: ZRateSchema,
  replyOnTime: ZRateSchema,
  revisitOnTime: ZRateSchema,
  /** R7–R9. */
  evaluations: z.object({
    counted: ZCountSchema,
    excluded: ZCountSchema,
    resolved: ZCountSchema,
    satisfied: ZCountSchema,
    basicallySatisfied: ZCountSchema,
    dissatisfied: ZCountSchema,
    unreachable: ZCountSchema,
  }),
  resolutionRate: ZRateSchema,
  satisfactionRate: ZRateSchema,
  /** R20 派单按时率 (000 三(一)): dispatch clocks settled in the period. */
  dispatchOnTime: ZRateSchema,
  /** R21 先行接单按时率 (001 二.1): acceptance clocks settled in the period. */
  acceptanceOnTime: ZRateSchema,
  /** R18 参评率 (003 二(二)2): revisits that reached an evaluation ÷ (those + revisits ended unreachable). */
  participationRate: ZRateSchema,
  /** R10. */
  returns: z.object({ requested: ZCountSchema, approved: ZCountSchema, rejected: ZCountSchema }),
  sentBack: ZCountSchema,
  /** R11. */
  overdue: ZCountSchema,
  /** R12. */
  repeats: ZCountSchema,
  /** R13. */
  supervision: z.object({
    opened: ZCountSchema,
    byType: z.array(ZCountRowSchema),
    closed: ZCountSchema,
    progressed: ZCountSchema,
    replyOnTime: ZRateSchema,
    activeAtEnd: ZCountSchema,
  }),
});
export type ReportFigures = z.output<typeof ZReportFiguresSchema>;

export const ZUnitRowSchema = z.object({
  unitId: int,
  unitName: z.string(),
  dispatched: ZCountSchema,
  firstContactOnTime: ZRateSchema,
  replyOnTime: ZRateSchema,
  evaluations: ZCountSchema,
  resolutionRate: ZRateSchema,
  satisfactionRate: ZRateSchema,
  /** R21 (001 五.1 未按时先行接单): the unit's acceptance clocks settled late in the period. */
  acceptanceLate: ZCountSchema,
  /** R19 (003 二(二)3): counted evaluations of the unit's replies that were dissatisfied, beside its rate. */
  dissatisfied: ZCountSchema,
  returnsRequested: ZCountSchema,
  overdue: ZCountSchema,
  /** R14: 1 = best; null = no counted evaluation in the period (not ranked). */
  rank: int.nullable(),
  bottomThree: z.boolean(),
});
export type UnitRow = z.output<typeof ZUnitRowSchema>;

export const ZOverdueRowSchema = z.object({
  clock: z.enum(['first_contact', 'reply', 'revisit', 'dispatch', 'acceptance']),
  ticketId: int,
  ticketNumber: z.string(),
  unitId: int,
  unitName: z.string(),
  startedAt: z.string(),
  due: z.string(),
  /** When it was finally met; null = still not done when the report was made. */
  doneAt: z.string().nullable(),
});
export type OverdueRow = z.output<typeof ZOverdueRowSchema>;

export const ZReturnRowSchema = z.object({
  ticketId: int,
  ticketNumber: z.string(),
  unitName: z.string(),
  at: z.string(),
  reason: z.string(),
  decision: z.enum(['approved', 'rejected', 'pending']),
});
export type ReturnRow = z.output<typeof ZReturnRowSchema>;

/** What a list of tickets in a report (repeat calls, the weekly dissatisfied list) shows of each. */
const ZListedTicketSchema = z.object({
  ticketId: int,
  ticketNumber: z.string(),
  /** The category's code, for the UI's language; null when uncategorised. */
  categoryCode: z.string().nullable(),
  categoryLabel: z.string(),
  address: z.string(),
  /** Null: no number given (an Open311 filing without `phone`). */
  phoneMasked: z.string().nullable(),
});

export const ZRepeatRowSchema = ZListedTicketSchema.extend({
  callAt: z.string(),
  /** same_phone / same_place. */
  reasons: z.array(z.string()),
  earlierTicketNumbers: z.array(z.string()),
});
export type RepeatRow = z.output<typeof ZRepeatRowSchema>;

export const ZSupervisionReportRowSchema = z.object({
  id: int,
  number: z.string(),
  type: z.string(),
  state: z.string(),
  unitName: z.string(),
  ticketNumber: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  firstRepliedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
});
export type SupervisionReportRow = z.output<typeof ZSupervisionReportRowSchema>;

export const ZHotSpotRowSchema = z.object({ key: z.string(), label: z.string(), count: ZCountSchema, previous: ZCountSchema, change: z.number() });
export type HotSpotRow = z.output<typeof ZHotSpotRowSchema>;

const ZHotSpotsSchema = z.object({ categories: z.array(ZHotSpotRowSchema), places: z.array(ZHotSpotRowSchema) });

/** One line of the comparison table: this period, 环比 and 同比. */
export const ZComparisonRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** count: changes are relative (%); rate: changes are in percentage points. */
  kind: z.enum(['count', 'rate']),
  current: z.number().nullable(),
  previous: z.number().nullable(),
  yearAgo: z.number().nullable(),
  /** count: (current − previous) / previous; rate: current − previous. null when not computable. */
  mom: z.number().nullable(),
  yoy: z.number().nullable(),
});
export type ComparisonRow = z.output<typeof ZComparisonRowSchema>;

/** GET /api/reports (and the workbook's content). */
export const ZReportSchema = z.object({
  generatedAt: z.string(),
  period: ZReportPeriodSchema,
  current: ZReportFiguresSchema,
  previous: ZReportFiguresSchema,
  yearAgo: ZReportFiguresSchema,
  comparisons: z.array(ZComparisonRowSchema),
  units: z.array(ZUnitRowSchema),
  /** R15 (000 二(九)): monthly reports only; units in the bottom three of this and the two months before. */
  bottomThreeRunning: z.array(z.object({ unitId: int, unitName: z.string(), months: z.array(z.string()) })).nullable(),
  overdueList: z.array(ZOverdueRowSchema),
  returnsList: z.array(ZReturnRowSchema),
  repeatsList: z.array(ZRepeatRowSchema),
  supervisionList: z.array(ZSupervisionReportRowSchema),
  hotSpots: ZHotSpotsSchema,
});
export type Report = z.output<typeof ZReportSchema>;

export const ZDissatisfiedRowSchema = ZListedTicketSchema.extend({
  revisitedAt: z.string(),
  unitName: z.string(),
  description: z.string(),
  words: z.string(),
  resolved: z.boolean(),
  /** Excluded from satisfaction figures (不纳入测评 / 客观件). */
  excluded: z.boolean(),
});
export type DissatisfiedRow = z.output<typeof ZDissatisfiedRowSchema>;

/** 003 二(二)3: the weekly review meeting's list (GET /api/reports/weekly). */
export const ZWeeklyReviewSchema = z.object({
  generatedAt: z.string(),
  period: ZReportPeriodSchema,
  dissatisfied: z.array(ZDissatisfiedRowSchema),
  hotSpots: ZHotSpotsSchema,
  repeats: z.array(ZRepeatRowSchema),
  received: ZCountSchema,
  previousReceived: ZCountSchema,
});
export type WeeklyReview = z.output<typeof ZWeeklyReviewSchema>;
