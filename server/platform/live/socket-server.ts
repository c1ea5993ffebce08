/**
 * socket.io: authenticated by the session cookie, rooms computed here, and catch-up from the
 * events table so a reconnecting screen gets exactly what it missed (sequence numbers), even
 * after a server restart or on another server process.
 *
 * Catch-up (docs/decisions/live-console.md): the client sends `lastSeq`, the position it resumes
 * after, and optionally `seen`, ranges of numbers above it that it already applied. Events can
 * reach a screen out of order (publishes of concurrent commits, live traffic during a replay,
 * other processes), so "the highest number seen" alone could skip a straggler; resuming a little
 * below it and leaving out what was seen replays exactly the missing events.
 *
 * Presence (issue 4): sockets that say `presence: true` are an operator's console; they are
 * counted in the database so "offline when all sockets disconnect" holds across tabs,
 * processes and restarts. The kernel only reports connections to a `ConnectionTracker`; the
 * console's presence (server/console/presence.ts) is the one the process passes in.
 *
 * Sessions (issue 14 item 6): a socket lives no longer than its session. Logout and logout
 * everywhere close it through its session's or user's room (auth/end-sessions.ts, on every
 * process). Expiry: a timer per socket set to its session's end, which re-reads the session when it
 * fires — nothing on the hot path of a broadcast (checking each emitted event would cost every
 * fan-out a lookup per screen). And every LIVE_SESSION_CHECK_SECONDS all of this process's sockets
 * are checked against the database in one query: that catches what no call announced (a user
 * disabled or given other roles in the database, a revocation whose relay was lost while the
 * adapter's connection was down, a clock that jumped).
 */
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { hostname } from 'node:os';
import { parse as parseCookie } from 'cookie';
import { sql } from 'drizzle-orm';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import { rowsOf } from '../../../db/client';
import { findSession, liveSessions, SESSION_COOKIE, type AuthContext, type SessionUser } from '../auth/sessions';
import type { AppContext } from '../context';
import { allowedOrigins } from './allowed-origin';
import { eventForRooms } from './free-text';
import { storedEventOf, toLiveEvent, type StoredEvent, type StoredEventRow } from './publisher';
import { roomsForUser, sessionRoom } from './rooms';

/** Beyond this many missed events a client reloads its snapshot instead of replaying. */
export const CATCH_UP_LIMIT = 1000;
/** At most this many `seen` ranges in a handshake (the client keeps the newest). */
export const MAX_SEEN_RANGES = 200;
/** setTimeout's longest delay (≈24.8 days); a session may live 30. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Sessions checked per query by the periodic check. */
const CHECK_BATCH = 500;

const ZSeqSchema = z.coerce.number().int().min(0);
const ZHandshakeSchema = z.object({
  lastSeq: ZSeqSchema.optional(),
  seen: z
    .array(z.tuple([ZSeqSchema, ZSeqSchema]))
    .max(MAX_SEEN_RANGES)
    .optional(),
  presence: z.boolean().optional(),
});

/** Who is connected: told of each console socket that asks to be counted (`presence: true`). */
export interface ConnectionTracker {
  /** Whether this user's consoles are counted at all. */
  tracks(user: SessionUser): boolean;
  connected(user: SessionUser, serverId: string): Promise<void>;
  disconnected(user: SessionUser, serverId: string): Promise<void>;
  /** After the grace period with no console back: the user is gone. */
  settle(userId: number): Promise<unknown>;
  /** Every heartbeat: keep this process's rows fresh, settle the stale ones of dead processes. */
  sweep(serverId: string): Promise<unknown>;
  heartbeatMs: number;
  graceMs: number;
}

export interface SocketServerOptions {
  /** One id per process for the presence connection counts (tests give their own). */
  serverId?: string;
  /** Counts console connections (the operators' presence); none: nothing is counted. */
  connections?: ConnectionTracker;
}

