import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../calendar/official-calendar';
import { addCalendarDays } from '../calendar/shanghai';
import { backtest, forecastDay, forecastDays, SLOTS_PER_DAY, slotLabel, type CallHistory } from './forecast';

const cal = officialCalendar();
const flat = (n: number) => new Array<number>(SLOTS_PER_DAY).fill(n);

/** Every day from `from` for `days` days, counts by a rule of the date. */
function historyOf(from: string, days: number, rule: (date: string) => number[]): CallHistory {
  const h = new Map<string, number[]>();
  for (let i = 0; i < days; i += 1) {
    const d = addCalendarDays(from, i);
    h.set(d, rule(d));
  }
  return h;
}

describe('forecast per half-hour', () => {
  it('takes the same weekday and half-hour, the most recent weeks weighing more', () => {
    // Mondays of November 2026: 2, 9, 16, 23, 30. Older Mondays 10 calls a half-hour, the last one 20.
    const h = historyOf('2026-11-01', 35, (d) => (d === '2026-11-30' ? flat(20) : new Date(`${d}T12:00:00+08:00`).getUTCDay() === 1 ? flat(10) : flat(1)));
    const f = forecastDay(h, '2026-12-07', '2026-12-06', cal);
    expect(f.kind).toBe('mon');
    // Weights 1, .75, .5625, .421875, .31640625 over 20, 10, 10, 10, 10.
    const w = [1, 0.75, 0.5625, 0.421875, 0.31640625];
    const expected = (20 * w[0]! + 10 * (w[1]! + w[2]! + w[3]! + w[4]!)) / w.reduce((a, b) => a + b, 0);
    expect(f.slots[20]).toBeCloseTo(expected, 10);
    expect(f.total).toBeCloseTo(expected * SLOTS_PER_DAY, 8);
    // Tuesday is not Monday.
    expect(forecastDay(h, '2026-12-08', '2026-12-06', cal).slots[20]).toBeCloseTo(1, 10);
  });

  it('treats holidays and make-up days as their own kinds (Mid-Autumn 25–27 Sep and National Day 1–7 Oct 2026; Sun 20 Sep and Sat 10 Oct worked)', () => {
    const h = historyOf('2026-09-01', 45, (d) => {
      if (
        ['2026-09-25', '2026-09-26', '2026-09-27', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].includes(d)
      )
        return flat(3);
      if (d === '2026-09-20') return flat(9); // the make-up Sunday
      const w = new Date(`${d}T12:00:00+08:00`).getUTCDay();
      return w === 0 || w === 6 ? flat(5) : flat(8);
    });
    expect(forecastDay(h, '2026-10-08', '2026-10-08', cal).slots[0]).toBeCloseTo(8, 10); // a Thursday after the holiday: Thursdays only
    const makeup = forecastDay(h, '2026-10-10', '2026-10-08', cal);
    expect(makeup.kind).toBe('makeup');
    expect(makeup.slots[0]).toBeCloseTo(9, 10);
    // 2027 New Year's day: a holiday, forecast from holidays, not from Fridays.
    const newYear = forecastDay(h, '2027-01-01', '2026-10-15', cal);
    expect(newYear.kind).toBe('holiday');
    expect(newYear.slots[10]).toBeCloseTo(3, 10);
  });

  it('borrows for a kind with no history: a holiday from weekends', () => {
    const h = historyOf('2026-11-01', 30, (d) => {
      const w = new Date(`${d}T12:00:00+08:00`).getUTCDay();
      return w === 0 ? flat(4) : w === 6 ? flat(6) : flat(10);
    });
    expect(forecastDay(h, '2027-01-01', '2026-12-01', cal).slots[0]).toBeCloseTo(4, 10);
  });

  it('forecasts 14 days from one origin and uses no day on or after it', () => {
    const h = historyOf('2026-11-01', 40, (d) => (d >= '2026-12-01' ? flat(100) : flat(2)));
    const days = forecastDays(h, '2026-12-01', 14, cal);
    expect(days).toHaveLength(14);
    expect(days.every((d) => Math.abs((d.slots[0] ?? 0) - 2) < 1e-9)).toBe(true);
  });

  it('backtests: MAPE per day and per half-hour', () => {
    const h = historyOf('2026-11-01', 35, (d) => (d === '2026-12-01' ? flat(4) : flat(2)));
    const b = backtest(h, '2026-11-29', '2026-12-01', cal);
    expect(b.days.map((d) => d.date)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    // Two exact days, one 50 % under: MAPE 1/6.
    expect(b.mapeDay).toBeCloseTo(0.5 / 3, 10);
    expect(b.mapeHalfHour).toBeCloseTo(0.5 / 3, 10);
    expect(slotLabel(17)).toBe('08:30');
  });
});
