/** GET /api/calendar and the confirmation of a published schedule (PRODUCT.md §4, issue 15). */
import type { CalendarYearStatus } from '../calendar/types';

export interface TCalendarYearView {
  year: number;
  status: CalendarYearStatus;
  /** The year's holidays are computed: dues counted over it may move. */
  provisional: boolean;
  /** A published schedule: shipped (official) or confirmed. */
  covered: boolean;
  /** Days off (with the holiday's name where known) and 调休 working days, before single-day corrections. */
  schedule: { daysOff: { date: string; name: string }[]; makeUpDays: string[] };
  confirmation: { id: number; source: string; note: string; at: string; by: number | null } | null;
  /** Years supervisors should confirm now (from 1 November before them). */
  awaiting: number[];
  corrections: { date: string; working: boolean; note: string | null; at: string; by: number | null }[];
  days: { date: string; working: boolean }[];
}

export interface TConfirmCalendarYearInput {
  source: 'paste' | 'ics';
  daysOff: string[];
  makeUpDays: string[];
  note: string;
}

export interface TConfirmCalendarYearAnswer {
  year: number;
  id: number;
  daysOff: string[];
  makeUpDays: string[];
  recompute: 'queued';
}
