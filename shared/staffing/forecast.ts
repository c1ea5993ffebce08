/**
 * The call forecast (issue 18.1): calls per half-hour for the coming days, from the line's own
 * history. Each half-hour is the weighted mean of the same half-hour on the most recent days of
 * the same kind (weekday, or holiday, or make-up day: day-kind.ts), the most recent weighing most.
 * Pure: the history and the calendar come in, numbers go out (docs/decisions/staffing.md).
 */
import { addCalendarDays } from '../calendar/shanghai';
import type { WorkCalendar } from '../calendar/types';
import { dayKind, type DayKind } from './day-kind';

/** Half-hours in a day; slot 0 is 00:00–00:30 Shanghai time. */
export const SLOTS_PER_DAY = 48;

/** Calls offered per half-hour of each Shanghai date that has history ('YYYY-MM-DD' → 48 counts). */
export type CallHistory = ReadonlyMap<string, readonly number[]>;

export type ForecastOptions = {
  /** How many earlier days of the same kind count (default 8: two months of a weekday). */
  depth?: number;
  /** Weight of each older day relative to the next newer one (default 0.75). */
  decay?: number;
};

export type DayForecast = { date: string; kind: DayKind; slots: number[]; total: number };

const WEEKDAYS: readonly DayKind[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Where a kind with no history of its own borrows from: a holiday rings like a Sunday, a make-up day like a weekday. */
function fallbackKinds(kind: DayKind): readonly DayKind[] {
  if (kind === 'holiday') return ['sun'];
  if (kind === 'makeup') return WEEKDAYS;
  return [];
}

function weightedMean(days: readonly (readonly number[])[], decay: number): number[] {
  const out = new Array<number>(SLOTS_PER_DAY).fill(0);
  let total = 0;
  days.forEach((counts, i) => {
    const w = decay ** i;
    total += w;
    for (let s = 0; s < SLOTS_PER_DAY; s += 1) out[s] = (out[s] ?? 0) + w * (counts[s] ?? 0);
  });
  return total === 0 ? out : out.map((v) => v / total);
}

/** History days before `before`, newest first, whose kind is one of `kinds`. */
function daysOfKind(history: CallHistory, before: string, kinds: readonly DayKind[], calendar: WorkCalendar, depth: number): (readonly number[])[] {
  const dates = [...history.keys()].filter((d) => d < before).sort((a, b) => (a < b ? 1 : -1));
  const picked: (readonly number[])[] = [];
  for (const d of dates) {
    if (!kinds.includes(dayKind(d, calendar))) continue;
    const counts = history.get(d);
    if (counts) picked.push(counts);
    if (picked.length >= depth) break;
  }
  return picked;
}

/** The forecast of one date from the history strictly before `origin`. */
export function forecastDay(history: CallHistory, date: string, origin: string, calendar: WorkCalendar, options: ForecastOptions = {}): DayForecast {
  const depth = options.depth ?? 8;
  const decay = options.decay ?? 0.75;
  const kind = dayKind(date, calendar);
  let days = daysOfKind(history, origin, [kind], calendar, depth);
  if (days.length === 0) days = daysOfKind(history, origin, fallbackKinds(kind), calendar, depth);
  if (days.length === 0) days = daysOfKind(history, origin, ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'makeup'], calendar, depth);
  const slots = weightedMean(days, decay);
  return { date, kind, slots, total: slots.reduce((a, b) => a + b, 0) };
}

/** `days` days from `origin` (included), each from the history before `origin`. */
export function forecastDays(history: CallHistory, origin: string, days: number, calendar: WorkCalendar, options: ForecastOptions = {}): DayForecast[] {
  return Array.from({ length: days }, (_, i) => forecastDay(history, addCalendarDays(origin, i), origin, calendar, options));
}

export type BacktestDay = { date: string; kind: DayKind; forecast: number; actual: number; ape: number | null };

export type Backtest = {
  days: BacktestDay[];
  /** Mean absolute percentage error of daily totals over days that had calls. */
  mapeDay: number | null;
  /** The same over half-hours that had calls (noisy for a small line: a half-hour of 2 calls forecast as 3 is 50 %). */
  mapeHalfHour: number | null;
  /** Σ|F−A| ÷ ΣA over the half-hours: weighted by volume, defined when many half-hours are empty. */
  wapeHalfHour: number | null;
};

/**
 * How good the forecast was: each day of [from, to] forecast from the history before it (as the
 * supervisor would have seen it the evening before) against what came.
 */
export function backtest(history: CallHistory, from: string, to: string, calendar: WorkCalendar, options: ForecastOptions = {}): Backtest {
  const days: BacktestDay[] = [];
  const dayApes: number[] = [];
  const slotApes: number[] = [];
  let absError = 0;
  let actualSum = 0;
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
    const actual = history.get(d);
    if (!actual) continue;
    const f = forecastDay(history, d, d, calendar, options);
    const total = actual.reduce((a, b) => a + b, 0);
    const ape = total > 0 ? Math.abs(f.total - total) / total : null;
    if (ape !== null) dayApes.push(ape);
    for (let s = 0; s < SLOTS_PER_DAY; s += 1) {
      const a = actual[s] ?? 0;
      const e = Math.abs((f.slots[s] ?? 0) - a);
      absError += e;
      actualSum += a;
      if (a > 0) slotApes.push(e / a);
    }
    days.push({ date: d, kind: f.kind, forecast: f.total, actual: total, ape });
  }
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  return { days, mapeDay: mean(dayApes), mapeHalfHour: mean(slotApes), wapeHalfHour: actualSum > 0 ? absError / actualSum : null };
}

/** The half-hour of a Shanghai wall time 'HH:MM' or of minutes since midnight. */
export function slotOfMinutes(minutes: number): number {
  return Math.min(SLOTS_PER_DAY - 1, Math.max(0, Math.floor(minutes / 30)));
}

/** '08:30' for slot 17. */
export function slotLabel(slot: number): string {
  const m = slot * 30;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
