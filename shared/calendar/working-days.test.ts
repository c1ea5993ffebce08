import { describe, expect, it } from 'vitest';

import { toShanghaiIso } from './shanghai';
import {
  addDays,
  dayNumber,
  dayNumberOn,
  dueIsProvisional,
  nextWorkingDay,
  nthDayAfter,
  officialCalendar,
  weekdayCalendar,
  workingDaysElapsed,
} from './working-days';

const cal = officialCalendar();

/** A Shanghai wall-clock instant. */
function sh(local: string): Date {
  return new Date(`${local}+08:00`);
}

function due(start: string, n: number, kind: 'working' | 'natural' = 'working'): string {
  return toShanghaiIso(addDays(sh(start), n, kind, cal));
}

/** The dates of working days 1..n after a start date. */
function workingDays(startDate: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => nthDayAfter(startDate, i + 1, 'working', cal));
}

describe('002 counting rule: day 1 is the working day after dispatch', () => {
  it('dispatched Monday → Tuesday is working day 1', () => {
    expect(due('2025-03-03T10:00:00', 1)).toBe('2025-03-04T23:59:59+08:00');
  });

  it('dispatched Friday → next Monday is working day 1', () => {
    expect(due('2025-03-07T16:30:00', 1)).toBe('2025-03-10T23:59:59+08:00');
  });

  it('dispatched Saturday or Sunday → Monday is working day 1', () => {
    expect(due('2025-03-08T09:00:00', 1)).toBe('2025-03-10T23:59:59+08:00');
    expect(due('2025-03-09T23:59:59', 1)).toBe('2025-03-10T23:59:59+08:00');
  });

  it('the time of day does not matter: 00:00:00 and 23:59:59 Monday both give Tuesday', () => {
    expect(due('2025-03-03T00:00:00', 1)).toBe('2025-03-04T23:59:59+08:00');
    expect(due('2025-03-03T23:59:59.999', 1)).toBe('2025-03-04T23:59:59+08:00');
  });

  it('uses the Shanghai date even when UTC is still on the previous day', () => {
    // Monday 00:30 in Shanghai is Sunday 16:30 UTC: still dispatched Monday → Tuesday
    expect(toShanghaiIso(addDays(new Date('2025-03-02T16:30:00Z'), 1, 'working', cal))).toBe('2025-03-04T23:59:59+08:00');
  });

  it('"within 5 working days" of a Monday is due Monday next week at 23:59:59', () => {
    expect(due('2025-03-03T10:00:00', 5)).toBe('2025-03-10T23:59:59+08:00');
  });

  it('a make-up Sunday right after a Friday dispatch is working day 1', () => {
    // 2026-09-20 (Sunday) is worked for National Day
    expect(due('2026-09-18T15:00:00', 1)).toBe('2026-09-20T23:59:59+08:00');
    // 2025-01-26 (Sunday) is worked for Spring Festival
    expect(due('2025-01-24T15:00:00', 1)).toBe('2025-01-26T23:59:59+08:00');
  });
});

describe('National Day 2026 (10-01..10-07 off, 09-20 and 10-10 worked)', () => {
  it('dispatched the day before the break: working days are 10-08, 10-09, 10-10 (Sat), 10-12, 10-13', () => {
    expect(workingDays('2026-09-30', 5)).toEqual(['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13']);
    expect(due('2026-09-30T17:00:00', 1)).toBe('2026-10-08T23:59:59+08:00');
    expect(due('2026-09-30T17:00:00', 2)).toBe('2026-10-09T23:59:59+08:00');
    expect(due('2026-09-30T17:00:00', 5)).toBe('2026-10-13T23:59:59+08:00');
  });

  it('000: the 10-working-day 12345 reply dispatched 09-30 is due 10-20, its 8th day is 10-16', () => {
    expect(due('2026-09-30T09:00:00', 10)).toBe('2026-10-20T23:59:59+08:00');
    expect(nthDayAfter('2026-09-30', 8, 'working', cal)).toBe('2026-10-16');
  });

  it('dispatched during the break, day 1 is still 10-08', () => {
    expect(due('2026-10-01T08:00:00', 1)).toBe('2026-10-08T23:59:59+08:00');
    expect(due('2026-10-07T22:00:00', 1)).toBe('2026-10-08T23:59:59+08:00');
  });

  it('dispatched on the make-up Saturday 10-10, day 1 is Monday 10-12', () => {
    expect(due('2026-10-10T10:00:00', 1)).toBe('2026-10-12T23:59:59+08:00');
  });

  it('001 随申拍 3 natural days ignore the holiday: dispatched 09-30 is due 10-03', () => {
    expect(due('2026-09-30T10:00:00', 3, 'natural')).toBe('2026-10-03T23:59:59+08:00');
  });
});

describe('Spring Festival 2026 (02-15..02-23 off, 02-14 and 02-28 worked)', () => {
  it('dispatched Friday 02-13: day 1 is the make-up Saturday 02-14, day 2 is 02-24', () => {
    expect(workingDays('2026-02-13', 7)).toEqual(['2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-02']);
  });

  it('dispatched on the make-up Saturday 02-14: a 5-day reply is due Saturday 02-28', () => {
    expect(due('2026-02-14T11:00:00', 1)).toBe('2026-02-24T23:59:59+08:00');
    expect(due('2026-02-14T11:00:00', 5)).toBe('2026-02-28T23:59:59+08:00');
  });

  it('002 first contact of a ticket dispatched on New Year’s Eve 02-16 is due 02-24', () => {
    expect(due('2026-02-16T20:00:00', 1)).toBe('2026-02-24T23:59:59+08:00');
  });
});

