/**
 * Socket rooms, computed on the server from the user and the ticket; a client never chooses
 * its rooms. A liaison is only ever in the room of their own unit.
 */
import type { Role } from '../../../shared/domain';
import type { SessionUser } from '../auth/sessions';

/** Roles that work the whole line and see every ticket's movement. */
const LINE_ROLES: readonly Role[] = ['operator', 'revisit', 'supervisor', 'leader'];

export const roleRoom = (role: Role) => `role:${role}`;
export const unitRoom = (unitId: number) => `unit:${unitId}`;
export const userRoom = (userId: number) => `user:${userId}`;
/**
 * Every socket of one login session, so a logout closes that session's sockets on every process.
 * Never sent to the client (the id is the SHA-256 of the cookie's token, as stored).
 */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export function roomsForUser(user: SessionUser): string[] {
  const rooms = [userRoom(user.id)];
  for (const role of user.roles) if (LINE_ROLES.includes(role)) rooms.push(roleRoom(role));
  if (user.roles.includes('liaison') && user.unitId !== null) rooms.push(unitRoom(user.unitId));
  return rooms;
}

export interface TicketRouting {
  state: string;
  leadUnitId: number | null;
  assistUnitIds: number[];
}

/**
 * Who hears about a ticket event: the line's staff always; the lead and assisting units once
 * it has been dispatched to them (a registered ticket is still the line's own). `previous`
 * covers a unit that just lost the ticket (return approved) so its screen drops it live.
 */
export function roomsForTicket(ticket: TicketRouting, previous?: TicketRouting): string[] {
  const rooms = new Set(LINE_ROLES.map(roleRoom));
  for (const t of previous ? [ticket, previous] : [ticket]) {
    if (t.state === 'registered' || t.state === 'closed_on_call') continue;
    if (t.leadUnitId !== null) rooms.add(unitRoom(t.leadUnitId));
    for (const id of t.assistUnitIds) rooms.add(unitRoom(id));
  }
  return [...rooms];
}
