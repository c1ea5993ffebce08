/**
 * Issue 4: catch-up after a dropped connection and after a server restart. A recorder behaves
 * like the browser's live store (client/src/lib/live.ts): it resumes with `feed.resume()` on
 * every (re)connect. The truth it is compared with is the events table: every event in the
 * user's rooms after its starting point, exactly once, no gaps, no duplicates.
 */
import { sql } from 'drizzle-orm';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../db/client';
import { LiveFeed, type LiveEvent } from '../../../shared/live/feed';
import { ZCreateTicketInputSchema } from '../../../shared/schemas/ticket';
import { engineName, openTestDatabase } from '../../../test/support/db';
import { delivered } from '../../../test/support/live';
import { ApiClient, intake, startTestServer, waitFor, type TestServer } from '../../../test/support/server';
import { eventually } from '../../../test/support/telephony';
import { startServer, type RunningServer } from '../../serve';
import { createTicket } from '../../tickets/commands/create-ticket';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { withTransaction } from '../unit-of-work';
import { roomsForUser } from './rooms';
import { CATCH_UP_LIMIT } from './socket-server';

interface Recorder {
  socket: Socket;
  feed: LiveFeed;
  /** Every event as it came over the wire, duplicates included. */
  raw: LiveEvent[];
  /** What the feed let through (what a screen applies). */
  accepted: LiveEvent[];
  readies: number;
  resyncs: number;
  /** The resume points sent, one per (re)connect. */
  handshakes: unknown[];
}

/** Starts from the stream position `from` (as the browser starts from its snapshot's seq). */
function record(api: ApiClient, from: number, baseUrl = api.baseUrl): Recorder {
  const feed = new LiveFeed(from);
  const rec: Recorder = { socket: null as unknown as Socket, feed, raw: [], accepted: [], readies: 0, resyncs: 0, handshakes: [] };
  rec.socket = ioClient(baseUrl, {
    transports: ['websocket'],
    extraHeaders: api.cookie ? { cookie: api.cookie } : {},
    auth: (cb) => {
      const point = feed.resume();
      rec.handshakes.push(point);
      cb(point);
    },
    reconnection: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    forceNew: true,
  });
  rec.socket.on('ready', () => rec.readies++);
  rec.socket.on('resync', () => rec.resyncs++);
  rec.socket.on('event', (e: LiveEvent) => {
    rec.raw.push(e);
    if (feed.accept(e)) rec.accepted.push(e);
  });
  return rec;
}

async function streamPosition(t: { database: { db: TestServer['database']['db'] } }): Promise<number> {
  const [r] = await rowsOf<{ seq: string | number | null }>(t.database.db, sql`select max(seq) as seq from events`);
  return Number(r?.seq ?? 0);
}

/** The events table's answer: every seq after `from` in the rooms of `user`. */
async function expectedSeqs(db: TestServer['database']['db'], user: ApiClient, from: number): Promise<number[]> {
  const rooms = roomsForUser(user.user);
  const rows = await rowsOf<{ seq: string | number }>(
    db,
    sql`select seq from events where seq > ${from} and rooms && ARRAY[${sql.join(
      rooms.map((r) => sql`${r}`),
      sql`, `,
    )}]::text[] order by seq`,
  );
  return rows.map((r) => Number(r.seq));
}

