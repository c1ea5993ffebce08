/** Who may see a ticket: the line's staff all of them; a liaison only their unit's, once dispatched. */
import type { Role } from '../../shared/domain';
import type { SessionUser } from '../auth/sessions';
import type { TicketRouting } from '../live/rooms';

const LINE_READERS: readonly Role[] = ['operator', 'revisit', 'supervisor', 'leader'];
/** Roles that call the citizen back and so may see the full number. */
const CONTACT_ROLES: readonly Role[] = ['operator', 'revisit', 'supervisor'];

const has = (user: SessionUser, roles: readonly Role[]) => user.roles.some((r) => roles.includes(r));

export function isUnitTicket(user: SessionUser, t: TicketRouting): boolean {
  if (!user.roles.includes('liaison') || user.unitId === null) return false;
  if (t.state === 'registered' || t.state === 'closed_on_call') return false;
  return t.leadUnitId === user.unitId || t.assistUnitIds.includes(user.unitId);
}

export function canReadTicket(user: SessionUser, t: TicketRouting): boolean {
  return has(user, LINE_READERS) || isUnitTicket(user, t);
}

/** The lead unit's liaison contacts the citizen; assisting units and leaders see it masked. */
export function canSeeContact(user: SessionUser, t: TicketRouting): boolean {
  if (has(user, CONTACT_ROLES)) return true;
  return user.roles.includes('liaison') && user.unitId !== null && t.leadUnitId === user.unitId && isUnitTicket(user, t);
}
