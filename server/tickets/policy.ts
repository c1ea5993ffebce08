/** Who may see a ticket: the line's staff all of them; a liaison only their unit's, once dispatched. */
import { CONTACT_ROLES, type Role } from '../../shared/domain';
import { isDispatched } from '../../shared/ticket/machine';
import type { SessionUser } from '../platform/auth/sessions';
import type { TicketRouting } from '../platform/live/rooms';

const LINE_READERS: readonly Role[] = ['operator', 'revisit', 'supervisor', 'leader'];

const has = (user: SessionUser, roles: readonly Role[]) => user.roles.some((r) => roles.includes(r));

export function isUnitTicket(user: SessionUser, t: TicketRouting): boolean {
  if (!user.roles.includes('liaison') || user.unitId === null) return false;
  if (!isDispatched(t.state)) return false;
  return t.leadUnitId === user.unitId || t.assistUnitIds.includes(user.unitId);
}

export function canReadTicket(user: SessionUser, t: TicketRouting): boolean {
  return has(user, LINE_READERS) || isUnitTicket(user, t);
}

/** The lead unit's liaison contacts the citizen; assisting units and leaders see it masked. */
export function canSeeContact(user: SessionUser, t: TicketRouting): boolean {
  return contactRoleOf(user, t) !== null;
}

/**
 * The role under which the user may see (and so reveal) the caller's number, or null. PRODUCT.md §9:
 * the same rule holds for confidential callers — only those who must call them back (000 (十)).
 */
export function contactRoleOf(user: SessionUser, t: TicketRouting): Role | null {
  const lineRole = user.roles.find((r) => CONTACT_ROLES.includes(r));
  if (lineRole) return lineRole;
  const leadLiaison = user.roles.includes('liaison') && user.unitId !== null && t.leadUnitId === user.unitId && isUnitTicket(user, t);
  return leadLiaison ? 'liaison' : null;
}
