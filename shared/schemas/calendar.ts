/** GET /api/calendar and the confirmation of a published schedule (PRODUCT.md §4, issue 15). */
import { z } from 'zod';
import { CALENDAR_YEAR_STATUSES } from '../calendar/types';

/** GET /api/calendar?year=… */
export const ZCalendarYearViewSchema = z.object({
  year: z.number().int(),
  status: z.enum(CALENDAR_YEAR_STATUSES),
  /** The year's holidays are computed: dues counted over it may move. */
  provisional: z.boolean(),
  /** A published schedule: shipped (official) or confirmed. */
  covered: z.boolean(),
  /** Days off (with the holiday's name where known) and 调休 working days, before single-day corrections. */
  schedule: z.object({ daysOff: z.array(z.object({ date: z.string(), name: z.string() })), makeUpDays: z.array(z.string()) }),
  confirmation: z.object({ id: z.number().int(), source: z.string(), note: z.string(), at: z.string(), by: z.number().int().nullable() }).nullable(),
  /** Years supervisors should confirm now (from 1 November before them). */
  awaiting: z.array(z.number().int()),
  corrections: z.array(z.object({ date: z.string(), working: z.boolean(), note: z.string().nullable(), at: z.string(), by: z.number().int().nullable() })),
  days: z.array(z.object({ date: z.string(), working: z.boolean() })),
});
export type TCalendarYearView = z.output<typeof ZCalendarYearViewSchema>;

/** POST /api/calendar/days: the correction stored; open tickets' dues follow by a job. */
export const ZCalendarDayAnswerSchema = z.object({
  id: z.number().int(),
  date: z.string(),
  working: z.boolean(),
  note: z.string(),
  recompute: z.literal('queued'),
});

export interface TConfirmCalendarYearInput {
  source: 'paste' | 'ics';
  daysOff: string[];
  makeUpDays: string[];
  note: string;
}

/** POST /api/calendar/years/:year/confirmation. */
export const ZConfirmCalendarYearAnswerSchema = z.object({
  year: z.number().int(),
  id: z.number().int(),
  daysOff: z.array(z.string()),
  makeUpDays: z.array(z.string()),
  recompute: z.literal('queued'),
});
export type TConfirmCalendarYearAnswer = z.output<typeof ZConfirmCalendarYearAnswerSchema>;
