/**
 * Issue 15.2 / 001 三.1 ("紧急、次紧急…此类工单处置时间为3个工作日"): a supervisor marks a ticket urgent,
 * or no longer urgent, with a reason. The ticket then runs under the newest version of the policy
 * chosen for its source, type and urgency (server/clock/policy-assignments.ts) — the one change of
 * a ticket's policy in its life, recorded as `ticket.urgency_set` with both policies — and its
 * clocks are recomputed from their start (dispatch) under it. Only before the reply: the clocks
 * that matter have stopped after it.
 */
import { tickets } from '../../../db/schema';
import type { TicketSource, TicketType } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { STATE_LABELS } from '../../../shared/ticket/labels';
import { loadCalendar } from '../../clock/calendar';
import { latestPolicy } from '../../clock/policies';
import { choosePolicyCode } from '../../clock/policy-assignments';
import type { SessionUser } from '../../platform/auth/sessions';
import type { AppContext } from '../../platform/context';
import { roomsForTicket } from '../../platform/live/rooms';
import { withTransaction } from '../../platform/unit-of-work';
import { presentTicketSummary } from '../presenter';
import { snapshotOf } from '../ticket-snapshot';
import { lockTicketAt, storeTicketSnapshot } from './ticket-row';

type TicketRow = typeof tickets.$inferSelect;

/** Before the reply: the clocks an urgent order shortens are still running. */
const URGENCY_STATES = ['registered', 'dispatched', 'in_progress'] as const;

export interface SetUrgencyOptions {
  ctx: AppContext;
  actor: SessionUser;
  ticketId: number;
  /** The version the supervisor saw; a stale one is refused with version_conflict. */
  expectedVersion: number;
  urgent: boolean;
  /** Why (required): it stays on the ticket's timeline. */
  reason: string;
}

export async function setUrgency(opts: SetUrgencyOptions): Promise<TicketRow> {
  const { ctx, actor } = opts;
  const now = ctx.now();
  return withTransaction(ctx, async (tx, emit) => {
    const row = await lockTicketAt(tx, actor, opts.ticketId, opts.expectedVersion);
    const state = snapshotOf(row).state;
    if (!(URGENCY_STATES as readonly string[]).includes(state)) {
      throw new AppError('invalid_state', `工单当前为「${STATE_LABELS[state]}」，答复之后不能再更改紧急标记`);
    }
    if (row.urgent === opts.urgent) throw new AppError('rule_violation', opts.urgent ? '该工单已是紧急工单' : '该工单不是紧急工单');
    const key = { source: row.source as TicketSource, type: row.type as TicketType, urgent: opts.urgent };
    const policy = await latestPolicy(tx, await choosePolicyCode(tx, key));
    const next = { ...snapshotOf(row), version: row.version + 1 };
    const calendar = await loadCalendar(tx);
    const columns = { urgent: opts.urgent, policyCode: policy.code, policyVersion: policy.version };
    const updated = await storeTicketSnapshot(tx, row, { next, policy, calendar, now, columns });
    emit({
      type: 'ticket.urgency_set',
      ticketId: row.id,
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      fromState: row.state,
      toState: row.state,
      payload: {
        urgent: opts.urgent,
        reason: opts.reason,
        previousPolicy: { code: row.policyCode, version: row.policyVersion },
        policy: { code: policy.code, version: policy.version },
        ticket: presentTicketSummary(updated),
      },
      rooms: roomsForTicket(updated),
    });
    return updated;
  });
}
