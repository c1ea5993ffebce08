/**
 * The wallboard's staffing tile (issue 18.4): who is on the phones now against what this
 * half-hour needs, and today's forecast against today's calls. Read inside the wallboard's
 * read-only transaction, so it moves with every call and presence event like the other tiles.
 */
import { sql } from 'drizzle-orm';
import { databaseOf, rowsOf, type Queryable } from '../../db/client';
import { addCalendarDays, shanghaiDate, startOfShanghaiDay } from '../../shared/calendar/shanghai';
import type { WorkCalendar } from '../../shared/calendar/types';
import type { PresenceStatus } from '../../shared/schemas/presence';
import type { StaffingNow } from '../../shared/schemas/wallboard';
import { SLOTS_PER_DAY, slotOfMinutes } from '../../shared/staffing/forecast';
import { STAFFING_DEFAULTS } from '../../shared/staffing/plan';
import { loadCallHistory } from './call-history';
import { staffingPlan, type StaffingPlan } from './staffing-plan';

/** The wrap-up added to measured talk time when the console's own setting is not at hand (WRAP_UP_SECONDS' default). */
const WRAP_UP_SECONDS = 30;

/**
 * Today's plan reads 120 days of calls before today; it is the same all day, so every wallboard
 * re-read (after any event, every 30 s) takes it from here while the day, the calendar (the cached
 * object, a new one when the calendar changes) and the newest call row are those it was made from.
 */
interface KeptPlan {
  day: string;
  calendar: WorkCalendar;
  lastCallId: number;
  plan: Promise<StaffingPlan>;
}
const kept = new WeakMap<Queryable, KeptPlan>();

async function todaysPlan(db: Queryable, day: string, calendar: WorkCalendar): Promise<StaffingPlan> {
  const [newest] = await rowsOf<{ id: number | null }>(db, sql`select max(id) as id from calls`);
  const lastCallId = Number(newest?.id ?? 0);
  const owner = databaseOf(db);
  const hit = kept.get(owner);
  if (hit && hit.day === day && hit.calendar === calendar && hit.lastCallId === lastCallId) return hit.plan;
  const plan = staffingPlan(db, { from: day, days: 1, calendar, settings: STAFFING_DEFAULTS, wrapUpSeconds: WRAP_UP_SECONDS });
  const entry = { day, calendar, lastCallId, plan };
  kept.set(owner, entry);
  plan.catch(() => kept.get(owner) === entry && kept.delete(owner));
  return plan;
}

export async function staffingNow(db: Queryable, now: Date, calendar: WorkCalendar, counts: Record<PresenceStatus, number>): Promise<StaffingNow> {
  const day = shanghaiDate(now);
  const minutes = Math.floor((now.getTime() - startOfShanghaiDay(day).getTime()) / 60_000);
  const slot = slotOfMinutes(minutes);
  const plan = await todaysPlan(db, day, calendar);
  const today = plan.days[0];
  const actual = (await loadCallHistory(db, day, addCalendarDays(day, 1))).get(day) ?? new Array<number>(SLOTS_PER_DAY).fill(0);
  const forecastSlots = today?.slots ?? new Array<number>(SLOTS_PER_DAY).fill(0);
  // Calls queued after `now` (a test's injected clock) are not today's yet.
  const actualSlots = actual.map((n, s) => (s <= slot ? n : 0));
  const round1 = (v: number) => Math.round(v * 10) / 10;
  const soFar = forecastSlots.slice(0, slot).reduce((a, b) => a + b, 0) + (forecastSlots[slot] ?? 0) * ((minutes % 30) / 30);
  return {
    slot,
    operatorsNow: counts.available + counts.on_call + counts.wrap_up,
    availableNow: counts.available,
    requiredNow: today?.requirement[slot]?.agents ?? 0,
    forecastNow: round1(forecastSlots[slot] ?? 0),
    forecastToday: round1(today?.total ?? 0),
    forecastSoFar: round1(soFar),
    actualToday: actualSlots.reduce((a, b) => a + b, 0),
    ahtSeconds: plan.ahtSeconds,
    forecastSlots: forecastSlots.map(round1),
    actualSlots,
  };
}
