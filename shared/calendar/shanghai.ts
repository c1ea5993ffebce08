/**
 * Asia/Shanghai dates and instants, computed without reading the process time zone (PRODUCT.md §4:
 * all deadlines are in Asia/Shanghai time).
 *
 * Why a fixed +08:00 offset is exact: the whole of mainland China keeps one zone, UTC+8, and
 * has observed no daylight saving time since it was abolished after the 1991 summer season.
 * For every instant this product handles, Shanghai wall time = UTC + 8 h, so we shift by
 * 8 hours and read the UTC fields. Nothing here consults process.env.TZ, the local zone or the
 * ICU tz database, so a server in UTC and a laptop in Europe print the same deadlines.
 */

export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface IsoDateParts {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

/** Parses a 'YYYY-MM-DD' calendar date; throws a RangeError on anything else (e.g. '2026-02-30'). */
export function parseIsoDate(date: string): IsoDateParts {
  const match = ISO_DATE.exec(date);
  if (match) {
    const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    if (formatUtcDate(utcMidnightOf(parts)) === date) return parts;
  }
  throw new RangeError(`not a calendar date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
}

export function isIsoDate(date: string): boolean {
  try {
    parseIsoDate(date);
    return true;
  } catch {
    return false;
  }
}

/** The Shanghai calendar date ('YYYY-MM-DD') an instant falls on. */
export function shanghaiDate(instant: Date): string {
  return formatUtcDate(instantMs(instant) + SHANGHAI_OFFSET_MS);
}

/** 00:00:00.000 +08:00 of a Shanghai date. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(utcMidnight(date) - SHANGHAI_OFFSET_MS);
}

/**
 * The last instant of a Shanghai date: 23:59:59.999 +08:00.
 *
 * Decision: .999, not .000. "Within N working days" means the whole of day N is in time
 * (002: due by the end of working day N), so a reply stamped 23:59:59.400 is on time and
 * `now > due` holds exactly from 00:00:00.000 of the next day. Printed without milliseconds
 * (toShanghaiIso) it reads 23:59:59+08:00, as the CLI shows.
 */
export function endOfShanghaiDay(date: string): Date {
  return new Date(utcMidnight(date) + DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

/** The date `n` calendar days after `date` (n may be negative). */
export function addCalendarDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`day count must be an integer: ${n}`);
  return formatUtcDate(utcMidnight(date) + n * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** Day of the week of a calendar date: 0 = Sunday … 6 = Saturday (as Date#getDay). */
export function weekdayOf(date: string): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/** '2026-10-09T23:59:59+08:00': Shanghai wall time, milliseconds dropped (not rounded). */
export function toShanghaiIso(instant: Date): string {
  return `${wallTime(instant).slice(0, 19)}+08:00`;
}

/**
 * How a Shanghai time is shown, the same on the server (messages, workbooks) and in the browser
 * (whatever the device's zone):
 * - `minute` 2026-11-24 09:05 (messages, forms, printed sheets)
 * - `short` 11-24 09:05 (lists and cards)
 * - `date` 2026-11-24
 * - `clock` 09:05:07 (the wallboard)
 * - `input` 2026-11-24T09:05:07, the value of an `<input type="datetime-local" step="1">`
 */
export type ShanghaiTimeStyle = 'minute' | 'short' | 'date' | 'clock' | 'input';

/** The one formatter of Shanghai wall time (PRODUCT.md §7: times are shown in Asia/Shanghai) of an instant, ISO string or epoch ms; what a style leaves out is dropped, not rounded. */
export function formatShanghai(instant: Date | string | number, style: ShanghaiTimeStyle): string {
  const wall = wallTime(instant instanceof Date ? instant : new Date(instant)); // 2026-11-24T09:05:07.250Z
  switch (style) {
    case 'minute':
      return `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
    case 'short':
      return `${wall.slice(5, 10)} ${wall.slice(11, 16)}`;
    case 'date':
      return wall.slice(0, 10);
    case 'clock':
      return wall.slice(11, 19);
    case 'input':
      return wall.slice(0, 19);
  }
}

/** Shanghai wall time written as an ISO string ('…Z' but read as +08:00). */
function wallTime(instant: Date): string {
  return new Date(instantMs(instant) + SHANGHAI_OFFSET_MS).toISOString();
}

function instantMs(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  return ms;
}

function utcMidnight(date: string): number {
  return utcMidnightOf(parseIsoDate(date));
}

function utcMidnightOf({ year, month, day }: IsoDateParts): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function formatUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
