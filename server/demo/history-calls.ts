/**
 * The demo history's telephone calls (issue 18): a 24/7 line's day — quiet nights, a morning and
 * an afternoon peak, fewer calls at weekends and on holidays, some callers hanging up in the
 * queue. Each call is recorded through the same command the Twilio webhooks use
 * (`recordCallSignal`), at its own moments, so the wallboard's call figures and the staffing
 * forecast have a past from the first start.
 */
import { officialCalendar } from '../../shared/calendar/official-calendar';
import { shanghaiDate } from '../../shared/calendar/shanghai';
import { dayKind } from '../../shared/staffing/day-kind';
import type { CallSignal } from '../telephony/call-status';

/** Relative call volume of each half-hour (00:00 … 23:30), peaks at 09:00–11:00 and 14:00–16:00. */
const SHAPE = [
  1, 1, 0.8, 0.6, 0.5, 0.5, 0.5, 0.5, 0.6, 0.7, 0.9, 1.2, 1.6, 2.2, 3, 4, 5.5, 7, 8.5, 9, 9, 8.5, 8, 7, 5.5, 5, 6, 7.5, 8.5, 9, 8.5, 8, 7, 6, 5, 4.5, 4, 3.8,
  3.5, 3.2, 3, 2.8, 2.5, 2.2, 2, 1.8, 1.4, 1.2,
];
const SHAPE_SUM = SHAPE.reduce((a, b) => a + b, 0);

/** Calls a day of this kind brings, on average. */
const DAILY: Record<string, number> = { mon: 72, tue: 66, wed: 64, thu: 64, fri: 68, sat: 44, sun: 40, holiday: 34, makeup: 68 };

/** One moment of one call: what the carrier would tell the console then. */
export type DemoCallStep = { at: number; sid: string; from: string; signal: CallSignal; create: boolean };

type Rng = { next: () => number; int: (lo: number, hi: number) => number; chance: (p: number) => boolean };

function poisson(rng: Rng, mean: number): number {
  // Knuth's method: fine for the small means of a half-hour.
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rng.next(); p > limit; p *= rng.next()) k += 1;
  return k;
}

/** Every call signal of the days [first midnight, end), in no particular order. */
export function planDemoCalls(rng: Rng, firstMidnight: number, end: number, phones: readonly string[]): DemoCallStep[] {
  const calendar = officialCalendar();
  const steps: DemoCallStep[] = [];
  let n = 0;
  for (let midnight = firstMidnight; midnight < end; midnight += 24 * 3600_000) {
    const kind = dayKind(shanghaiDate(new Date(midnight + 12 * 3600_000)), calendar);
    const daily = DAILY[kind] ?? 120;
    SHAPE.forEach((weight, slot) => {
      const calls = poisson(rng, (daily * weight) / SHAPE_SUM);
      for (let i = 0; i < calls; i += 1) {
        const queued = midnight + slot * 1800_000 + rng.int(0, 1799) * 1000;
        if (queued >= end) continue;
        n += 1;
        const sid = `CAdemo${String(n).padStart(8, '0')}`;
        const from = phones[rng.int(0, phones.length - 1)] ?? '+8613900000000';
        steps.push({ at: queued, sid, from, create: true, signal: { kind: 'queued', at: new Date(queued) } });
        if (rng.chance(0.07)) {
          const gone = queued + rng.int(8, 150) * 1000;
          if (gone < end) steps.push({ at: gone, sid, from, create: false, signal: { kind: 'ended', at: new Date(gone), reason: 'hangup' } });
          continue;
        }
        const answered = queued + (rng.chance(0.8) ? rng.int(2, 18) : rng.int(19, 90)) * 1000;
        const ended = answered + rng.int(60, 420) * 1000;
        if (answered < end) steps.push({ at: answered, sid, from, create: false, signal: { kind: 'answered', at: new Date(answered) } });
        if (ended < end) steps.push({ at: ended, sid, from, create: false, signal: { kind: 'ended', at: new Date(ended), reason: 'completed' } });
      }
    });
  }
  return steps;
}
