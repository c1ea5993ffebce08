/**
 * Issue 14 item 6: a session that ends takes its live connections with it. Every way a session
 * ends on purpose goes through here, so the database and the open sockets never disagree: the
 * row is revoked first (a socket that reconnects is refused), then the sockets are closed on
 * every process. Expiry needs no call: the socket server times each socket to its session's end.
 */
import type { Db } from '../../../db/client';
import type { LivePublisher } from '../live/publisher';
import { sessionRoom, userRoom } from '../live/rooms';
import { revokeAllSessions, revokeSession } from './sessions';

export interface EndSessionsContext {
  db: Db;
  live: LivePublisher;
  now: () => Date;
}

/** Logout (and the old session a new login replaces): this session only; the person's other devices stay. */
export async function endSession(ctx: EndSessionsContext, sessionId: string): Promise<void> {
  await revokeSession(ctx.db, sessionId, ctx.now());
  await ctx.live.disconnect([sessionRoom(sessionId)]);
}

/**
 * Every session of a person, and every socket they have open: logout everywhere, and what any
 * change to a person's roles, unit or active flag must call (their rooms were computed from
 * them; they log in again and get the new ones). Returns how many sessions were open.
 */
export async function endSessionsOfUser(ctx: EndSessionsContext, userId: number): Promise<number> {
  const ended = await revokeAllSessions(ctx.db, userId, ctx.now());
  await ctx.live.disconnect([userRoom(userId)]);
  return ended;
}
