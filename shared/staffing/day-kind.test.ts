import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../calendar/official-calendar';
import { dayKind } from './day-kind';

describe('day kinds from the official calendar (2026 National Day: 1–7 October off, Sat 26 Sep and Sat 10 Oct worked)', () => {
  const cal = officialCalendar();
  it('ordinary days are their weekday', () => {
    expect(dayKind('2026-12-07', cal)).toBe('mon');
    expect(dayKind('2026-12-12', cal)).toBe('sat');
    expect(dayKind('2026-12-13', cal)).toBe('sun');
  });
  it('holidays, weekend days inside the holiday, and make-up days', () => {
    expect(dayKind('2026-10-01', cal)).toBe('holiday');
    expect(dayKind('2026-10-03', cal)).toBe('holiday'); // a Saturday inside the week off
    expect(dayKind('2026-10-04', cal)).toBe('holiday');
    expect(dayKind('2026-10-10', cal)).toBe('makeup');
    expect(dayKind('2026-10-11', cal)).toBe('sun');
  });
});
