/**
 * PRODUCT.md §4: after a correction of the working-day calendar, open tickets' due times follow it. The
 * correction's request only queues the work (commands/correct-calendar-day.ts); this job does it,
 * one transaction per ticket, so a supervisor's click never waits for every open ticket.
 *
 * Each ticket whose due time the correction moves gets one `ticket.due_recomputed` event: the
 * due is computed with the calendar before the correction and with it, and the event is sent
 * once per (ticket, correction) through a clock_notices key — so two processes running the job
 * at once, or a restart halfway, never send it twice, and whatever the sweeper stored meanwhile
 * does not hide the change. The stored clock (due, light) is rewritten from the calendar in force.
 *
 * A confirmed published schedule (commands/confirm-calendar-year.ts) writes many days at once
 * and queues one recompute, on its last day: before is the calendar without any of its days (the
 * year still computed), after is the calendar with all of them, so each ticket moved by the
 * schedule gets one event, not one per day.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { clockNotices, clockRecomputes, tickets } from '../../db/schema';
import type { WorkCalendar } from '../../shared/calendar/types';
import type { AppContext } from '../platform/context';
import { every } from '../platform/every';
import { roomsForTicket } from '../platform/live/rooms';
import { withTransaction, type Emit } from '../platform/unit-of-work';
import { presentTicketSummary } from '../tickets/presenter';
import { snapshotOf } from '../tickets/ticket-snapshot';
import { calendarUpTo, loadCalendarRows } from './calendar';
import { policyVersion } from './policies';
import { RUNNING_STATES } from './sweeper';
import { primaryClock, ticketClocks } from './ticket-clocks';

/** How often a process looks for queued recomputes. */
export const RECOMPUTE_POLL_MS = 5_000;

export interface RecomputeResult {
  /** Corrections whose recompute this run finished. */
  corrections: number;
  /** Tickets whose due time a correction moved (events this run sent). */
  moved: number;
}

interface Calendars {
  /** Without the correction. */
  before: WorkCalendar;
  /** With it (and every earlier one). */
  after: WorkCalendar;
  /** Every correction so far: what the stored clock follows. */
  current: WorkCalendar;
  correction: { id: number; date: string; confirmedYear: number | null };
}

/** Runs every queued recompute to the end; tests await it instead of waiting for the timer. */
export async function recomputeDues(ctx: AppContext): Promise<RecomputeResult> {
  const result: RecomputeResult = { corrections: 0, moved: 0 };
  const queued = await ctx.db.select().from(clockRecomputes).where(isNull(clockRecomputes.doneAt)).orderBy(asc(clockRecomputes.calendarDayId));
  for (const job of queued) {
    const now = ctx.now();
    const rows = await loadCalendarRows(ctx.db);
    const correction = rows.days.find((d) => d.id === job.calendarDayId);
    if (!correction) throw new Error(`recompute ${job.calendarDayId} names no calendar day`);
    // A confirmed schedule's days come in together: compare without any of them and with all.
    const from =
      correction.confirmedYear === null ? correction.id : Math.min(...rows.days.filter((d) => d.confirmedYear === correction.confirmedYear).map((d) => d.id));
    const calendars: Calendars = {
      before: calendarUpTo(rows, from - 1),
      after: calendarUpTo(rows, correction.id),
      current: calendarUpTo(rows),
      correction: { id: correction.id, date: correction.date, confirmedYear: correction.confirmedYear },
    };
    const open = await ctx.db.select({ id: tickets.id }).from(tickets).where(inArray(tickets.state, RUNNING_STATES));
    for (const { id } of open) {
      if (await withTransaction(ctx, (tx, emit) => recomputeTicket(tx, emit, id, calendars, now))) result.moved++;
    }
    // Set once, by whichever process finished first; the other one's work changed nothing.
    const done = await ctx.db
      .update(clockRecomputes)
      .set({ doneAt: now })
      .where(and(eq(clockRecomputes.calendarDayId, job.calendarDayId), isNull(clockRecomputes.doneAt)))
      .returning();
    result.corrections += done.length;
  }
  return result;
}

/** True when the correction moved this ticket's due time and this call sent the event. */
async function recomputeTicket(tx: Tx, emit: Emit, id: number, cal: Calendars, now: Date): Promise<boolean> {
  // The row lock serialises this job, the sweeper and user commands on the ticket.
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
  if (!row || !RUNNING_STATES.includes(row.state)) return false;
  const snapshot = snapshotOf(row);
  const policy = await policyVersion(tx, row.policyCode, row.policyVersion);
  const primary = (calendar: WorkCalendar) => primaryClock(ticketClocks(snapshot, policy, calendar, now));
  const stored = primary(cal.current);
  let current = row;
  const unchanged =
    stored.light === row.light &&
    stored.dueAt?.getTime() === row.dueAt?.getTime() &&
    stored.clockKind === row.clockKind &&
    stored.dueProvisional === row.dueProvisional;
  if (!unchanged) {
    const [updated] = await tx
      .update(tickets)
      .set({ clockKind: stored.clockKind, dueAt: stored.dueAt, light: stored.light, dueProvisional: stored.dueProvisional })
      .where(eq(tickets.id, id))
      .returning();
    current = updated ?? row;
  }
  const before = primary(cal.before);
  const after = primary(cal.after);
  if (before.dueAt?.getTime() === after.dueAt?.getTime()) return false;
  const key = `calendar:${cal.correction.id}`;
  const inserted = await tx.insert(clockNotices).values({ ticketId: id, key, at: now }).onConflictDoNothing().returning();
  if (inserted.length === 0) return false;
  emit({
    type: 'ticket.due_recomputed',
    ticketId: id,
    actorId: null,
    actorRole: 'system',
    at: now,
    fromState: row.state,
    toState: row.state,
    payload: {
      calendarDayId: cal.correction.id,
      date: cal.correction.date,
      ...(cal.correction.confirmedYear === null ? {} : { confirmedYear: cal.correction.confirmedYear }),
      clock: after.clockKind,
      previousDue: before.dueAt?.toISOString() ?? null,
      due: after.dueAt?.toISOString() ?? null,
      light: after.light,
      ticket: presentTicketSummary(current),
    },
    rooms: roomsForTicket(current),
  });
  return true;
}

/** Looks for queued recomputes every `intervalMs`; the queue, not the timer, says what to do. */
export function startDueRecomputer(ctx: AppContext, intervalMs = RECOMPUTE_POLL_MS): () => void {
  return every(
    intervalMs,
    async () => {
      const r = await recomputeDues(ctx);
      if (r.corrections > 0) ctx.logger.info(r, 'due times recomputed after a calendar correction');
    },
    (err) => ctx.logger.error({ err }, 'due recompute failed'),
  );
}
