/**
 * The working-day calendar contract (PRODUCT.md §4). Implemented in shared/calendar/working-days.ts.
 * All dates are Asia/Shanghai calendar dates written 'YYYY-MM-DD'; all instants are JS Dates.
 */

/** A day a supervisor added or corrected; overrides the shipped official schedule. */
export interface CalendarOverride {
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  date: string;
  working: boolean;
  note?: string;
}

export interface WorkCalendar {
  /** True when the Shanghai calendar date is a working day (weekday not a holiday, or a 调休 make-up day). */
  isWorkingDay(date: string): boolean;
  /** True when the year's holidays are computed, not published (absent: never). */
  isProvisionalYear?(year: number): boolean;
}

/**
 * Where a year's days off come from: `official` — the State Council schedule shipped by
 * chinese-days; `confirmed` — the published schedule a supervisor entered; `computed` — the
 * statutory holidays computed from the regulation (provisional: no 调休); `weekdays` — none
 * (years before the shipped ones).
 */
export const CALENDAR_YEAR_STATUSES = ['official', 'confirmed', 'computed', 'weekdays'] as const;
export type CalendarYearStatus = (typeof CALENDAR_YEAR_STATUSES)[number];

/** What a clock counts: working days on the calendar, or natural (calendar) days (随申拍). */
export type DayKind = 'working' | 'natural';

/**
 * The shipped official calendar (chinese-days) with supervisors' overrides on top. Later years
 * count computed statutory holidays until their published schedule is confirmed.
 */
export interface OfficialWorkCalendar extends WorkCalendar {
  /** Years with an official holiday schedule, ascending (e.g. [..., 2025, 2026]). */
  readonly coveredYears: readonly number[];
  /** True when the date's year has a published schedule: shipped, or confirmed by a supervisor. */
  isCovered(date: string): boolean;
  yearStatus(year: number): CalendarYearStatus;
  isProvisionalYear(year: number): boolean;
}
