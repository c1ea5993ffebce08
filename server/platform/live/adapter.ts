/**
 * Several server processes on one PostgreSQL (PRODUCT.md §12): socket.io's postgres adapter relays
 * every broadcast to the other processes by NOTIFY, so an event committed on process A reaches
 * screens connected to process B. See docs/decisions/scale-out.md.
 *
 * What the adapter does not do, and this file adds:
 * - It has no replay (../shared/NOTES.md: connection-state recovery is not supported). While
 *   its LISTEN connection is down (a PostgreSQL restart), other processes' broadcasts are lost
 *   for our screens. So when LISTEN comes back we close our screens' transports: each client
 *   reconnects with the last seq it saw and catches up from the events table
 *   (socket-server.ts), which holds every committed event.
 * - Its LISTEN connection is a client checked out of the pool forever; pg emits `error` on a
 *   checked-out client with no listener when the server goes away, which would crash the
 *   process. Every client of this pool gets a listener.
 */
import { PostgresAdapter, type PostgresAdapterOptions } from '@socket.io/postgres-adapter';
import { PubSubClient } from '@socket.io/postgres-adapter/dist/util.js';
import pg from 'pg';
import type { Namespace, Server } from 'socket.io';
import { MessageType, type BroadcastOptions } from 'socket.io-adapter';
import type { Logger } from '../logger';

export const ATTACHMENTS_TABLE = 'socket_io_attachments';
/** Serialises `create table if not exists` when several processes start at once. */
const CREATE_LOCK = 62112346;

export interface PostgresAdapterHandle {
  close(): Promise<void>;
}

export interface AttachAdapterOptions {
  databaseUrl: string;
  logger: Logger;
  /** How long to wait for the first LISTEN before serving anyway (it keeps retrying). */
  readyTimeoutMs?: number;
}

/**
 * Local screens first, then the other processes. The stock cluster adapter awaits its NOTIFY round
 * trip (over a pool of several connections) before emitting to this process's own sockets, so two
 * events published in seq order can complete in the opposite order; a screen that reconnects in
 * between resumes after the higher seq and never gets the lower one. Emitting locally at once keeps
 * each process's delivery in publish order, which is commit order — and spares local screens the
 * round trip.
 */
class LocalFirstAdapter extends PostgresAdapter {
  override async broadcast(packet: unknown, opts: BroadcastOptions): Promise<void> {
    if (opts.flags?.local) return super.broadcast(packet, opts);
    // With the `local` flag the cluster adapter emits synchronously, before this call returns.
    const local = super.broadcast(packet, { ...opts, flags: { ...opts.flags, local: true } });
    // Errors are reported by the PubSubClient's errorHandler; a broadcast never throws (as stock).
    await this.publishAndReturnOffset({
      type: MessageType.BROADCAST,
      data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags ?? {} } },
    }).catch(() => undefined);
    await local;
  }
}

/** Internals of PubSubClient (0.5.x) we rely on; covered by test/faults/two-processes.test.ts. */
interface PubSubInternals {
  client?: unknown;
  initClient(): Promise<void>;
}

export async function attachPostgresAdapter(io: Server, opts: AttachAdapterOptions): Promise<PostgresAdapterHandle> {
  const { logger } = opts;
  // Its own pool: one connection stays checked out for LISTEN, others send NOTIFY.
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 4 });
  pool.on('error', (err) => logger.warn({ err: err.message }, 'live adapter: idle database connection lost'));
  pool.on('connect', (client) => client.on('error', (err) => logger.warn({ err: err.message }, 'live adapter: database connection lost')));

  await ensureAttachmentsTable(pool);

  const options: Required<PostgresAdapterOptions> = {
    channelPrefix: 'socket.io',
    tableName: ATTACHMENTS_TABLE,
    payloadThreshold: 8000,
    cleanupInterval: 30_000,
    errorHandler: (err) => logger.warn({ err: err.message }, 'live adapter error'),
  };
  const namespaces = new Map<string, LocalFirstAdapter>();
  // Mirrors createAdapter() of @socket.io/postgres-adapter 0.5.0, with our own PubSubClient
  // instance so we can tell when its LISTEN connection comes back.
  const pubsub = new PubSubClient(
    pool,
    options,
    (msg) => (namespaces.get(msg.nsp) as unknown as { uid: string } | undefined)?.uid === msg.uid,
    (msg) => namespaces.get(msg.nsp)?.onMessage(msg as never),
  );
  const internals = pubsub as unknown as PubSubInternals;

  // The constructor already made the first attempt; every later one is a reconnection.
  const originalInit = internals.initClient.bind(pubsub);
  internals.initClient = async () => {
    await originalInit();
    if (!internals.client) return; // failed; the adapter schedules another attempt
    const local = [...io.of('/').sockets.values()];
    logger.warn({ screens: local.length }, 'live adapter: LISTEN restored; screens reconnect and catch up by seq');
    // Transport close (not a server-side disconnect): socket.io clients reconnect by themselves,
    // sending their last seq; the server replays what they missed from the events table.
    for (const socket of local) socket.conn.close();
  };

  // socket.io calls this with `new`, so a function, not an arrow.
  io.adapter(function hotlineAdapter(nsp: Namespace) {
    const adapter = new LocalFirstAdapter(nsp, {}, pubsub);
    namespaces.set(nsp.name, adapter);
    pubsub.addNamespace(nsp.name);
    const defaultClose = adapter.close.bind(adapter);
    adapter.close = () => {
      namespaces.delete(nsp.name);
      if (namespaces.size === 0) pubsub.close();
      return defaultClose();
    };
    return adapter;
  } as never);

  // Serve only once we hear the other processes (or give up waiting and keep retrying).
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 10_000);
  while (!internals.client && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (!internals.client) logger.warn('live adapter: LISTEN not ready yet; serving, it keeps retrying');

  return {
    async close() {
      pubsub.close();
      await pool.end();
    },
  };
}

/** The adapter's table for payloads over NOTIFY's 8000-byte limit (transport scratch, not domain data). */
async function ensureAttachmentsTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [CREATE_LOCK]);
    await client.query(`create table if not exists ${ATTACHMENTS_TABLE} (
      id bigserial unique,
      created_at timestamptz default now(),
      payload bytea
    )`);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
