/**
 * The clock sweep (PRODUCT.md §4): recompute every running clock from stored timestamps, write the
 * light back, and send each light change and reminder exactly once. "Once" is a database fact:
 * a notice row with a unique (ticket, key) — so two processes sweeping at the same time, or a
 * restart between two sweeps, never send anything twice, and nothing is lost to a timer.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { clockNotices, tickets } from '../../db/schema';
import type { WorkCalendar } from '../../shared/calendar/types';
import { pendingReminders, type ClockState } from '../../shared/clock/clocks';
import type { AppContext } from '../platform/context';
import { every } from '../platform/every';
import { roomsForTicket } from '../platform/live/rooms';
import { withTransaction, type Emit } from '../platform/unit-of-work';
import { sweepSupervisions } from '../supervision/sweep-supervisions';
import { presentTicketSummary } from '../tickets/presenter';
import { snapshotOf } from '../tickets/ticket-snapshot';
import { loadCalendar } from './calendar';
import { policyVersion } from './policies';
import { primaryClock, ticketClocks } from './ticket-clocks';

/** States in which a ticket's clocks run (PRODUCT.md §4). */
// Issue 15.3: a registered ticket runs the dispatch clock (000 三(一)).
export const RUNNING_STATES = ['registered', 'dispatched', 'in_progress', 'replied'];
/** Lights worth telling anyone about; going back to normal (after an extension) is silent. */
const NOTIFIED_LIGHTS = new Set(['warning', 'yellow', 'red', 'overdue']);

export interface SweepResult {
  checked: number;
  /** Tickets whose stored clock (light or due) changed. */
  updated: number;
  /** Events sent: light changes and reminders. */
  notices: number;
}

export async function sweepClocks(ctx: AppContext): Promise<SweepResult> {
  const now = ctx.now();
  const calendar = await loadCalendar(ctx.db);
  const ids = await ctx.db.select({ id: tickets.id }).from(tickets).where(inArray(tickets.state, RUNNING_STATES));
  const result: SweepResult = { checked: ids.length, updated: 0, notices: 0 };
  for (const { id } of ids) {
    const r = await withTransaction(ctx, (tx, emit) => sweepTicket(tx, emit, id, calendar, now));
    if (r.changed) result.updated++;
    result.notices += r.notices;
  }
  return result;
}

async function sweepTicket(tx: Tx, emit: Emit, id: number, calendar: WorkCalendar, now: Date): Promise<{ changed: boolean; notices: number }> {
  // The row lock serialises sweepers (and user commands) on this ticket.
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
  if (!row || !RUNNING_STATES.includes(row.state)) return { changed: false, notices: 0 };
  const snapshot = snapshotOf(row);
  const policy = await policyVersion(tx, row.policyCode, row.policyVersion);
  const clocks = ticketClocks(snapshot, policy, calendar, now);
  const sent = (await tx.select({ key: clockNotices.key }).from(clockNotices).where(eq(clockNotices.ticketId, id))).map((n) => n.key);

  const wanted: { key: string; event: 'ticket.light_changed' | 'ticket.reminded'; clock: ClockState }[] = [];
  for (const clock of clocks) {
    // Keys carry the clock's start, so a re-dispatched ticket's new unit gets its own notices.
    const suffix = `@${startOf(snapshot, clock)}`;
    const mine = sent.filter((k) => k.endsWith(suffix)).map((k) => k.slice(0, -suffix.length));
    if (clock.status === 'running' && NOTIFIED_LIGHTS.has(clock.light)) {
      const key = `light:${clock.kind}:${clock.light}:round${clock.round}`;
      if (!mine.includes(key)) wanted.push({ key: key + suffix, event: 'ticket.light_changed', clock });
    }
    for (const key of pendingReminders(clock, mine)) wanted.push({ key: key + suffix, event: 'ticket.reminded', clock });
  }

  const primary = primaryClock(clocks);
  const changed = primary.light !== row.light || primary.dueAt?.getTime() !== row.dueAt?.getTime() || primary.dueProvisional !== row.dueProvisional;
  let current = row;
  if (changed) {
    const [updated] = await tx
      .update(tickets)
      .set({ clockKind: primary.clockKind, dueAt: primary.dueAt, light: primary.light, dueProvisional: primary.dueProvisional })
      .where(eq(tickets.id, id))
      .returning();
    current = updated ?? row;
  }

  let notices = 0;
  for (const w of wanted) {
    const inserted = await tx.insert(clockNotices).values({ ticketId: id, key: w.key, at: now }).onConflictDoNothing().returning();
    if (inserted.length === 0) continue;
    notices++;
    emit({
      type: w.event,
      ticketId: id,
      actorId: null,
      actorRole: 'system',
      at: now,
      fromState: row.state,
      toState: row.state,
      payload: { clock: w.clock.kind, light: w.clock.light, due: w.clock.due.toISOString(), key: w.key, ticket: presentTicketSummary(current) },
      rooms: roomsForTicket(current),
    });
  }
  return { changed, notices };
}

function startOf(s: ReturnType<typeof snapshotOf>, clock: ClockState): string {
  return clock.kind === 'revisit' ? (s.reply?.at ?? '') : (s.dispatchedAt ?? '');
}

/** Runs the sweep every `intervalMs`; the timer only decides when to look, never what is due. */
export function startClockSweeper(ctx: AppContext, intervalMs: number): () => void {
  return every(
    intervalMs,
    async () => {
      const r = await sweepClocks(ctx);
      if (r.notices > 0) ctx.logger.info(r, 'clock sweep');
      const s = await sweepSupervisions(ctx);
      if (s.notices > 0) ctx.logger.info(s, 'supervision clock sweep');
    },
    (err) => ctx.logger.error({ err }, 'clock sweep failed'),
  );
}
