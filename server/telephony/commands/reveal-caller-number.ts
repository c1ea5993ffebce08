/**
 * PRODUCT.md §9 and issue 14 item 9: a caller's full number reaches only the operators the call is
 * offered to (it is waiting) or the one who took it, and every such read is logged like a
 * reveal: one `call.number_revealed` event with its actor, never broadcast (no room), the number
 * itself kept out of the log.
 */
import type { calls } from '../../../db/schema';
import type { Role } from '../../../shared/domain';
import type { CallerNumberPurpose } from '../../../shared/events/call';
import type { SessionUser } from '../../platform/auth/sessions';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';

type CallRow = typeof calls.$inferSelect;

export type { CallerNumberPurpose } from '../../../shared/events/call';

/** Whether this user may see the call's full number now: it is offered to the line, or it is theirs. */
export function mayReadCallerNumber(call: CallRow, user: Pick<SessionUser, 'id'>): boolean {
  if (!call.citizenPhone) return false;
  const offered = call.direction === 'inbound' && call.endedAt === null && call.claimedBy === null;
  return offered || call.claimedBy === user.id;
}

export interface RevealCallerNumberOptions extends UnitOfWorkDeps {
  call: CallRow;
  actor: SessionUser;
  actorRole: Role;
  now: Date;
  purpose: CallerNumberPurpose;
}

export async function revealCallerNumber(opts: RevealCallerNumberOptions): Promise<string | null> {
  if (!mayReadCallerNumber(opts.call, opts.actor)) return null;
  // An audit row only: no room, so the unit of work's publish reaches nobody.
  await withTransaction(opts, async (_tx, emit) => {
    emit({
      type: 'call.number_revealed',
      ticketId: null,
      actorId: opts.actor.id,
      actorRole: opts.actorRole,
      at: opts.now,
      payload: { callId: opts.call.id, purpose: opts.purpose },
      // No room: catch-up selects `rooms && <user's rooms>`, which an empty array never matches.
      rooms: [],
    });
  });
  return opts.call.citizenPhone;
}
