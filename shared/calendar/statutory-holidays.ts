/**
 * The statutory holidays of a year the State Council has not scheduled yet, computed from the
 * national regulation 全国年节及纪念日放假办法 (as amended 2024, in force from 2025), 第二条:
 * 元旦 1 day (1 January); 春节 4 days (除夕, 正月初一, 初二, 初三); 清明节 1 day (the 清明 solar
 * term); 劳动节 2 days (1–2 May); 端午节 1 day (五月初五); 中秋节 1 day (八月十五); 国庆节 3 days
 * (1–3 October).
 *
 * 第六条: a holiday for all citizens that falls on a Saturday or Sunday is made up (补假) on a
 * working day. We put each such day on the first following weekday that is not itself a holiday
 * or an earlier 补假 (国庆 2026: 10-03 Saturday → 10-05 Monday; 春节 2027: 02-06/07 → 02-09/10),
 * which is where every State Council notice since the 2024 amendment put it.
 *
 * Not computed, because the regulation leaves it to each year's notice: 调休 (weekend days worked
 * to bridge a break). Dues counted over such a year are provisional until a supervisor confirms
 * the published schedule (docs/decisions/clocks.md).
 *
 * Lunar dates and the solar term come from chinese-days (its lunar table runs 1900–2100), not
 * from astronomy of our own.
 */
// The package is CommonJS (UMD): its functions are reachable from node's ESM through the default export only.
import chineseDays from 'chinese-days';

import { addCalendarDays, parseIsoDate, weekdayOf } from './shanghai';

/** The holidays of 第二条, in the order of the year. */
export const FESTIVALS = ['new_year', 'spring_festival', 'qingming', 'labour_day', 'dragon_boat', 'mid_autumn', 'national_day'] as const;
export type Festival = (typeof FESTIVALS)[number];

/** The names the regulation uses. */
export const FESTIVAL_NAMES_ZH = {
  new_year: '元旦',
  spring_festival: '春节',
  qingming: '清明节',
  labour_day: '劳动节',
  dragon_boat: '端午节',
  mid_autumn: '中秋节',
  national_day: '国庆节',
} as const satisfies Record<Festival, string>;

export interface StatutoryHoliday {
  /** 'YYYY-MM-DD' (Shanghai). */
  date: string;
  festival: Festival;
  /** 第六条 补假: a weekday off in lieu of a day of `festival` that fell on a weekend. */
  inLieu?: true;
}

/** A computed day's name as the calendar shows it: 国庆节, or 国庆节补假 for a day in lieu. */
export function holidayNameZh(h: StatutoryHoliday): string {
  return h.inLieu ? `${FESTIVAL_NAMES_ZH[h.festival]}补假` : FESTIVAL_NAMES_ZH[h.festival];
}

/** Years chinese-days' lunar table covers. */
const LUNAR_TABLE_YEARS = { first: 1901, last: 2100 } as const;

const memo = new Map<number, readonly StatutoryHoliday[]>();

/** The 第二条 holidays of `year`, by date; empty outside the lunar table's range. */
export function statutoryHolidays(year: number): readonly StatutoryHoliday[] {
  const known = memo.get(year);
  if (known) return known;
  const computed = year < LUNAR_TABLE_YEARS.first || year > LUNAR_TABLE_YEARS.last ? [] : withDaysInLieu(compute(year));
  const frozen = Object.freeze(computed.sort((a, b) => (a.date < b.date ? -1 : 1)));
  memo.set(year, frozen);
  return frozen;
}

function compute(year: number): StatutoryHoliday[] {
  const day = (month: number, d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const newYearsEve = addCalendarDays(lunarToSolar(year, 1, 1), -1); // 除夕: the last day of the lunar year, 腊月廿九 or 三十
  return [
    { date: day(1, 1), festival: 'new_year' },
    ...[0, 1, 2, 3].map((n) => ({ date: addCalendarDays(newYearsEve, n), festival: 'spring_festival' as const })),
    { date: qingming(year), festival: 'qingming' },
    { date: day(5, 1), festival: 'labour_day' },
    { date: day(5, 2), festival: 'labour_day' },
    { date: lunarToSolar(year, 5, 5), festival: 'dragon_boat' },
    { date: lunarToSolar(year, 8, 15), festival: 'mid_autumn' },
    { date: day(10, 1), festival: 'national_day' },
    { date: day(10, 2), festival: 'national_day' },
    { date: day(10, 3), festival: 'national_day' },
  ];
}

/** 第六条: each holiday on a Saturday or Sunday adds the first later weekday that is neither a holiday nor already taken. */
function withDaysInLieu(holidays: StatutoryHoliday[]): StatutoryHoliday[] {
  const sorted = [...holidays].sort((a, b) => (a.date < b.date ? -1 : 1));
  const taken = new Set(sorted.map((h) => h.date));
  const inLieu: StatutoryHoliday[] = [];
  for (const h of sorted) {
    if (!isWeekend(h.date)) continue;
    let d = addCalendarDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addCalendarDays(d, 1);
    taken.add(d);
    inLieu.push({ date: d, festival: h.festival, inLieu: true });
  }
  return [...sorted, ...inLieu];
}

function isWeekend(date: string): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/**
 * The Gregorian date of a day of the (non-leap) lunar month. chinese-days reads a string date
 * as UTC midnight but takes its year, month and day with local-time getters, so behind UTC
 * '2027-01-01' would become lunar 2026-12-31. A Date built from local parts reads back the
 * same parts in every zone, and the library adds days to a local date, so the answer holds.
 */
function lunarToSolar(year: number, month: number, day: number): string {
  const { date } = chineseDays.getSolarDateFromLunar(new Date(year, month - 1, day));
  parseIsoDate(date);
  return date;
}

/**
 * 清明, the solar term. chinese-days computes the day of the month as a number, builds the date
 * with Date.UTC and formats it with local-time getters: behind UTC its string is the day
 * before. Take the day whose UTC midnight formats, locally, to the library's string.
 */
function qingming(year: number): string {
  const printed = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  const next = addCalendarDays(printed, 1);
  return localDateOfUtcMidnight(printed) === printed ? printed : next;
}

function localDateOfUtcMidnight(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
