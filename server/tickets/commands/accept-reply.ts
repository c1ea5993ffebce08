/**
 * 000 三(五): "镇城运中心结案前对各责任单位的结案报告进行审核把关". The supervisor accepts a
 * closing report; a vague one is sent back with the `send_back_reply` command instead. The
 * acceptance changes no state of the ticket's life, so it is not a machine command: it is an
 * event with its actor, written under the row lock, once per reply, and published after commit;
 * the row keeps the accepted reply's `at` (`reply_accepted_at`, issue 17.7) in the same transaction.
 */
import { eq } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import { REPLY_ACCEPTED_EVENT } from '../../../shared/schemas/workspaces';
import type { SessionUser } from '../../platform/auth/sessions';
import type { AppContext } from '../../platform/context';
import { roomsForTicket } from '../../platform/live/rooms';
import { withTransaction } from '../../platform/unit-of-work';
import { presentTicketSummary } from '../presenter';
import { snapshotOf } from '../ticket-snapshot';
import { requireSignOff } from './sign-off-reply';
import { lockTicketAt } from './ticket-row';

type TicketRow = typeof tickets.$inferSelect;

export interface AcceptReplyOptions {
  ctx: AppContext;
  actor: SessionUser;
  ticketId: number;
  /** The version the supervisor reviewed; a newer reply must be reviewed afresh. */
  expectedVersion: number;
  /** The review note (may be empty). */
  note: string;
}

export async function acceptReply(opts: AcceptReplyOptions): Promise<TicketRow> {
  const { ctx, actor } = opts;
  const now = ctx.now();
  return withTransaction(ctx, async (tx, emit) => {
    const row = await lockTicketAt(tx, actor, opts.ticketId, opts.expectedVersion);
    const reply = snapshotOf(row).reply;
    if (row.state !== 'replied' || !reply) {
      throw new AppError('invalid_state', '工单当前没有待审核的答复');
    }
    if (row.replyAcceptedAt === reply.at) throw new AppError('rule_violation', '该答复已审核通过');
    await requireSignOff(tx, row);
    // Issue 17.7: the marker the decision queue reads (the row leaves it; a new reply enters again).
    // Not a new version: the ticket's life did not move, screens showing it stay current.
    await tx.update(tickets).set({ replyAcceptedAt: reply.at }).where(eq(tickets.id, row.id));
    emit({
      type: REPLY_ACCEPTED_EVENT,
      ticketId: row.id,
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      fromState: row.state,
      toState: row.state,
      payload: { replyAt: reply.at, unitId: reply.unitId, note: opts.note, ticket: presentTicketSummary(row) },
      rooms: roomsForTicket(row),
    });
    return row;
  });
}
