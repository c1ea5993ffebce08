import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';

import { officialDaysOff, officialMakeUpDays } from './official-schedule.test-data';
import { DAY_MS, SHANGHAI_OFFSET_MS, shanghaiDate } from './shanghai';
import { addDays, dayNumberOn, officialCalendar, workingDaysElapsed } from './working-days';

const cal = officialCalendar();

// Instants from 2025-01-01 00:00 to 2026-12-31 23:59:59.999 Shanghai time.
const FROM = Date.parse('2025-01-01T00:00:00+08:00');
const TO = Date.parse('2026-12-31T23:59:59.999+08:00');
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const limit = fc.integer({ min: 0, max: 30 });
const kind = fc.constantFrom('working' as const, 'natural' as const);

/** Milliseconds since Shanghai midnight, from getTime and the fixed offset only. */
function shanghaiMsOfDay(d: Date): number {
  return (((d.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

/**
 * Independent oracle: the State Council table typed in the test data, Monday–Friday elsewhere;
 * dues near the end of 2026 reach into 2027, whose weekday statutory holidays (computed from
 * 全国年节及纪念日放假办法, issue 15) are typed here too.
 */
const COMPUTED_2027 = ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01'];
/** 第六条 补假 for the 2027 holidays that fall on a weekend (春节 02-06/07, 劳动节 05-01/02, 国庆 10-02/03). */
const IN_LIEU_2027 = ['2027-02-09', '2027-02-10', '2027-05-03', '2027-05-04', '2027-10-04', '2027-10-05'];
const OFF = new Set([...officialDaysOff(2025), ...officialDaysOff(2026), ...COMPUTED_2027, ...IN_LIEU_2027]);
const MAKE_UP = new Set([...officialMakeUpDays(2025), ...officialMakeUpDays(2026)]);
function oracleIsWorking(ms: number): boolean {
  const date = new Date(ms).toISOString().slice(0, 10);
  const weekday = new Date(ms).getUTCDay();
  return MAKE_UP.has(date) || (weekday >= 1 && weekday <= 5 && !OFF.has(date));
}
/** Brute force on UTC-midnight milliseconds: the n-th working day after the start's Shanghai date. */
function oracleDue(start: Date, n: number): number {
  let day = Math.floor((start.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS;
  for (let counted = 0; counted < n;) {
    day += DAY_MS;
    if (oracleIsWorking(day)) counted += 1;
  }
  return day + DAY_MS - 1 - SHANGHAI_OFFSET_MS;
}

describe('addDays properties', () => {
  it('matches a brute-force count over the official table', () => {
    fc.assert(
      fc.property(instant, limit, (start, n) => {
        expect(addDays(start, n, 'working', cal).getTime()).toBe(oracleDue(start, n));
      }),
      { numRuns: 1000 },
    );
  });

  it('is always 23:59:59.999 +08:00, on a working day for n ≥ 1', () => {
    fc.assert(
      fc.property(instant, limit, kind, (start, n, k) => {
        const due = addDays(start, n, k, cal);
        expect(shanghaiMsOfDay(due)).toBe(DAY_MS - 1);
        if (k === 'working' && n >= 1) expect(cal.isWorkingDay(shanghaiDate(due))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is strictly later than the start day for n ≥ 1 (the start day never counts)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), kind, (start, n, k) => {
        expect(shanghaiDate(addDays(start, n, k, cal)) > shanghaiDate(start)).toBe(true);
      }),
    );
  });

  it('is monotonic in the start', () => {
    fc.assert(
      fc.property(instant, instant, limit, kind, (a, b, n, k) => {
        const [early, late] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
        expect(addDays(early, n, k, cal).getTime()).toBeLessThanOrEqual(addDays(late, n, k, cal).getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('is strictly increasing in N', () => {
    fc.assert(
      fc.property(instant, limit, limit, kind, (start, a, b, k) => {
        fc.pre(a !== b);
        const [small, big] = a < b ? [a, b] : [b, a];
        expect(addDays(start, small, k, cal).getTime()).toBeLessThan(addDays(start, big, k, cal).getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('natural days are plain calendar days', () => {
    fc.assert(
      fc.property(instant, limit, (start, n) => {
        const startOfStartDay = Date.parse(`${shanghaiDate(start)}T00:00:00+08:00`);
        expect(addDays(start, n, 'natural', cal).getTime()).toBe(startOfStartDay + (n + 1) * DAY_MS - 1);
      }),
    );
  });

  it('equals natural counting on a calendar where every day is worked', () => {
    const allWorked = { isWorkingDay: () => true };
    fc.assert(
      fc.property(instant, limit, (start, n) => {
        expect(addDays(start, n, 'working', allWorked).getTime()).toBe(addDays(start, n, 'natural', cal).getTime());
      }),
    );
  });
});

describe('workingDaysElapsed properties', () => {
  it('is N at the due instant, at most N up to due and at least N after it', () => {
    fc.assert(
      fc.property(instant, limit, instant, (start, n, now) => {
        const due = addDays(start, n, 'working', cal);
        expect(workingDaysElapsed(start, due, cal)).toBe(n);
        const elapsed = workingDaysElapsed(start, now, cal);
        if (now.getTime() <= due.getTime()) expect(elapsed).toBeLessThanOrEqual(n);
        else expect(elapsed).toBeGreaterThanOrEqual(n);
      }),
      { numRuns: 500 },
    );
  });

  it('never decreases as now moves on', () => {
    fc.assert(
      fc.property(instant, instant, instant, (start, a, b) => {
        const [early, late] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
        const before = workingDaysElapsed(start, early, cal);
        expect(before).toBeLessThanOrEqual(workingDaysElapsed(start, late, cal));
      }),
      { numRuns: 300 },
    );
  });

  it('counts the working days after the start date up to and including the date of now', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), (start, days) => {
        const now = new Date(start.getTime() + days * DAY_MS);
        let expected = 0;
        const last = Date.parse(`${shanghaiDate(now)}T00:00:00Z`);
        for (let ms = Date.parse(`${shanghaiDate(start)}T00:00:00Z`) + DAY_MS; ms <= last; ms += DAY_MS) {
          if (oracleIsWorking(ms)) expected += 1;
        }
        expect(dayNumberOn(shanghaiDate(start), shanghaiDate(now), 'working', cal)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('independence from process.env.TZ', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the same due instants in Shanghai, Los Angeles, Kiritimati (+14) and Pago Pago (−11)', () => {
    const samples = fc.sample(fc.tuple(instant, limit, kind), { numRuns: 200, seed: 42 });
    const dues = (tz: string): number[] => {
      process.env.TZ = tz;
      const fresh = officialCalendar();
      return samples.map(([start, n, k]) => addDays(start, n, k, fresh).getTime());
    };
    const reference = samples.map(([start, n]) => oracleDue(start, n));
    const shanghai = dues('Asia/Shanghai');
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      expect(dues(tz)).toEqual(shanghai);
    }
    samples.forEach(([, , k], i) => {
      if (k === 'working') expect(shanghai[i]).toBe(reference[i]);
    });
  });
});
