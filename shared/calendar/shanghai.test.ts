import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  addCalendarDays,
  calendarDaysBetween,
  DAY_MS,
  endOfShanghaiDay,
  formatShanghai,
  isIsoDate,
  parseIsoDate,
  SHANGHAI_OFFSET_MS,
  shanghaiDate,
  startOfShanghaiDay,
  toShanghaiIso,
  weekdayOf,
} from './shanghai';

// 1992-01-01 .. 2100-12-31: after China's last DST season (1991).
const MIN_MS = Date.UTC(1992, 0, 1);
const MAX_MS = Date.UTC(2100, 11, 31);
const instant = fc.integer({ min: MIN_MS, max: MAX_MS }).map((ms) => new Date(ms));

const icuShanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function icuIso(d: Date): string {
  const p = Object.fromEntries(icuShanghai.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+08:00`;
}

describe('shanghaiDate', () => {
  it('reads the Shanghai date, not the UTC or process date', () => {
    // 2026-03-01T16:30Z is Monday 2026-03-02 00:30 in Shanghai (Sunday in UTC and in Los Angeles)
    expect(shanghaiDate(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(shanghaiDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
  });

  it('agrees with the ICU Asia/Shanghai zone for any instant since 1992 (no DST since 1991)', () => {
    fc.assert(
      fc.property(instant, (d) => {
        expect(toShanghaiIso(d)).toBe(icuIso(d));
        expect(shanghaiDate(d)).toBe(icuIso(d).slice(0, 10));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects an invalid Date', () => {
    expect(() => shanghaiDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('formatShanghai', () => {
  it('shows Shanghai wall time in each style, across a year end the process zone places a day earlier', () => {
    // 2026-12-31T16:30:05.999Z is 00:30:05 on 1 January 2027 in Shanghai, still 31 December in Los Angeles and UTC.
    const at = new Date('2026-12-31T16:30:05.999Z');
    expect(formatShanghai(at, 'minute')).toBe('2027-01-01 00:30');
    expect(formatShanghai(at, 'short')).toBe('01-01 00:30');
    expect(formatShanghai(at, 'date')).toBe('2027-01-01');
    expect(formatShanghai(at, 'clock')).toBe('00:30:05');
    expect(formatShanghai(at, 'input')).toBe('2027-01-01T00:30:05');
  });

  it('reads an ISO string or epoch milliseconds as the same instant', () => {
    expect(formatShanghai('2026-11-24T23:59:59.999+08:00', 'minute')).toBe('2026-11-24 23:59');
    expect(formatShanghai(Date.parse('2026-11-24T01:05:00Z'), 'short')).toBe('11-24 09:05');
    expect(() => formatShanghai('yesterday', 'date')).toThrow(RangeError);
  });

  it('agrees with the ICU Asia/Shanghai zone for any instant since 1992', () => {
    fc.assert(
      fc.property(instant, (d) => {
        expect(`${formatShanghai(d, 'input')}+08:00`).toBe(icuIso(d));
        expect(formatShanghai(d, 'minute')).toBe(icuIso(d).slice(0, 16).replace('T', ' '));
      }),
      { numRuns: 500 },
    );
  });
});

describe('startOfShanghaiDay / endOfShanghaiDay', () => {
  it('are 00:00:00.000 and 23:59:59.999 at +08:00', () => {
    expect(startOfShanghaiDay('2026-10-09').toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-10-09').toISOString()).toBe('2026-10-09T15:59:59.999Z');
    expect(toShanghaiIso(endOfShanghaiDay('2026-10-09'))).toBe('2026-10-09T23:59:59+08:00');
  });

  it('bracket exactly one day and round-trip through shanghaiDate', () => {
    fc.assert(
      fc.property(instant, (d) => {
        const date = shanghaiDate(d);
        const start = startOfShanghaiDay(date).getTime();
        const end = endOfShanghaiDay(date).getTime();
        expect(end - start).toBe(DAY_MS - 1);
        expect(start <= d.getTime() && d.getTime() <= end).toBe(true);
        expect((start + SHANGHAI_OFFSET_MS) % DAY_MS).toBe(0);
        expect(shanghaiDate(new Date(end + 1))).toBe(addCalendarDays(date, 1));
      }),
      { numRuns: 300 },
    );
  });
});

describe('toShanghaiIso', () => {
  it('drops milliseconds without rounding up', () => {
    expect(toShanghaiIso(new Date('2026-10-09T15:59:59.999Z'))).toBe('2026-10-09T23:59:59+08:00');
    expect(toShanghaiIso(new Date('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01T00:00:00+08:00');
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months, leap days and years', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(calendarDaysBetween('2025-12-31', '2027-01-01')).toBe(366);
    expect(calendarDaysBetween('2026-10-09', '2026-10-01')).toBe(-8);
  });

  it('knows the weekday (0 = Sunday)', () => {
    expect(weekdayOf('2026-10-01')).toBe(4);
    expect(weekdayOf('2026-02-15')).toBe(0);
    expect(weekdayOf('2025-01-01')).toBe(3);
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseIsoDate('2026-10-09')).toEqual({ year: 2026, month: 10, day: 9 });
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', '2026-01-01T00:00', '', '0000-00-00']) {
      expect(isIsoDate(bad), bad).toBe(false);
      expect(() => parseIsoDate(bad)).toThrow(RangeError);
    }
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(() => addCalendarDays('2026-01-01', 0.5)).toThrow(RangeError);
  });
});
