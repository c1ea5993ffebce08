import { describe, expect, it } from 'vitest';
import { monthPeriod, rangePeriod, weekPeriod } from '../../../shared/reports/period';
import { periodLabel } from './reports-data';

describe('the report period on screen', () => {
  it('keeps the Chinese label in Chinese and reads dates in English', () => {
    expect(periodLabel('zh-CN', monthPeriod('2026-11'))).toBe('2026年11月');
    expect(periodLabel('en', monthPeriod('2026-11'))).toBe('2026-11');
    expect(periodLabel('en', weekPeriod('2026-11-25'))).toBe('2026-11-23 – 2026-11-29');
    expect(periodLabel('en', rangePeriod('2026-10-01', '2026-10-08'))).toBe('2026-10-01 – 2026-10-08');
    expect(periodLabel('zh-CN', rangePeriod('2026-10-01', '2026-10-08'))).toBe('2026-10-01 至 2026-10-08');
  });
});
