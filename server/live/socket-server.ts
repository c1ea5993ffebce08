/**
 * socket.io: authenticated by the session cookie, rooms computed here, and catch-up from the
 * events table so a reconnecting screen gets exactly what it missed (sequence numbers), even
 * after a server restart or on another server process.
 */
import type { Server as HttpServer } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { sql } from 'drizzle-orm';
import { Server } from 'socket.io';
import { z } from 'zod';
import { rowsOf } from '../../db/client';
import { findSession, SESSION_COOKIE, type AuthContext } from '../auth/sessions';
import type { AppContext } from '../context';
import { toLiveEvent, type StoredEvent } from './publisher';
import { roomsForUser } from './rooms';

/** Beyond this many missed events a client reloads its snapshot instead of replaying. */
export const CATCH_UP_LIMIT = 1000;

const ZHandshakeSchema = z.object({ lastSeq: z.coerce.number().int().min(0).optional() });

export function attachSocketServer(httpServer: HttpServer, ctx: Omit<AppContext, 'live'>): Server {
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });

  io.use(async (socket, next) => {
    try {
      const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      const auth = token ? await findSession(ctx.db, token, ctx.now()) : null;
      if (!auth) return next(new Error('unauthenticated'));
      socket.data.auth = auth;
      next();
    } catch (err) {
      ctx.logger.warn({ err }, 'socket auth failed');
      next(new Error('unavailable'));
    }
  });

  io.on('connection', async (socket) => {
    const auth = socket.data.auth as AuthContext;
    const rooms = roomsForUser(auth.user);
    await socket.join(rooms);
    const handshake = ZHandshakeSchema.safeParse(socket.handshake.auth ?? {});
    const lastSeq = handshake.success ? handshake.data.lastSeq : undefined;
    try {
      if (lastSeq !== undefined) {
        const missed = await eventsSince(ctx, lastSeq, rooms, CATCH_UP_LIMIT + 1);
        if (missed.length > CATCH_UP_LIMIT) {
          socket.emit('resync', { reason: 'too_far_behind' });
        } else {
          for (const e of missed) socket.emit('event', toLiveEvent(e));
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

async function eventsSince(ctx: Omit<AppContext, 'live'>, lastSeq: number, rooms: string[], limit: number): Promise<StoredEvent[]> {
  const roomArray = sql`ARRAY[${sql.join(
    rooms.map((r) => sql`${r}`),
    sql`, `,
  )}]::text[]`;
  const rows = await rowsOf<{ seq: string | number; type: string; ticket_id: number | null; at: string | Date; payload: Record<string, unknown>; rooms: string[] }>(
    ctx.db,
    sql`select seq, type, ticket_id, at, payload, rooms from events
        where seq > ${lastSeq} and rooms && ${roomArray}
        order by seq limit ${limit}`,
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    type: r.type,
    ticketId: r.ticket_id,
    at: new Date(r.at),
    payload: r.payload,
    rooms: r.rooms,
  }));
}
