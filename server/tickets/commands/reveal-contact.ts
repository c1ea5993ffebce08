/**
 * PRODUCT.md §9: "revealing a full number is logged". One reveal is one `ticket.contact_revealed`
 * event with its actor, in the ticket's timeline (the audit log), never broadcast: the number
 * is nobody else's business and other screens have nothing to change.
 */
import type { tickets } from '../../../db/schema';
import type { Role } from '../../../shared/domain';
import type { ContactReveal, TRevealContactInput } from '../../../shared/schemas/contact';
import type { SessionUser } from '../../platform/auth/sessions';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';

export interface RevealContactOptions extends UnitOfWorkDeps {
  /** The ticket as the route read it, after the policy allowed the reveal. */
  ticket: typeof tickets.$inferSelect;
  actor: SessionUser;
  /** The role under which the actor may contact the caller (tickets/policy contactRoleOf). */
  actorRole: Role;
  now: Date;
  /** Why the number was shown, e.g. 'view' or 'call' (the click that starts a call). */
  purpose: TRevealContactInput['purpose'];
}

export async function revealContact(opts: RevealContactOptions): Promise<ContactReveal> {
  const { ticket } = opts;
  // An audit row only: no room, so the unit of work's publish reaches nobody.
  await withTransaction(opts, async (_tx, emit) => {
    emit({
      type: 'ticket.contact_revealed',
      ticketId: ticket.id,
      actorId: opts.actor.id,
      actorRole: opts.actorRole,
      at: opts.now,
      // The number itself stays out of the log: the log says who saw it, not what it is.
      payload: { purpose: opts.purpose, confidential: ticket.confidential },
      // No room: catch-up selects `rooms && <user's rooms>`, which an empty array never matches.
      rooms: [],
    });
  });
  return { contactName: ticket.contactName, contactPhone: ticket.contactPhone };
}