describe('2025 breaks', () => {
  it('Spring Festival: dispatched Monday 01-27, working day 1 is 02-05', () => {
    expect(due('2025-01-27T10:00:00', 1)).toBe('2025-02-05T23:59:59+08:00');
  });

  it('National Day: dispatched 09-30, working days are 10-09, 10-10, 10-11 (Sat), 10-13, 10-14', () => {
    expect(workingDays('2025-09-30', 5)).toEqual(['2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13', '2025-10-14']);
  });

  it('New Year: dispatched 2024-12-31, day 1 is 2025-01-02', () => {
    expect(due('2024-12-31T18:00:00', 1)).toBe('2025-01-02T23:59:59+08:00');
  });
});

describe('n = 0: a same-day limit is due at the end of the start day', () => {
  it('on a working day and on a holiday alike', () => {
    expect(due('2026-09-30T10:00:00', 0)).toBe('2026-09-30T23:59:59+08:00');
    expect(due('2026-10-03T10:00:00', 0)).toBe('2026-10-03T23:59:59+08:00');
    expect(due('2026-10-03T10:00:00', 0, 'natural')).toBe('2026-10-03T23:59:59+08:00');
  });
});

describe('input checks', () => {
  it('rejects negative or fractional limits', () => {
    expect(() => addDays(sh('2026-01-05T10:00:00'), -1, 'working', cal)).toThrow(RangeError);
    expect(() => addDays(sh('2026-01-05T10:00:00'), 1.5, 'working', cal)).toThrow(RangeError);
    expect(() => addDays(sh('2026-01-05T10:00:00'), Number.NaN, 'natural', cal)).toThrow(RangeError);
  });

  it('answers from the calendar it is given: a corrected calendar (a new object) is not answered from the old one', () => {
    // Friday 2026-12-04 → Monday 12-07; the supervisors then mark 12-05 a make-up working day.
    expect(nextWorkingDay('2026-12-04', weekdayCalendar())).toBe('2026-12-07');
    const corrected = weekdayCalendar([{ date: '2026-12-05', working: true }]);
    expect(nextWorkingDay('2026-12-04', corrected)).toBe('2026-12-05');
    expect(nextWorkingDay('2026-12-04', weekdayCalendar())).toBe('2026-12-07');
  });

  it('gives up on a calendar without working days instead of looping forever', () => {
    expect(() => nextWorkingDay('2026-01-05', { isWorkingDay: () => false })).toThrow(RangeError);
  });

  it('counts the computed 2027 holidays (全国年节及纪念日放假办法 第二条) and says the due is provisional', () => {
    // 国庆 2027: 10-01 (Friday) to 10-03 are computed holidays, and 10-02/03 fall on the weekend:
    // 第六条 补假 on 10-04 and 10-05. No 调休 is computed.
    expect(due('2027-09-30T10:00:00', 1)).toBe('2027-10-06T23:59:59+08:00');
    // The citizen-facing case of issue 15: dispatched on 2026-12-31, 元旦 2027 is not working day 1.
    expect(due('2026-12-31T10:00:00', 1)).toBe('2027-01-04T23:59:59+08:00');
    expect(dueIsProvisional(sh('2026-12-31T10:00:00'), sh('2027-01-04T23:59:59'), 'working', cal)).toBe(true);
    expect(dueIsProvisional(sh('2026-12-30T10:00:00'), sh('2026-12-31T23:59:59'), 'working', cal)).toBe(false);
    expect(dueIsProvisional(sh('2026-12-31T10:00:00'), sh('2027-01-03T23:59:59'), 'natural', cal)).toBe(false);
    // A supervisor's single-day correction wins over the computed 补假.
    const corrected = officialCalendar([{ date: '2027-10-04', working: true }]);
    expect(toShanghaiIso(addDays(sh('2027-09-30T10:00:00'), 1, 'working', corrected))).toBe('2027-10-04T23:59:59+08:00');
  });
});

describe('workingDaysElapsed: which working day now falls in', () => {
  const start = sh('2026-09-30T17:00:00');
  const at = (local: string): number => workingDaysElapsed(start, sh(local), cal);

  it('is 0 on the start day and on the holidays before working day 1', () => {
    expect(at('2026-09-30T23:59:59')).toBe(0);
    expect(at('2026-10-01T09:00:00')).toBe(0);
    expect(at('2026-10-07T23:59:59')).toBe(0);
  });

  it('counts working days, keeping the count on non-working days in between', () => {
    expect(at('2026-10-08T00:00:00')).toBe(1);
    expect(at('2026-10-09T12:00:00')).toBe(2);
    expect(at('2026-10-10T12:00:00')).toBe(3); // make-up Saturday
    expect(at('2026-10-11T12:00:00')).toBe(3); // Sunday
    expect(at('2026-10-12T12:00:00')).toBe(4);
    expect(at('2026-10-13T23:59:59')).toBe(5);
    expect(at('2026-10-14T00:00:00')).toBe(6);
  });

  it('is 0 before the clock started', () => {
    expect(at('2026-09-01T12:00:00')).toBe(0);
  });

  it('counts natural days from the day after the start', () => {
    expect(dayNumber(start, sh('2026-10-03T12:00:00'), 'natural', cal)).toBe(3);
    expect(dayNumberOn('2026-09-30', '2026-09-30', 'natural', cal)).toBe(0);
  });

  it('works with any WorkCalendar', () => {
    const plain = weekdayCalendar();
    expect(dayNumberOn('2026-09-30', '2026-10-02', 'working', plain)).toBe(2);
  });
});
