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
}

/** What a clock counts: working days on the calendar, or natural (calendar) days (随申拍). */
export type DayKind = 'working' | 'natural';

/**
 * The shipped official calendar (chinese-days) with supervisors' overrides on top. Years the
 * library has no State Council schedule for fall back to Monday–Friday; the UI warns on them.
 */
export interface OfficialWorkCalendar extends WorkCalendar {
  /** Years with an official holiday schedule, ascending (e.g. [..., 2025, 2026]). */
  readonly coveredYears: readonly number[];
  /** True when the date's year has an official schedule (false → Monday–Friday fallback). */
  isCovered(date: string): boolean;
}
