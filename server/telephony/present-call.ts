/** What leaves the server about a call: lists and live events never carry the full number (PRODUCT.md §9). */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { calls, users } from '../../db/schema';
import type { CallDirection, CallStatus, CallView } from '../../shared/schemas/call';
import { maskPhone } from '../../shared/schemas/ticket';
import { roleRoom, userRoom } from '../platform/live/rooms';

export type CallRow = typeof calls.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentCall(c: CallRow, claimedByName: string | null = null): CallView {
  return {
    id: c.id,
    direction: c.direction as CallDirection,
    status: c.status as CallStatus,
    version: c.version,
    simulated: c.simulated,
    citizenPhoneMasked: c.citizenPhone ? maskPhone(c.citizenPhone) : null,
    queuedAt: iso(c.queuedAt),
    answeredAt: iso(c.answeredAt),
    endedAt: iso(c.endedAt),
    waitSeconds: c.waitSeconds,
    talkSeconds: c.talkSeconds,
    claimedBy: c.claimedBy,
    claimedByName,
    ticketId: c.ticketId,
    callbackOf: c.callbackOf,
    callbackCallId: c.callbackCallId,
    requestedBy: c.requestedBy,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The call as a view, with the name of the operator who took it. */
export async function callView(q: Queryable, c: CallRow): Promise<CallView> {
  if (c.claimedBy === null) return presentCall(c);
  const [u] = await q.select({ name: users.displayName }).from(users).where(eq(users.id, c.claimedBy)).limit(1);
  return presentCall(c, u?.name ?? null);
}

/**
 * Who hears about a call: the operators (they answer it) and supervisors (they watch the line),
 * plus whoever placed an outbound call (a revisit caller or a liaison).
 */
export function roomsForCall(c: Pick<CallRow, 'requestedBy'>): string[] {
  const rooms = [roleRoom('operator'), roleRoom('supervisor')];
  if (c.requestedBy !== null) rooms.push(userRoom(c.requestedBy));
  return rooms;
}
