/**
 * Report periods in Asia/Shanghai (PRODUCT.md §10: monthly, weekly, any period on demand). A period is
 * a run of whole Shanghai days, from 00:00:00.000 of `from` to 23:59:59.999 of `to`.
 */
import { addCalendarDays, calendarDaysBetween, endOfShanghaiDay, parseIsoDate, startOfShanghaiDay, weekdayOf } from '../calendar/shanghai';

export type PeriodKind = 'month' | 'week' | 'range';

export interface ReportPeriod {
  kind: PeriodKind;
  /** 'YYYY-MM-DD', first day. */
  from: string;
  /** 'YYYY-MM-DD', last day (inclusive). */
  to: string;
  /** 2026年10月 · 2026-10-26 至 2026-11-01 */
  label: string;
}

export interface PeriodBounds {
  start: Date;
  end: Date;
}

export function boundsOf(p: { from: string; to: string }): PeriodBounds {
  return { start: startOfShanghaiDay(p.from), end: endOfShanghaiDay(p.to) };
}

export function contains(b: PeriodBounds, instant: Date): boolean {
  const t = instant.getTime();
  return t >= b.start.getTime() && t <= b.end.getTime();
}

const pad = (n: number) => String(n).padStart(2, '0');

export function monthPeriod(month: string): ReportPeriod {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${y}-${pad(m)}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
  return { kind: 'month', from, to: addCalendarDays(next, -1), label: `${y}年${m}月` };
}

/** The Monday-to-Sunday week that contains `date` (003 二(二)3 每周研判会). */
export function weekPeriod(date: string): ReportPeriod {
  const offset = (weekdayOf(date) + 6) % 7;
  const from = addCalendarDays(date, -offset);
  const to = addCalendarDays(from, 6);
  return { kind: 'week', from, to, label: `${from} 至 ${to}` };
}

export function rangePeriod(from: string, to: string): ReportPeriod {
  return { kind: 'range', from, to, label: `${from} 至 ${to}` };
}

/** 环比: the month before, the week before, or the same number of days just before. */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  if (p.kind === 'month') return monthPeriod(shiftMonth(p.from.slice(0, 7), -1));
  if (p.kind === 'week') return weekPeriod(addCalendarDays(p.from, -7));
  const days = calendarDaysBetween(p.from, p.to) + 1;
  return rangePeriod(addCalendarDays(p.from, -days), addCalendarDays(p.from, -1));
}

/**
 * What a period is compared with (环比, 同比). While the period is still running on `today`
 * (a Shanghai date), only its elapsed days have figures, so the periods before are cut to the
 * same span: 1–6 December is compared with 1–6 November and 1–6 December a year before, not
 * with all of November (which read −74 % on 6 December).
 */
export function comparablePeriods(p: ReportPeriod, today: string): { previous: ReportPeriod; yearAgo: ReportPeriod } {
  const previous = previousPeriod(p);
  const yearAgo = yearAgoPeriod(p);
  if (today < p.from || today >= p.to) return { previous, yearAgo };
  const elapsed = calendarDaysBetween(p.from, today);
  const cut = (q: ReportPeriod): ReportPeriod => {
    const to = addCalendarDays(q.from, elapsed);
    return to >= q.to ? q : rangePeriod(q.from, to);
  };
  return { previous: cut(previous), yearAgo: cut(yearAgo) };
}

/** 同比: the same month, week (by its Monday) or dates one year earlier. */
export function yearAgoPeriod(p: ReportPeriod): ReportPeriod {
  if (p.kind === 'month') return monthPeriod(shiftMonth(p.from.slice(0, 7), -12));
  if (p.kind === 'week') return weekPeriod(sameDayYearAgo(p.from));
  return rangePeriod(sameDayYearAgo(p.from), sameDayYearAgo(p.to));
}

/** 'YYYY-MM' shifted by n months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The same calendar day a year before; 29 February becomes 28 February. */
function sameDayYearAgo(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  const candidate = `${year - 1}-${pad(month)}-${pad(day)}`;
  try {
    parseIsoDate(candidate);
    return candidate;
  } catch {
    return `${year - 1}-${pad(month)}-28`;
  }
}
