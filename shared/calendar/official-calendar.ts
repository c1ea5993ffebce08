/**
 * PRODUCT.md §4: "the calendar ships with the official schedules and supervisors can add or correct
 * days". The schedules are the State Council notices (国务院办公厅关于部分节假日安排的通知) as
 * packaged by chinese-days; overrides win over them.
 */
import officialData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

import { parseIsoDate, weekdayOf } from './shanghai';
import { statutoryHolidays } from './statutory-holidays';
import type { CalendarOverride, CalendarYearStatus, OfficialWorkCalendar, WorkCalendar } from './types';

/**
 * We read chinese-days' shipped data file, not its isWorkday()/isHoliday() functions: those
 * build and query their tables with the process's local-time getters, so with a negative UTC
 * offset (the tests pin America/Los_Angeles) isWorkday('2025-01-01') is true and every plain
 * weekday lands one day off. The JSON is keyed by plain 'YYYY-MM-DD' dates and needs no zone.
 * Values are "English name,中文名,n"; only presence matters here.
 */
const HOLIDAYS: Readonly<Record<string, string>> = officialData.holidays;
/** 调休上班: weekend days that are worked. */
const MAKE_UP_WORKDAYS: Readonly<Record<string, string>> = officialData.workdays;

/** Years with an official schedule (chinese-days 1.5: 2004–2026): every such year has holidays. */
const COVERED_YEARS: readonly number[] = Object.freeze([...new Set(Object.keys(HOLIDAYS).map((date) => Number(date.slice(0, 4))))].sort((a, b) => a - b));

const LAST_COVERED_YEAR = COVERED_YEARS.at(-1) ?? 0;

/** Years chinese-days has a State Council schedule for, ascending. */
export function officialCoveredYears(): readonly number[] {
  return COVERED_YEARS;
}

export interface OfficialCalendarOptions {
  /** Years whose published schedule a supervisor confirmed (its days are among the overrides). */
  confirmedYears?: readonly number[];
}

/** The shipped State Council schedule of a year: its days off (with the holiday's Chinese name) and 调休 working days. */
export function officialSchedule(year: number): { daysOff: { date: string; name: string }[]; makeUpDays: string[] } {
  const inYear = (date: string) => date.startsWith(`${year}-`);
  return {
    daysOff: Object.entries(HOLIDAYS)
      .filter(([date]) => inYear(date))
      .map(([date, value]) => ({ date, name: value.split(',')[1] ?? '' }))
      .sort((a, b) => (a.date < b.date ? -1 : 1)),
    makeUpDays: Object.keys(MAKE_UP_WORKDAYS).filter(inYear).sort(),
  };
}

/**
 * The official calendar with overrides on top. When two overrides name the same date, the
 * later one in the array wins. A year after the last shipped schedule counts the statutory
 * holidays computed from the national regulation (./statutory-holidays.ts) until a supervisor
 * confirms its published schedule; a confirmed year is Monday–Friday plus its overrides (the
 * schedule's days are stored as overrides). Years before the first shipped one are Monday–Friday.
 */
export function officialCalendar(overrides: readonly CalendarOverride[] = [], options: OfficialCalendarOptions = {}): OfficialWorkCalendar {
  const overridden = overrideMap(overrides);
  const covered = new Set(COVERED_YEARS);
  const confirmed = new Set(options.confirmedYears ?? []);
  const computedOff = new Map<number, ReadonlySet<string>>();
  const yearStatus = (year: number): CalendarYearStatus => {
    if (covered.has(year)) return 'official';
    if (confirmed.has(year)) return 'confirmed';
    return year > LAST_COVERED_YEAR ? 'computed' : 'weekdays';
  };
  const isComputedHoliday = (date: string, year: number) => {
    let off = computedOff.get(year);
    if (!off) {
      off = new Set(statutoryHolidays(year).map((h) => h.date));
      computedOff.set(year, off);
    }
    return off.has(date);
  };
  return {
    coveredYears: COVERED_YEARS,
    isCovered: (date) => {
      const status = yearStatus(parseIsoDate(date).year);
      return status === 'official' || status === 'confirmed';
    },
    yearStatus,
    isProvisionalYear: (year) => yearStatus(year) === 'computed',
    isWorkingDay(date) {
      const override = overridden.get(date);
      if (override !== undefined) return override;
      if (Object.hasOwn(MAKE_UP_WORKDAYS, date)) return true;
      if (Object.hasOwn(HOLIDAYS, date)) return false;
      const year = parseIsoDate(date).year;
      if (yearStatus(year) === 'computed' && isComputedHoliday(date, year)) return false;
      // Not in any schedule: an ordinary day, or a day of a confirmed year or one before 2004.
      return isMondayToFriday(date);
    },
  };
}

/** Monday–Friday plus overrides: the fallback rule, and a plain calendar for tests. */
export function weekdayCalendar(overrides: readonly CalendarOverride[] = []): WorkCalendar {
  const overridden = overrideMap(overrides);
  return {
    isWorkingDay: (date) => overridden.get(date) ?? isMondayToFriday(date),
  };
}

function overrideMap(overrides: readonly CalendarOverride[]): Map<string, boolean> {
  const map = new Map<string, boolean>();
  for (const { date, working } of overrides) {
    parseIsoDate(date); // reject malformed dates up front rather than never matching them
    map.set(date, working);
  }
  return map;
}

function isMondayToFriday(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday >= 1 && weekday <= 5;
}
