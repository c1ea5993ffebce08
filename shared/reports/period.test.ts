import { describe, expect, it } from 'vitest';
import { boundsOf, monthPeriod, previousPeriod, rangePeriod, shiftMonth, weekPeriod, yearAgoPeriod } from './period';

describe('report periods (Asia/Shanghai)', () => {
  it('spans whole Shanghai days: a month from 00:00 of the 1st to 23:59:59.999 of the last day', () => {
    const p = monthPeriod('2026-02');
    expect(p).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28', label: '2026年2月' });
    expect(boundsOf(p)).toEqual({ start: new Date('2026-02-01T00:00:00+08:00'), end: new Date('2026-02-28T23:59:59.999+08:00') });
    expect(monthPeriod('2028-02').to).toBe('2028-02-29');
  });

  it('takes the Monday-to-Sunday week around any day (003 二(二)3 weekly review)', () => {
    expect(weekPeriod('2026-11-11')).toMatchObject({ from: '2026-11-09', to: '2026-11-15' });
    expect(weekPeriod('2026-11-15')).toMatchObject({ from: '2026-11-09', to: '2026-11-15' });
    expect(weekPeriod('2026-11-16')).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
  });

  it('compares with the period before (环比) and a year before (同比)', () => {
    expect(previousPeriod(monthPeriod('2026-01'))).toMatchObject({ from: '2025-12-01', to: '2025-12-31' });
    expect(yearAgoPeriod(monthPeriod('2026-11'))).toMatchObject({ from: '2025-11-01', to: '2025-11-30' });
    expect(previousPeriod(weekPeriod('2026-11-11'))).toMatchObject({ from: '2026-11-02', to: '2026-11-08' });
    expect(previousPeriod(rangePeriod('2026-11-09', '2026-11-15'))).toMatchObject({ from: '2026-11-02', to: '2026-11-08' });
    expect(yearAgoPeriod(rangePeriod('2028-02-29', '2028-03-05'))).toMatchObject({ from: '2027-02-28', to: '2027-03-05' });
    expect([shiftMonth('2026-01', -2), shiftMonth('2026-11', 2), shiftMonth('2026-11', -12)]).toEqual(['2025-11', '2027-01', '2025-11']);
  });
});