const seqsOf = (list: LiveEvent[]) => list.map((e) => e.seq);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe(`catch-up after a dropped connection (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  beforeAll(async () => {
    t = await startTestServer();
    op = await t.login('operator');
    sup = await t.login('supervisor');
  });
  afterAll(() => t.close());

  it('a client that drops receives exactly the events it missed, once, and nothing twice over the wire', async () => {
    const from = await streamPosition(t);
    const rec = record(sup, from);
    await eventually(async () => rec.readies >= 1);
    await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    await eventually(async () => rec.accepted.length >= 2);

    rec.socket.disconnect();
    const beforeDrop = rec.feed.lastSeq;
    for (let i = 0; i < 4; i++) await op.post('/api/tickets', intake({ contactPhone: `1391234560${i}`, leadUnitId: t.units.d_housing }));
    const missed = await expectedSeqs(t.database.db, sup, beforeDrop);
    expect(missed.length).toBeGreaterThanOrEqual(8);
    const rawBefore = rec.raw.length;

    rec.socket.connect();
    await eventually(async () => rec.readies >= 2);
    await eventually(async () => rec.feed.lastSeq >= missed.at(-1)!);
    // The reconnect asked to resume after what it had, listing what it already applied.
    expect(rec.handshakes.at(-1)).toMatchObject({ lastSeq: from });
    // Over the wire after the reconnect: exactly the missed numbers, in order, each once.
    expect(seqsOf(rec.raw.slice(rawBefore))).toEqual(missed);
    expect(sorted(seqsOf(rec.accepted))).toEqual(await expectedSeqs(t.database.db, sup, from));
    rec.socket.close();
  });

  it('replays a straggler that never arrived even though a later event did', async () => {
    const from = await streamPosition(t);
    await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    const all = await expectedSeqs(t.database.db, sup, from);
    expect(all.length).toBeGreaterThanOrEqual(4);
    // The client applied everything but the second event (published late, lost in a drop).
    const feed = new LiveFeed(from);
    for (const seq of all) if (seq !== all[1]) feed.accept({ seq });
    const point = feed.resume();
    expect(point.lastSeq).toBe(from);
    const s = ioClient(t.url, { transports: ['websocket'], extraHeaders: { cookie: sup.cookie! }, auth: point as never, reconnection: false, forceNew: true });
    const got: LiveEvent[] = [];
    s.on('event', (e: LiveEvent) => got.push(e));
    await waitFor(s, 'ready');
    await delivered(t.server, s);
    expect(seqsOf(got)).toEqual([all[1]]);
    s.close();
  });

  it('a client too far behind is told to reload its snapshot instead of replaying', async () => {
    const from = await streamPosition(t);
    // Written, not published: the client must learn about them from catch-up alone.
    const silent = { publish: () => undefined, connectedClients: () => 0, disconnect: async () => undefined };
    await withTransaction({ db: t.database.db, live: silent }, async (_tx, emit) => {
      for (let i = 0; i < CATCH_UP_LIMIT + 1; i++) {
        emit({
          type: 'policy.versioned',
          actorId: null,
          actorRole: null,
          at: new Date(),
          payload: { code: 'filler', version: i + 1 },
          rooms: ['role:supervisor'],
        });
      }
    });
    const s = sup.socket({ lastSeq: from });
    const got: LiveEvent[] = [];
    s.on('event', (e: LiveEvent) => got.push(e));
    const [resync] = await Promise.all([waitFor<{ reason: string }>(s, 'resync'), waitFor(s, 'ready')]);
    expect(resync.reason).toBe('too_far_behind');
    expect(got).toEqual([]);
    s.close();
  });

  it('live events during a replay leave neither gaps nor duplicates', async () => {
    const from = await streamPosition(t);
    const rec = record(sup, from);
    await eventually(async () => rec.readies >= 1);
    rec.socket.disconnect();
    await Promise.all(Array.from({ length: 12 }, (_, i) => op.post('/api/tickets', intake({ contactPhone: `1370000${String(i).padStart(4, '0')}` }))));
    rec.socket.connect();
    // More tickets while the replay runs.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        op.post('/api/tickets', intake({ contactPhone: `1360000${String(i).padStart(4, '0')}`, leadUnitId: t.units.d_chengguan })),
      ),
    );
    const expected = await expectedSeqs(t.database.db, sup, from);
    await eventually(async () => rec.accepted.length >= expected.length, 10_000);
    await delivered(t.server, rec.socket);
    expect(sorted(seqsOf(rec.accepted))).toEqual(expected);
    expect(new Set(seqsOf(rec.accepted)).size).toBe(rec.accepted.length);
    rec.socket.close();
  });
});

describe(`catch-up across a server restart (${engineName()})`, () => {
  const config = (port: number) =>
    loadConfig({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'test', SESSION_TTL_HOURS: '720', SWEEP_INTERVAL_SECONDS: '0' });
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let server: RunningServer | null = null;
  beforeAll(async () => {
    database = await openTestDatabase({ template: 'demo' });
  });
  afterAll(async () => {
    await server?.close();
    await database.close();
  });

  it('events committed while the server is down reach the reconnecting client exactly once after it restarts', async () => {
    const { seedDemo } = await import('../../demo/seed-demo');
    const seeded = await seedDemo(database.db, { password: 'hotline-demo' });
    server = await startServer({ config: config(0), logger: createLogger('silent'), database });
    const port = server.port;
    const url = `http://127.0.0.1:${port}`;
    const op = await ApiClient.login(url, 'operator', 'hotline-demo');
    const sup = await ApiClient.login(url, 'supervisor', 'hotline-demo');
    const from = await streamPosition({ database });
    const rec = record(sup, from);
    await eventually(async () => rec.readies >= 1);
    await op.post('/api/tickets', intake({ leadUnitId: seeded.units.d_chengguan }));
    await eventually(async () => rec.accepted.length >= 2);

    await server.close();
    server = null;
    await eventually(async () => !rec.socket.connected);
    // The server is down; the line keeps working elsewhere (another process, the CLI): same
    // command, same transaction, nobody to publish to.
    const operator = op.user as { id: number; username: string; displayName: string; roles: ['operator']; unitId: null };
    const silent = { publish: () => undefined, connectedClients: () => 0, disconnect: async () => undefined };
    for (let i = 0; i < 3; i++) {
      const input = ZCreateTicketInputSchema.parse(intake({ contactPhone: `1350000000${i}`, leadUnitId: seeded.units.d_housing }));
      await createTicket({ db: database.db, live: silent, actor: operator, actorRole: 'operator', input, now: new Date() });
    }
    const whileDown = await expectedSeqs(database.db, sup, rec.feed.lastSeq);
    expect(whileDown.length).toBeGreaterThanOrEqual(6);
    const rawBefore = rec.raw.length;

    server = await startServer({ config: config(port), logger: createLogger('silent'), database });
    await eventually(async () => rec.readies >= 2, 15_000);
    await eventually(async () => rec.feed.lastSeq >= whileDown.at(-1)!);
    expect(seqsOf(rec.raw.slice(rawBefore))).toEqual(whileDown);
    // And after the restart the stream is live again.
    const after = await op.post('/api/tickets', intake({ leadUnitId: seeded.units.d_chengguan }));
    await eventually(async () => rec.accepted.some((e) => e.ticketId === after.body.id && e.type === 'ticket.dispatched'));
    expect(sorted(seqsOf(rec.accepted))).toEqual(await expectedSeqs(database.db, sup, from));
    expect(new Set(seqsOf(rec.raw)).size).toBe(rec.raw.length);
    rec.socket.close();
  });
});
