/**
 * The intake form opened from a call: the ticket takes its call time from the call, and the
 * call records the ticket (the first one; a caller may report several matters, each ticket's
 * timeline shows the call). Runs inside the ticket's transaction.
 */
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { calls } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import type { SessionUser } from '../../platform/auth/sessions';
import type { NewEvent } from '../../platform/unit-of-work';
import { callView, roomsForCall } from '../present-call';

export interface CallLink {
  /** When the call reached the line: the ticket's call time (PRODUCT.md §2). */
  callAt: Date;
  /** Links the call to the saved ticket; answers the event to append. */
  link(ticket: { id: number; number: string }): Promise<NewEvent[]>;
}

export interface PrepareCallLinkOptions {
  callId: number;
  actor: SessionUser;
  actorRole: string;
  now: Date;
}

export async function prepareCallLink(tx: Tx, opts: PrepareCallLinkOptions): Promise<CallLink> {
  const [call] = await tx.select().from(calls).where(eq(calls.id, opts.callId)).for('update').limit(1);
  if (!call) throw new AppError('validation_failed', '输入有误：关联的来电不存在', { callId: '来电不存在' });
  if (call.claimedBy !== null && call.claimedBy !== opts.actor.id && !opts.actor.roles.includes('supervisor')) {
    throw new AppError('rule_violation', '该来电由其他话务员接听，不能关联到您的工单');
  }
  return {
    callAt: call.queuedAt ?? call.createdAt,
    async link(ticket) {
      const [linked] = await tx
        .update(calls)
        .set({
          ticketId: sql`coalesce(${calls.ticketId}, ${ticket.id})`,
          // A desk-phone operator who logs the call without claiming it first takes it now.
          claimedBy: sql`coalesce(${calls.claimedBy}, ${opts.actor.id})`,
          claimedAt: sql`coalesce(${calls.claimedAt}, ${opts.now.toISOString()}::timestamptz)`,
          version: sql`${calls.version} + 1`,
          updatedAt: opts.now,
        })
        .where(eq(calls.id, call.id))
        .returning();
      if (!linked) throw new Error('call update returned no row');
      return [
        {
          type: 'call.linked',
          ticketId: ticket.id,
          actorId: opts.actor.id,
          actorRole: opts.actorRole,
          at: opts.now,
          payload: { call: await callView(tx, linked), ticketNumber: ticket.number },
          rooms: roomsForCall(linked),
        },
      ];
    },
  };
}
