/**
 * The counting rule of 002 附件1 注 (PRODUCT.md §4): "第一个工作日是指区热线办完成派单后的下一个
 * 工作日". The day a clock starts does not count; working day 1 is the first working day
 * AFTER the start date (dispatched Monday → Tuesday; Friday → next Monday; Saturday →
 * Monday). "Within N working days" is due at the end (23:59:59 Shanghai) of working day N.
 * Natural-day clocks (随申拍, 001 三.1) count calendar days the same way: day 1 is the
 * calendar day after the start date.
 */
import { addCalendarDays, calendarDaysBetween, endOfShanghaiDay, parseIsoDate, shanghaiDate } from './shanghai';
import type { DayKind, WorkCalendar } from './types';

export { officialCalendar, officialCoveredYears, weekdayCalendar } from './official-calendar';

/**
 * Longest run of non-working days searched before giving up: the longest official break is
 * 9 days (春节 2026), so a year without a working day means a broken calendar or overrides.
 */
const MAX_NON_WORKING_RUN = 366;

/**
 * The Shanghai date of day `n` counted from `startDate`.
 * n = 0 is the start date itself (a same-day limit, e.g. 004 "应在当天进行登记"), whether or not
 * it is a working day; n ≥ 1 is the n-th working (or calendar) day after it (002).
 */
export function nthDayAfter(startDate: string, n: number, kind: DayKind, cal: WorkCalendar): string {
  assertDayCount(n);
  parseIsoDate(startDate);
  if (kind === 'natural') return addCalendarDays(startDate, n);
  let date = startDate;
  for (let counted = 0; counted < n;) {
    date = nextWorkingDay(date, cal);
    counted += 1;
  }
  return date;
}

/**
 * Due instant of a clock started at `start` with a limit of `n` days: 23:59:59.999 +08:00 of
 * day n (see endOfShanghaiDay for why .999). n = 0 → the end of the start day.
 */
export function addDays(start: Date, n: number, kind: DayKind, cal: WorkCalendar): Date {
  return endOfShanghaiDay(nthDayAfter(shanghaiDate(start), n, kind, cal));
}

/**
 * Which day number `date` falls in, counted from `startDate`: the number of counted days d with
 * startDate < d ≤ date. 0 on the start date and on non-working days before day 1; a non-working
 * day after day k is still k. Dates before the start date are 0.
 */
export function dayNumberOn(startDate: string, date: string, kind: DayKind, cal: WorkCalendar): number {
  parseIsoDate(startDate);
  parseIsoDate(date);
  // 'YYYY-MM-DD' strings order like the dates they name.
  if (date <= startDate) return 0;
  if (kind === 'natural') return calendarDaysBetween(startDate, date);
  let count = 0;
  for (let d = addCalendarDays(startDate, 1); d <= date; d = addCalendarDays(d, 1)) {
    if (cal.isWorkingDay(d)) count += 1;
  }
  return count;
}

/** Day number (working or natural) that the instant `now` falls in, for a clock started at `start`. */
export function dayNumber(start: Date, now: Date, kind: DayKind, cal: WorkCalendar): number {
  return dayNumberOn(shanghaiDate(start), shanghaiDate(now), kind, cal);
}

/** Which working day `now` falls in (002 lights): 0 on the start day and before working day 1. */
export function workingDaysElapsed(start: Date, now: Date, cal: WorkCalendar): number {
  return dayNumber(start, now, 'working', cal);
}

/**
 * True when a working-day count from `start` to `due` walked through a year whose holidays are
 * computed, not published (PRODUCT.md §4): the due may move when the schedule is confirmed.
 * Natural-day counts and same-day limits never depend on the calendar.
 */
export function dueIsProvisional(start: Date, due: Date, kind: DayKind, cal: WorkCalendar): boolean {
  if (kind === 'natural' || !cal.isProvisionalYear) return false;
  const first = parseIsoDate(addCalendarDays(shanghaiDate(start), 1)).year;
  const last = parseIsoDate(shanghaiDate(due)).year;
  for (let year = first; year <= last; year += 1) if (cal.isProvisionalYear(year)) return true;
  return false;
}

/**
 * Per calendar, the answers of nextWorkingDay already worked out: a calendar never changes (a
 * corrected one is a new object), and every intake and every clock walks the same few weeks day by
 * day — each step parses and formats dates. Cleared when it grows past a few years of dates.
 */
const nextWorkingDays = new WeakMap<WorkCalendar, Map<string, string>>();
const NEXT_WORKING_DAYS_KEPT = 4096;

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string, cal: WorkCalendar): string {
  let known = nextWorkingDays.get(cal);
  if (!known) nextWorkingDays.set(cal, (known = new Map()));
  let next = known.get(date);
  if (next === undefined) {
    if (known.size >= NEXT_WORKING_DAYS_KEPT) known.clear();
    next = firstWorkingDayAfter(date, cal);
    known.set(date, next);
  }
  return next;
}

function firstWorkingDayAfter(date: string, cal: WorkCalendar): string {
  let d = date;
  for (let i = 0; i < MAX_NON_WORKING_RUN; i += 1) {
    d = addCalendarDays(d, 1);
    if (cal.isWorkingDay(d)) return d;
  }
  throw new RangeError(`no working day within ${MAX_NON_WORKING_RUN} days after ${date}`);
}

function assertDayCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`a day limit must be a whole number ≥ 0: ${n}`);
  }
}
