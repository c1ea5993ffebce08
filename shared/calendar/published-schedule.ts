/**
 * Reading a year's published State Council schedule (国务院办公厅关于…部分节假日安排的通知) as a
 * supervisor enters it (PRODUCT.md §4, issue 15): dates pasted one per line, or an .ics calendar
 * file such as the one chinese-days publishes. Pure: the calendar page previews what the server
 * will store.
 *
 * Pasted lines: a date or a range, then what it is — `休` (day off, the default) or `班` (a 调休
 * working day):
 *
 *     2027-01-01 休
 *     2027-02-05 至 2027-02-11 休
 *     2027-02-20 班
 */
import { addCalendarDays, isIsoDate } from './shanghai';

export interface ParsedSchedule {
  /** Days off in the year, ascending, without repeats. */
  daysOff: string[];
  /** 调休 working days (worked weekend days), ascending. */
  makeUpDays: string[];
  /** What could not be read, one message per line or event (Chinese, shown as is). */
  errors: string[];
}

const DATE = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/g;
const WORKED = /班|上班|补班|work/i;
/** The longest range accepted on one line: longer is a typo (the longest break so far is 9 days). */
const MAX_RANGE_DAYS = 31;

/** Dates typed or pasted, one date or range per line. */
export function parsePastedSchedule(text: string, year: number): ParsedSchedule {
  const out = new Collector(year);
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const dates = [...line.matchAll(DATE)].map(([, y = '', m = '', d = '']) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
    const where = `第${index + 1}行`;
    const [from, to = from] = dates;
    if (from === undefined || dates.length > 2) {
      out.errors.push(`${where}：应为一个日期或一个日期范围（YYYY-MM-DD）`);
      return;
    }
    out.add(from, to ?? from, WORKED.test(line.replace(DATE, '')), where);
  });
  return out.result();
}

/** An iCalendar file: every all-day event in the year; a summary or description with 班 is a working day. */
export function parseIcsSchedule(text: string, year: number): ParsedSchedule {
  const out = new Collector(year);
  // RFC 5545 3.1: a line starting with a space or tab continues the previous one.
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  let event: Map<string, string> | null = null;
  let count = 0;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') event = new Map();
    else if (line === 'END:VEVENT' && event) {
      count += 1;
      readEvent(event, count, out);
      event = null;
    } else if (event) {
      const colon = line.indexOf(':');
      const name = line.slice(0, Math.max(colon, 0)).split(';')[0] ?? '';
      if (colon > 0) event.set(name.toUpperCase(), line.slice(colon + 1));
    }
  }
  if (count === 0) out.errors.push('文件中没有日程（VEVENT），不是日历文件？');
  return out.result({ outsideYearIsError: false });
}

function readEvent(event: Map<string, string>, n: number, out: Collector): void {
  const where = `第${n}个日程`;
  const start = icsDate(event.get('DTSTART'));
  if (!start) {
    out.errors.push(`${where}：没有全天日期（DTSTART;VALUE=DATE）`);
    return;
  }
  // DTEND of an all-day event is the day after the last one (RFC 5545 3.6.1).
  const endExclusive = icsDate(event.get('DTEND'));
  const last = endExclusive && endExclusive > start ? addCalendarDays(endExclusive, -1) : start;
  const text = `${event.get('SUMMARY') ?? ''} ${event.get('DESCRIPTION') ?? ''}`;
  out.add(start, last, WORKED.test(text), where);
}

function icsDate(value: string | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value ?? '');
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return isIsoDate(date) ? date : null;
}

class Collector {
  readonly errors: string[] = [];
  private readonly off = new Set<string>();
  private readonly worked = new Set<string>();
  private outside = 0;

  constructor(private readonly year: number) {}

  add(from: string, to: string, worked: boolean, where: string): void {
    if (!isIsoDate(from) || !isIsoDate(to)) {
      this.errors.push(`${where}：日期不存在（${isIsoDate(from) ? to : from}）`);
      return;
    }
    if (to < from) {
      this.errors.push(`${where}：结束日期早于开始日期`);
      return;
    }
    const days: string[] = [];
    for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
      days.push(d);
      if (days.length > MAX_RANGE_DAYS) {
        this.errors.push(`${where}：范围超过${MAX_RANGE_DAYS}天`);
        return;
      }
    }
    for (const d of days) {
      if (Number(d.slice(0, 4)) !== this.year) {
        this.outside += 1;
        continue;
      }
      (worked ? this.worked : this.off).add(d);
    }
  }

  result(opts: { outsideYearIsError: boolean } = { outsideYearIsError: true }): ParsedSchedule {
    if (opts.outsideYearIsError && this.outside > 0) this.errors.push(`有${this.outside}个日期不在${this.year}年`);
    for (const d of this.worked) if (this.off.has(d)) this.errors.push(`${d} 既是休息日又是上班日`);
    const sorted = (s: Set<string>) => [...s].sort();
    return { daysOff: sorted(this.off), makeUpDays: sorted(this.worked), errors: this.errors };
  }
}
