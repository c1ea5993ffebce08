/**
 * Issue 15.8, 000 三(四) "各责任单位主要负责人对处理结果应严格审核把关，并在结案签批表上签字确认" and
 * 002 一.6 "对处置后工单，需分管领导签字上报": the lead unit's liaison records its head's sign-off on
 * the closing report. Like the centre's acceptance (accept-reply.ts) it changes no state: an event
 * with its actor and the signer's name, once per reply, under the row lock. Where the ticket's policy
 * asks for it (`replyNeedsSignOff`), the reply is accepted and revisited only once signed off
 * (`requireSignOff`, refused with `reply_not_signed_off`).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { events, type tickets } from '../../../db/schema';
import { replyNeedsSignOffOf } from '../../../shared/clock/policy-schema';
import { AppError } from '../../../shared/errors';
import { REPLY_SIGNED_OFF_EVENT } from '../../../shared/schemas/workspaces';
import { policyVersion } from '../../clock/policies';
import type { SessionUser } from '../../platform/auth/sessions';
import type { AppContext } from '../../platform/context';
import { roomsForTicket } from '../../platform/live/rooms';
import { withTransaction } from '../../platform/unit-of-work';
import { presentTicketSummary } from '../presenter';
import { snapshotOf } from '../ticket-snapshot';
import { lockTicketAt } from './ticket-row';

type TicketRow = typeof tickets.$inferSelect;

export const REPLY_NOT_SIGNED_OFF_MESSAGE = '结案报告尚无承办单位负责人签批，不能审核通过或回访';

export interface SignOffReplyOptions {
  ctx: AppContext;
  actor: SessionUser;
  ticketId: number;
  /** The version the liaison read; a newer reply must be signed afresh. */
  expectedVersion: number;
  /** The head who signed (the name on the paper 结案签批表). */
  signer: string;
  note: string;
}

export async function signOffReply(opts: SignOffReplyOptions): Promise<TicketRow> {
  const { ctx, actor } = opts;
  const now = ctx.now();
  return withTransaction(ctx, async (tx, emit) => {
    const row = await lockTicketAt(tx, actor, opts.ticketId, opts.expectedVersion);
    const reply = snapshotOf(row).reply;
    if (row.state !== 'replied' || !reply) throw new AppError('invalid_state', '工单当前没有待签批的结案报告');
    if (actor.unitId === null || actor.unitId !== reply.unitId) throw new AppError('wrong_unit', '只有答复的承办单位可以签批');
    if (await signedOff(tx, row.id, reply.at)) throw new AppError('rule_violation', '该结案报告已签批');
    emit({
      type: REPLY_SIGNED_OFF_EVENT,
      ticketId: row.id,
      actorId: actor.id,
      actorRole: 'liaison',
      at: now,
      fromState: row.state,
      toState: row.state,
      payload: { replyAt: reply.at, unitId: reply.unitId, signer: opts.signer, note: opts.note, ticket: presentTicketSummary(row) },
      rooms: roomsForTicket(row),
    });
    return row;
  });
}

async function signedOff(tx: Tx, ticketId: number, replyAt: string): Promise<boolean> {
  const [done] = await tx
    .select({ seq: events.seq })
    .from(events)
    .where(and(eq(events.ticketId, ticketId), eq(events.type, REPLY_SIGNED_OFF_EVENT), sql`${events.payload}->>'replyAt' = ${replyAt}`))
    .limit(1);
  return done !== undefined;
}

/** Refuses to accept or revisit a closing report the policy wants signed and nobody signed. */
export async function requireSignOff(tx: Tx, row: TicketRow): Promise<void> {
  const reply = snapshotOf(row).reply;
  if (row.state !== 'replied' || !reply) return;
  const policy = await policyVersion(tx, row.policyCode, row.policyVersion);
  if (!replyNeedsSignOffOf(policy)) return;
  if (!(await signedOff(tx, row.id, reply.at))) throw new AppError('reply_not_signed_off', REPLY_NOT_SIGNED_OFF_MESSAGE);
}
