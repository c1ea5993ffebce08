/**
 * Issue 15.9 (PRODUCT.md §2: the call time is "editable only by supervisors"): a supervisor corrects
 * a ticket's call time with a reason. The row changes under its lock and version, and the event
 * keeps the previous time, the new one, the reason and who did it; nothing is overwritten
 * without a trace. The clocks start at dispatch, not at the call, so they are recomputed and
 * stored again but no due moves; reports count the ticket in the period of its corrected time.
 */
import { and, eq } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import { checkCorrectedCallTime } from '../../../shared/ticket/call-time';
import { loadCalendar } from '../../clock/calendar';
import { policyVersion } from '../../clock/policies';
import { primaryClock, ticketClocks } from '../../clock/ticket-clocks';
import type { SessionUser } from '../../platform/auth/sessions';
import type { AppContext } from '../../platform/context';
import { roomsForTicket } from '../../platform/live/rooms';
import { withTransaction } from '../../platform/unit-of-work';
import { presentTicketSummary } from '../presenter';
import { snapshotOf } from '../ticket-snapshot';

type TicketRow = typeof tickets.$inferSelect;

export interface CorrectCallTimeOptions {
  ctx: AppContext;
  actor: SessionUser;
  ticketId: number;
  /** The version the supervisor saw; a stale one is refused with version_conflict. */
  expectedVersion: number;
  /** The corrected call time. */
  callAt: Date;
  /** Why (required): it stays on the ticket's timeline. */
  reason: string;
}

export async function correctCallTime(opts: CorrectCallTimeOptions): Promise<TicketRow> {
  const { ctx, actor } = opts;
  const now = ctx.now();
  return withTransaction(ctx, async (tx, emit) => {
    const [row] = await tx.select().from(tickets).where(eq(tickets.id, opts.ticketId)).for('update');
    if (!row) throw new AppError('not_found', '工单不存在');
    if (row.version !== opts.expectedVersion) {
      throw new AppError('version_conflict', '工单已被他人更新，请刷新后再操作', { version: `当前版本为 ${row.version}` });
    }
    checkCorrectedCallTime({ callAt: opts.callAt, registeredAt: row.createdAt, now });
    if (row.callAt.getTime() === opts.callAt.getTime()) throw new AppError('rule_violation', '来电时间没有变化', { callAt: '与原来电时间相同' });
    const snapshot = { ...snapshotOf(row), version: row.version + 1 };
    const policy = await policyVersion(tx, row.policyCode, row.policyVersion);
    const clock = primaryClock(ticketClocks(snapshot, policy, await loadCalendar(tx), now));
    const [updated] = await tx
      .update(tickets)
      .set({
        callAt: opts.callAt,
        version: snapshot.version,
        detail: snapshot,
        clockKind: clock.clockKind,
        dueAt: clock.dueAt,
        light: clock.light,
        dueProvisional: clock.dueProvisional,
        updatedAt: now,
      })
      .where(and(eq(tickets.id, row.id), eq(tickets.version, row.version)))
      .returning();
    if (!updated) throw new AppError('version_conflict', '工单已被他人更新，请刷新后再操作');
    emit({
      type: 'ticket.call_time_corrected',
      ticketId: row.id,
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      fromState: row.state,
      toState: row.state,
      payload: { previousCallAt: row.callAt.toISOString(), callAt: opts.callAt.toISOString(), reason: opts.reason, ticket: presentTicketSummary(updated) },
      rooms: roomsForTicket(updated),
    });
    return updated;
  });
}
