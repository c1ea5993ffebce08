/**
 * Issue 15.9 (PRODUCT.md §2: the call time is "editable only by supervisors"): a supervisor corrects
 * a ticket's call time with a reason. The row changes under its lock and version, and the event
 * keeps the previous time, the new one, the reason and who did it; nothing is overwritten
 * without a trace. The clocks start at dispatch, not at the call, so they are recomputed and
 * stored again but no due moves; reports count the ticket in the period of its corrected time.
 */
import { tickets } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import { checkCorrectedCallTime } from '../../../shared/ticket/call-time';
import { loadCalendar } from '../../clock/calendar';
import { policyVersion } from '../../clock/policies';
import type { SessionUser } from '../../platform/auth/sessions';
import type { AppContext } from '../../platform/context';
import { roomsForTicket } from '../../platform/live/rooms';
import { withTransaction } from '../../platform/unit-of-work';
import { presentTicketSummary } from '../presenter';
import { snapshotOf } from '../ticket-snapshot';
import { lockTicketAt, storeTicketSnapshot } from './ticket-row';

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
    const row = await lockTicketAt(tx, actor, opts.ticketId, opts.expectedVersion);
    checkCorrectedCallTime({ callAt: opts.callAt, registeredAt: row.createdAt, now });
    if (row.callAt.getTime() === opts.callAt.getTime()) throw new AppError('rule_violation', '来电时间没有变化', { callAt: '与原来电时间相同' });
    const next = { ...snapshotOf(row), version: row.version + 1 };
    const policy = await policyVersion(tx, row.policyCode, row.policyVersion);
    const calendar = await loadCalendar(tx);
    const updated = await storeTicketSnapshot(tx, row, { next, policy, calendar, now, columns: { callAt: opts.callAt } });
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
