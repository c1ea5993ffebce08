import { afterEach, describe, expect, it } from 'vitest';

import { officialCalendar, officialCoveredYears, weekdayCalendar } from './official-calendar';
import { OFFICIAL_HOLIDAYS, officialDaysOff, officialMakeUpDays } from './official-schedule.test-data';
import { addCalendarDays, weekdayOf } from './shanghai';

const YEARS = [2025, 2026] as const;

function datesOfYear(year: number): string[] {
  const dates: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addCalendarDays(d, 1)) dates.push(d);
  return dates;
}

describe('official schedule test table', () => {
  for (const year of YEARS) {
    for (const h of OFFICIAL_HOLIDAYS[year]) {
      it(`${year} ${h.name}: typed dates fall on the weekdays the notice prints`, () => {
        expect(weekdayOf(h.from)).toBe(h.fromWeekday);
        expect(weekdayOf(h.to)).toBe(h.toWeekday);
        for (const m of h.makeUpDays) expect(weekdayOf(m.date)).toBe(m.weekday);
        // 调休 make-up days are always weekend days
        for (const m of h.makeUpDays) expect([0, 6]).toContain(m.weekday);
      });
    }
  }
});

describe('officialCalendar', () => {
  const cal = officialCalendar();

  for (const year of YEARS) {
    describe(`${year}`, () => {
      for (const h of OFFICIAL_HOLIDAYS[year]) {
        it(`${h.name}: every day from ${h.from} to ${h.to} is off`, () => {
          for (let d = h.from; d <= h.to; d = addCalendarDays(d, 1)) {
            expect(cal.isWorkingDay(d), d).toBe(false);
          }
        });
        it(`${h.name}: the working days just before and after the break are working days`, () => {
          const before = addCalendarDays(h.from, -1);
          const after = addCalendarDays(h.to, 1);
          const expectWorking = (d: string): boolean => officialMakeUpDays(year).has(d) || (weekdayOf(d) >= 1 && weekdayOf(d) <= 5);
          expect(cal.isWorkingDay(before), before).toBe(expectWorking(before));
          expect(cal.isWorkingDay(after), after).toBe(expectWorking(after));
        });
        if (h.makeUpDays.length > 0) {
          it(`${h.name}: make-up days ${h.makeUpDays.map((m) => m.date).join(', ')} are working days`, () => {
            for (const m of h.makeUpDays) expect(cal.isWorkingDay(m.date), m.date).toBe(true);
          });
        }
      }

      it('every date of the year matches the notice: make-up day, or a weekday not off', () => {
        const off = officialDaysOff(year);
        const makeUp = officialMakeUpDays(year);
        const mismatches = datesOfYear(year).filter((d) => {
          const weekday = weekdayOf(d);
          const expected = makeUp.has(d) || (weekday >= 1 && weekday <= 5 && !off.has(d));
          return cal.isWorkingDay(d) !== expected;
        });
        expect(mismatches).toEqual([]);
      });
    });
  }

  it('counts 248 working days in 2025 and in 2026 (365 − 104 weekend days − 13 holidays)', () => {
    // 2025 onward the statutory holidays are 13 days (国务院令第797号); 调休 only moves days around.
    const count = (year: number): number => datesOfYear(year).filter((d) => cal.isWorkingDay(d)).length;
    expect(count(2025)).toBe(248);
    expect(count(2026)).toBe(248);
  });

  it('reports 2025 and 2026 as covered and 2027 as not (chinese-days 1.5 has no 2027)', () => {
    expect(cal.coveredYears).toContain(2025);
    expect(cal.coveredYears).toContain(2026);
    expect(cal.coveredYears).not.toContain(2027);
    expect(cal.isCovered('2026-12-31')).toBe(true);
    expect(cal.isCovered('2027-01-01')).toBe(false);
    expect(officialCoveredYears()).toBe(cal.coveredYears);
    expect([...cal.coveredYears]).toEqual([...cal.coveredYears].sort((a, b) => a - b));
  });

  it('counts the 2027 statutory holidays computed from 全国年节及纪念日放假办法 第二条 until the schedule is published (issue 15)', () => {
    expect(cal.yearStatus(2027)).toBe('computed');
    expect(cal.isProvisionalYear(2027)).toBe(true);
    // The seven weekday holidays of 2027: 元旦, 除夕 and 初三 of 春节, 清明, 端午, 中秋, 国庆 (Friday 10-01).
    for (const date of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']) {
      expect(cal.isWorkingDay(date), date).toBe(false);
    }
    expect(cal.isWorkingDay('2027-01-02')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2027-01-04')).toBe(true); // Monday: no 调休 is computed
    // 第六条 补假: 国庆 10-02/03 fall on the weekend, so 10-04 and 10-05 are off; 10-06 is a working day.
    expect(cal.isWorkingDay('2027-10-04')).toBe(false);
    expect(cal.isWorkingDay('2027-10-05')).toBe(false);
    expect(cal.isWorkingDay('2027-10-06')).toBe(true);
  });

  it('treats a confirmed year as Monday–Friday plus the schedule stored as overrides', () => {
    const confirmed = officialCalendar([{ date: '2027-01-01', working: false }], { confirmedYears: [2027] });
    expect(confirmed.yearStatus(2027)).toBe('confirmed');
    expect(confirmed.isCovered('2027-06-01')).toBe(true);
    expect(confirmed.isProvisionalYear(2027)).toBe(false);
    expect(confirmed.isWorkingDay('2027-01-01')).toBe(false);
    expect(confirmed.isWorkingDay('2027-02-08')).toBe(true); // not in the (test) schedule: computed days no longer apply
    expect(confirmed.yearStatus(2028)).toBe('computed');
    expect(cal.yearStatus(2003)).toBe('weekdays');
    expect(cal.yearStatus(2026)).toBe('official');
  });

  it('lets overrides win over the official schedule, the later override of a date winning', () => {
    const overridden = officialCalendar([
      { date: '2026-10-08', working: false, note: 'typhoon' },
      { date: '2026-10-03', working: true },
      { date: '2027-02-08', working: false, note: '2027 Spring Festival, typed by a supervisor' },
      { date: '2026-06-01', working: false },
      { date: '2026-06-01', working: true },
    ]);
    expect(overridden.isWorkingDay('2026-10-08')).toBe(false);
    expect(overridden.isWorkingDay('2026-10-03')).toBe(true);
    expect(overridden.isWorkingDay('2027-02-08')).toBe(false);
    expect(overridden.isWorkingDay('2026-06-01')).toBe(true);
    expect(overridden.isWorkingDay('2026-10-09')).toBe(true);
    // the shipped calendar is untouched
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('rejects malformed dates in overrides and queries', () => {
    expect(() => officialCalendar([{ date: '2026-2-1', working: true }])).toThrow(RangeError);
    expect(() => officialCalendar([{ date: '2026-02-30', working: true }])).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026/10/01')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('__proto__')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('constructor')).toThrow(RangeError);
  });
});

describe('officialCalendar under other process time zones', () => {
  // chinese-days reads local-time getters; Node applies a runtime change of process.env.TZ.
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Europe/London']) {
    it(`gives the official answers with TZ=${tz}`, () => {
      process.env.TZ = tz;
      const cal = officialCalendar();
      for (const year of YEARS) {
        const off = officialDaysOff(year);
        const makeUp = officialMakeUpDays(year);
        const mismatches = datesOfYear(year).filter((d) => {
          const weekday = weekdayOf(d);
          const expected = makeUp.has(d) || (weekday >= 1 && weekday <= 5 && !off.has(d));
          return cal.isWorkingDay(d) !== expected;
        });
        expect(mismatches).toEqual([]);
      }
    });
  }

  it('actually switched the zone (guards the test above)', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).toBe(-14 * 60);
  });
});

describe('weekdayCalendar', () => {
  it('is Monday–Friday with overrides on top', () => {
    const cal = weekdayCalendar([{ date: '2026-10-01', working: false }]);
    expect(cal.isWorkingDay('2026-09-30')).toBe(true);
    expect(cal.isWorkingDay('2026-10-01')).toBe(false);
    expect(cal.isWorkingDay('2026-10-03')).toBe(false);
  });
});