export function attachSocketServer(httpServer: HttpServer, ctx: AppContext, opts: SocketServerOptions = {}): Server {
  const originAllowed = allowedOrigins(ctx.config);
  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Runs on the handshake, before any session is read: a page of another origin gets 403.
    allowRequest: (req, callback) => {
      if (originAllowed(req.headers.origin, req.headers.host)) return callback(null, true);
      ctx.logger.warn({ origin: req.headers.origin?.slice(0, 200) }, 'live connection refused: origin not allowed');
      callback('origin not allowed', false);
    },
  });
  const serverId = opts.serverId ?? `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const tracker = opts.connections;
  const pending = new Set<NodeJS.Timeout>();
  let closing = false;
  const warn = (what: string) => (err: unknown) => {
    if (!closing) ctx.logger.warn({ err: (err as Error)?.message ?? err }, what);
  };

  const heartbeat = tracker ? setInterval(() => void tracker.sweep(serverId).catch(warn('presence sweep failed')), tracker.heartbeatMs) : null;
  heartbeat?.unref();

  /** Each socket's timer to its session's end. */
  const expiries = new Map<Socket, { timer: NodeJS.Timeout; at: number }>();
  const armExpiry = (socket: Socket) => {
    const { expiresAt } = socket.data.auth as AuthContext;
    const armed = expiries.get(socket);
    if (armed?.at === expiresAt.getTime()) return;
    if (armed) clearTimeout(armed.timer);
    const delay = Math.min(Math.max(expiresAt.getTime() - ctx.now().getTime(), 0), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      expiries.delete(socket);
      void checkSessions([socket]).catch(warn('live session check failed'));
    }, delay);
    timer.unref();
    expiries.set(socket, { timer, at: expiresAt.getTime() });
  };
  const disarm = (socket: Socket) => {
    clearTimeout(expiries.get(socket)?.timer);
    expiries.delete(socket);
  };

  /**
   * Re-reads the sessions of these sockets: an ended one (revoked, expired, user disabled) is
   * disconnected — the client is told and does not come back; one whose user's rooms changed has
   * its transport closed — the client reconnects and gets the new rooms.
   */
  const checkSessions = async (sockets: Socket[]) => {
    // Past its known end a session is over whatever the database says (or if it cannot answer).
    const at = ctx.now().getTime();
    for (const s of sockets) if (s.connected && (s.data.auth as AuthContext).expiresAt.getTime() <= at) s.disconnect(true);
    const open = sockets.filter((s) => s.connected);
    for (let i = 0; i < open.length; i += CHECK_BATCH) {
      const batch = open.slice(i, i + CHECK_BATCH);
      const fresh = await liveSessions(
        ctx.db,
        batch.map((s) => (s.data.auth as AuthContext).sessionId),
        ctx.now(),
      );
      for (const socket of batch) {
        const was = socket.data.auth as AuthContext;
        const now = fresh.get(was.sessionId);
        if (!now) {
          socket.disconnect(true);
        } else if (roomsForUser(now.user).join() !== roomsForUser(was.user).join()) {
          socket.conn.close();
        } else {
          socket.data.auth = now;
          armExpiry(socket);
        }
      }
    }
  };
  const check = setInterval(
    () => void checkSessions([...io.of('/').sockets.values()]).catch(warn('live session check failed')),
    ctx.config.LIVE_SESSION_CHECK_SECONDS * 1000,
  );
  check.unref();

  const stop = () => {
    closing = true;
    if (heartbeat) clearInterval(heartbeat);
    clearInterval(check);
    for (const timer of pending) clearTimeout(timer);
    pending.clear();
    for (const { timer } of expiries.values()) clearTimeout(timer);
    expiries.clear();
  };
  httpServer.once('close', stop);

  io.use((socket, next) => {
    const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
    (token ? findSession(ctx.db, token, ctx.now()) : Promise.resolve(null)).then(
      (auth) => {
        if (!auth) return next(new Error('unauthenticated'));
        socket.data.auth = auth;
        next();
      },
      (err: unknown) => {
        ctx.logger.warn({ err }, 'socket auth failed');
        next(new Error('unavailable'));
      },
    );
  });

  io.on('connection', async (socket) => {
    const auth = socket.data.auth as AuthContext;
    const rooms = roomsForUser(auth.user);
    await socket.join([...rooms, sessionRoom(auth.sessionId)]);
    socket.on('disconnect', () => disarm(socket));
    armExpiry(socket);
    // A logout that ran between the handshake's session read and the join above closed nothing
    // (this socket was in no room yet): read the session again now that its rooms reach it.
    await checkSessions([socket]).catch(warn('live session check failed'));
    if (!socket.connected) return;
    const handshake = ZHandshakeSchema.safeParse(socket.handshake.auth ?? {});
    const hs = handshake.success ? handshake.data : {};

    if (hs.presence && tracker?.tracks(auth.user)) {
      const counted = tracker.connected(auth.user, serverId).catch(warn('presence connect failed'));
      socket.on('disconnect', (reason) => {
        // A shutting-down process leaves its rows to go stale: its screens are about to reconnect.
        if (closing || reason === 'server shutting down') return stop();
        void counted
          .then(() => tracker.disconnected(auth.user, serverId))
          .then(() => {
            const timer = setTimeout(() => {
              pending.delete(timer);
              void tracker.settle(auth.user.id).catch(warn('presence settle failed'));
            }, tracker.graceMs);
            pending.add(timer);
          })
          .catch(warn('presence disconnect failed'));
      });
    }

    try {
      if (hs.lastSeq !== undefined) {
        const missed = await eventsSince(ctx, hs.lastSeq, hs.seen ?? [], rooms, CATCH_UP_LIMIT + 1);
        if (missed.length > CATCH_UP_LIMIT) {
          socket.emit('resync', { reason: 'too_far_behind' });
        } else {
          // Issue 14 item 7: masked as the live publish masked it for these rooms.
          for (const e of missed) socket.emit('event', toLiveEvent(eventForRooms(e, rooms)));
        }
      }
      const [pos] = await rowsOf<{ seq: string | null }>(ctx.db, sql`select max(seq) as seq from events`);
      socket.emit('ready', { seq: Number(pos?.seq ?? 0), rooms });
    } catch (err) {
      ctx.logger.error({ err }, 'socket catch-up failed');
      socket.emit('resync', { reason: 'catch_up_failed' });
    }
  });
  return io;
}

/** Events in the user's rooms after `lastSeq`, minus the ranges the client already has. */
async function eventsSince(ctx: AppContext, lastSeq: number, seen: [number, number][], rooms: string[], limit: number): Promise<StoredEvent[]> {
  const roomArray = sql`ARRAY[${sql.join(
    rooms.map((r) => sql`${r}`),
    sql`, `,
  )}]::text[]`;
  const ranges = seen.filter(([a, b]) => a <= b && b > lastSeq);
  const notSeen = ranges.length
    ? sql`and not (${sql.join(
        ranges.map(([a, b]) => sql`seq between ${a} and ${b}`),
        sql` or `,
      )})`
    : sql``;
  const rows = await rowsOf<StoredEventRow>(
    ctx.db,
    sql`select seq, type, ticket_id, at, payload, rooms from events
        where seq > ${lastSeq} and rooms && ${roomArray} ${notSeen}
        order by seq limit ${limit}`,
  );
  return rows.map(storedEventOf);
}
