/**
 * Issue 14 item 7 on the live stream: an event's free text (the description in its ticket
 * summary, a note, a reason, a reply…) reaches only the rooms whose members may see the caller's
 * number as typed; every other room gets the same event with its numbers masked
 * (`maskFreeText`, docs/decisions/privacy.md). Live and catch-up decide with the same function,
 * so a replayed event reads as the live one did.
 *
 * Who reads it as typed is the rule of `server/tickets/policy.ts` (`canSeeContact`) said in rooms:
 * the line's operators, revisit callers and supervisors, and the room of the ticket's lead unit
 * (read from the ticket summary the event carries). Leaders, assisting units and a unit that just
 * lost the ticket get it masked. An event that names no lead unit (a supervision sheet's) is
 * masked for every unit room: the sheet's screen refetches it over HTTP, which masks per viewer.
 */
import { CONTACT_ROLES } from '../../../shared/domain';
import { maskFreeText } from '../../../shared/privacy/mask-free-text';
import { isDispatched } from '../../../shared/ticket/machine';
import { roleRoom, unitRoom } from './rooms';

/** Rooms of the roles that call the citizen back. */
const CONTACT_ROOMS: ReadonlySet<string> = new Set(CONTACT_ROLES.map(roleRoom));
/** A user's own room carries what that user asked for (their outbound calls). */
const USER_ROOM_PREFIX = 'user:';

/** What the decision reads of a stored event (publisher.ts StoredEvent). */
interface RoutedEvent {
  rooms: string[];
  payload: Record<string, unknown>;
}

/** The lead unit of the dispatched ticket whose summary the event carries, or null. */
function leadUnitOf(payload: Record<string, unknown>): number | null {
  const ticket = payload.ticket as { leadUnitId?: unknown; state?: unknown } | undefined;
  if (!ticket || typeof ticket.leadUnitId !== 'number' || typeof ticket.state !== 'string') return null;
  return isDispatched(ticket.state) ? ticket.leadUnitId : null;
}

/** The event's rooms whose members read its free text as typed. */
export function fullTextRooms(e: RoutedEvent): string[] {
  const lead = leadUnitOf(e.payload);
  const leadRoom = lead === null ? null : unitRoom(lead);
  return e.rooms.filter((r) => CONTACT_ROOMS.has(r) || r.startsWith(USER_ROOM_PREFIX) || r === leadRoom);
}

/** The event with the numbers in its free text masked. */
export function maskedEvent<E extends RoutedEvent>(e: E): E {
  return { ...e, payload: maskFreeText(e.payload) };
}

/** The event as a socket in these rooms may read it (catch-up): as typed if one of its rooms may. */
export function eventForRooms<E extends RoutedEvent>(e: E, socketRooms: readonly string[]): E {
  const full = fullTextRooms(e);
  return socketRooms.some((r) => full.includes(r)) ? e : maskedEvent(e);
}
