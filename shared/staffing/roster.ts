/** Issue 18.3: operators rostered per half-hour of a day from shifts and who is on them. Pure. */
import { addCalendarDays } from '../calendar/shanghai';
import { SLOTS_PER_DAY } from './forecast';

export type RosterShift = { id: number; startMinute: number; durationMinutes: number };
export type RosterAssignment = { date: string; shiftId: number; userId: number };

/**
 * Per half-hour of `date`: how many of `people` are on a shift covering it — including a night
 * shift begun the evening before that runs past midnight.
 */
export function staffedPerSlot(date: string, shifts: readonly RosterShift[], assignments: readonly RosterAssignment[], people: ReadonlySet<number>): number[] {
  const out = new Array<number>(SLOTS_PER_DAY).fill(0);
  const byId = new Map(shifts.map((s) => [s.id, s]));
  const yesterday = addCalendarDays(date, -1);
  for (const a of assignments) {
    if (!people.has(a.userId)) continue;
    const shift = byId.get(a.shiftId);
    if (!shift) continue;
    const offset = a.date === date ? 0 : a.date === yesterday ? -24 * 60 : null;
    if (offset === null) continue;
    const start = shift.startMinute + offset;
    const end = start + shift.durationMinutes;
    for (let s = 0; s < SLOTS_PER_DAY; s += 1) if (s * 30 >= start && s * 30 < end) out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}

/** The half-hours where the roster falls short of the requirement. */
export function gaps(staffed: readonly number[], required: readonly number[]): number[] {
  return required.flatMap((r, s) => ((staffed[s] ?? 0) < r ? [s] : []));
}

/**
 * The next handover after the one being written now: shift ends (Shanghai) around `now`; the one
 * nearest to now is this handover, the following end is the next one. With no shifts defined: 8 hours on.
 */
export function nextHandoverAt(now: Date, shifts: readonly RosterShift[], dayStart: (offsetDays: number) => number): Date {
  const ends = new Set<number>();
  for (const s of shifts) for (const d of [-1, 0, 1, 2]) ends.add(dayStart(d) + (s.startMinute + s.durationMinutes) * 60_000);
  const sorted = [...ends].sort((a, b) => a - b);
  if (sorted.length === 0) return new Date(now.getTime() + 8 * 3600_000);
  const t = now.getTime();
  const nearest = sorted.reduce((best, e) => (Math.abs(e - t) < Math.abs(best - t) ? e : best), sorted[0] ?? t);
  const next = sorted.find((e) => e > nearest);
  return new Date(next ?? nearest + 8 * 3600_000);
}
