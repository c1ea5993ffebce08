/**
 * The supervision reply clock's notices (issue 15 item 3): like a ticket's clocks
 * (server/clock/sweeper.ts), each light worth telling and each reminder of the policy goes out
 * exactly once — a clock_notices row on the sheet's ticket decides "once", so two processes or a
 * restart never repeat one. Keys carry the sheet and its due, so a time limit set on site
 * (004 三(二)) gets notices of its own. An answered sheet's clock is stopped: nothing more.
 */
import { and, eq, inArray, like } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { clockNotices, supervisions } from '../../db/schema';
import type { WorkCalendar } from '../../shared/calendar/types';
import { computeClock, pendingReminders } from '../../shared/clock/clocks';
import { loadCalendar } from '../clock/calendar';
import type { AppContext } from '../platform/context';
import { withTransaction, type Emit } from '../platform/unit-of-work';
import { supervisionPolicy } from './clock';
import { roomsForSupervision } from './policy';
import { supervisionEventData } from './present-supervision';

/** Sheets whose reply clock may run: waiting for the unit, or holding a reply that is no answer (正在处置). */
const RUNNING = ['open', 'replied'];
const NOTIFIED_LIGHTS = new Set(['warning', 'yellow', 'red', 'overdue']);

export async function sweepSupervisions(ctx: AppContext): Promise<{ checked: number; notices: number }> {
  const now = ctx.now();
  const calendar = await loadCalendar(ctx.db);
  const ids = await ctx.db.select({ id: supervisions.id }).from(supervisions).where(inArray(supervisions.state, RUNNING));
  let notices = 0;
  for (const { id } of ids) notices += await withTransaction(ctx, (tx, emit) => sweepSheet(tx, emit, id, calendar, now));
  return { checked: ids.length, notices };
}

async function sweepSheet(tx: Tx, emit: Emit, id: number, calendar: WorkCalendar, now: Date): Promise<number> {
  const [row] = await tx.select().from(supervisions).where(eq(supervisions.id, id)).for('update');
  if (!row || !RUNNING.includes(row.state) || row.firstRepliedAt) return 0;
  const policy = await supervisionPolicy(tx, row.policyCode, row.policyVersion);
  const clock = computeClock({ kind: 'supervision_reply', startedAt: row.startedAt, policy, calendar, now, extendedDue: row.dueAt });
  const prefix = `supervision:${row.id}:`;
  const suffix = `@${row.dueAt.toISOString()}`;
  const sent = (
    await tx
      .select({ key: clockNotices.key })
      .from(clockNotices)
      .where(and(eq(clockNotices.ticketId, row.ticketId), like(clockNotices.key, `${prefix}%`)))
  )
    .map((n) => n.key)
    .filter((k) => k.endsWith(suffix))
    .map((k) => k.slice(prefix.length, -suffix.length));

  const wanted: { key: string; type: 'supervision.light_changed' | 'supervision.reminded' }[] = [];
  if (NOTIFIED_LIGHTS.has(clock.light)) {
    const key = `light:${clock.light}`;
    if (!sent.includes(key)) wanted.push({ key, type: 'supervision.light_changed' });
  }
  for (const key of pendingReminders(clock, sent)) wanted.push({ key, type: 'supervision.reminded' });

  let notices = 0;
  for (const w of wanted) {
    const key = prefix + w.key + suffix;
    const inserted = await tx.insert(clockNotices).values({ ticketId: row.ticketId, key, at: now }).onConflictDoNothing().returning();
    if (inserted.length === 0) continue;
    notices++;
    emit({
      type: w.type,
      ticketId: row.ticketId,
      actorId: null,
      actorRole: 'system',
      at: now,
      payload: { light: clock.light, due: clock.due.toISOString(), key, supervision: supervisionEventData(row) },
      rooms: roomsForSupervision(row.unitId),
    });
  }
  return notices;
}
