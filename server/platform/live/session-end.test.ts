/**
 * Issue 14 item 6: a live connection ends with its session. Real socket.io clients with the
 * session cookie; after each way a session ends the client is disconnected and an event published
 * afterwards does not reach it (it reached it before: the socket was live).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '../../../db/client';
import type { LiveEvent } from '../../../shared/live/feed';
import { engineName, testDatabaseUrl } from '../../../test/support/db';
import { ApiClient, intake, startTestServer, waitFor, type TestServer } from '../../../test/support/server';
import { eventually } from '../../../test/support/telephony';
import { endSessionsOfUser } from '../auth/end-sessions';

interface Watched {
  socket: Socket;
  /** Ids of the tickets whose events arrived. */
  tickets: Set<number>;
  disconnected: Promise<{ reason: string; at: number }>;
}

/** A live screen of `api`'s session, once it is ready. */
async function watch(api: ApiClient): Promise<Watched> {
  const socket = api.socket();
  const tickets = new Set<number>();
  socket.on('event', (e: LiveEvent) => {
    if (e.ticketId !== null) tickets.add(e.ticketId);
  });
  const disconnected = new Promise<{ reason: string; at: number }>((resolve) => socket.on('disconnect', (reason) => resolve({ reason, at: Date.now() })));
  await waitFor(socket, 'ready');
  return { socket, tickets, disconnected };
}

const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);

/** A ticket the watched screens' rooms hear of (every line role), created by the operator. */
async function publish(op: ApiClient): Promise<number> {
  const res = await op.post('/api/tickets', intake());
  expect(res.status).toBe(201);
  return res.body.id as number;
}

/** The server keeps no socket of this user. */
const socketsOf = (t: TestServer, userId: number) => [...t.server.io.of('/').sockets.values()].filter((s) => s.data.auth?.user.id === userId);

describe(`live connections end with their session (${engineName()})`, () => {
  let t: TestServer;
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  let op: ApiClient;
  beforeAll(async () => {
    t = await startTestServer({ now, env: { LIVE_SESSION_CHECK_SECONDS: '0.2' } });
    op = await t.login('operator');
  });
  afterAll(() => t.close());

  it('logout closes the session’s socket at once; a later event does not reach it; it cannot come back', async () => {
    const sup = await t.login('supervisor');
    const screen = await watch(sup);
    const before = await publish(op);
    await eventually(async () => screen.tickets.has(before));

    expect((await sup.post('/api/auth/logout')).status).toBe(200);
    // Closed on the server before the logout answered (this process's sockets, in the request).
    expect(socketsOf(t, sup.user.id)).toHaveLength(0);
    expect((await within(screen.disconnected, 1000, 'disconnect')).reason).toBe('io server disconnect');

    const after = await publish(op);
    await settle();
    expect(screen.tickets.has(after)).toBe(false);

    screen.socket.connect();
    expect((await waitFor<Error>(screen.socket, 'connect_error')).message).toBe('unauthenticated');
    screen.socket.close();
  });

  it('logout ends only that session: the person’s other device stays live', async () => {
    const [desk, wallboard] = [await t.login('leader'), await t.login('leader')];
    const [a, b] = [await watch(desk), await watch(wallboard)];
    expect((await desk.post('/api/auth/logout')).status).toBe(200);
    await within(a.disconnected, 1000, 'disconnect');
    const after = await publish(op);
    await eventually(async () => b.tickets.has(after));
    expect(a.tickets.has(after)).toBe(false);
    expect(b.socket.connected).toBe(true);
    b.socket.close();
  });

  it('logout everywhere closes every socket of the person', async () => {
    const sessions = [await t.login('revisit'), await t.login('revisit')];
    const screens = [await watch(sessions[0]!), await watch(sessions[1]!), await watch(sessions[1]!)];
    expect((await sessions[0]!.post('/api/auth/logout-all')).body.sessionsEnded).toBeGreaterThanOrEqual(2);
    for (const s of screens) expect((await within(s.disconnected, 1000, 'disconnect')).reason).toBe('io server disconnect');
    expect(socketsOf(t, sessions[0]!.user.id)).toHaveLength(0);
    const after = await publish(op);
    await settle();
    for (const s of screens) expect(s.tickets.has(after)).toBe(false);
  });

  it('a new login from a browser that still had a session ends the old one’s sockets', async () => {
    const sup = await t.login('supervisor');
    const screen = await watch(sup);
    const again = await sup.request('POST', '/api/auth/login', { username: 'supervisor', password: 'hotline-demo' });
    expect(again.status).toBe(200);
    expect((await within(screen.disconnected, 1000, 'disconnect')).reason).toBe('io server disconnect');
  });

  it('a role change or a disabled account (endSessionsOfUser) closes the person’s sockets at once', async () => {
    const leader = await t.login('leader');
    const screen = await watch(leader);
    // No route changes roles yet: the change is made in the database and the function any such
    // path must call is called, as a role-change route would.
    await t.database.db.execute(sql`update users set roles = ARRAY['operator'] where id = ${leader.user.id}`);
    try {
      await endSessionsOfUser(t.server.ctx, leader.user.id);
      expect(socketsOf(t, leader.user.id)).toHaveLength(0);
      expect((await within(screen.disconnected, 1000, 'disconnect')).reason).toBe('io server disconnect');
      expect((await leader.get('/api/auth/me')).status).toBe(401);
    } finally {
      await t.database.db.execute(sql`update users set roles = ARRAY['leader'] where id = ${leader.user.id}`);
    }
  });

  it('a change made only in the database is caught by the periodic check: disabled → closed; other roles → reconnected to the new rooms', async () => {
    const liaison = await t.login('liaison-d-housing');
    const screen = await watch(liaison);
    // Another unit: the socket must leave its old unit's room and join the new one.
    await t.database.db.execute(sql`update users set unit_id = ${t.units.d_chengguan} where id = ${liaison.user.id}`);
    const ready = new Promise<{ rooms: string[] }>((resolve) => screen.socket.on('ready', resolve));
    screen.socket.io.reconnection(true);
    try {
      expect((await within(screen.disconnected, 3000, 'transport close')).reason).toBe('transport close');
      const reconnected = await within(ready, 5000, 'reconnect');
      expect(reconnected.rooms).toContain(`unit:${t.units.d_chengguan}`);
      expect(reconnected.rooms).not.toContain(`unit:${t.units.d_housing}`);
    } finally {
      screen.socket.close();
      await t.database.db.execute(sql`update users set unit_id = ${t.units.d_housing} where id = ${liaison.user.id}`);
    }

    const op2 = await t.login('operator2');
    const disabled = await watch(op2);
    await t.database.db.execute(sql`update users set active = false where id = ${op2.user.id}`);
    try {
      expect((await within(disabled.disconnected, 3000, 'disconnect')).reason).toBe('io server disconnect');
      const after = await publish(op);
      await settle();
      expect(disabled.tickets.has(after)).toBe(false);
    } finally {
      await t.database.db.execute(sql`update users set active = true where id = ${op2.user.id}`);
    }
  });

  // Last: it moves this server's clock past every session it has handed out.
  it('when the (injected) clock passes the session’s end, the socket is closed and hears nothing more', async () => {
    const sup = await t.login('supervisor');
    const screen = await watch(sup);
    offsetMs += 721 * 3600_000; // the test server's sessions last 720 hours
    expect((await within(screen.disconnected, 3000, 'disconnect')).reason).toBe('io server disconnect');
    op = await t.login('operator');
    const after = await publish(op);
    await settle();
    expect(screen.tickets.has(after)).toBe(false);
    expect((await sup.get('/api/auth/me')).status).toBe(401);
  });
});

describe(`a socket is closed when its session expires, not later (${engineName()})`, () => {
  let t: TestServer;
  beforeAll(async () => {
    // Sessions of 4 seconds; the periodic check is out of the way: only the expiry timer acts.
    t = await startTestServer({ env: { SESSION_TTL_HOURS: String(4 / 3600), LIVE_SESSION_CHECK_SECONDS: '3600' } });
  });
  afterAll(() => t.close());

  it('disconnects at the session’s expiry', async () => {
    const login = await ApiClient.anonymous(t.url).post('/api/auth/login', { username: 'supervisor', password: 'hotline-demo' });
    const expiresAt = Date.parse(login.body.expiresAt);
    const sup = new ApiClient(t.url, login.headers.get('set-cookie')!.split(';')[0]!, login.body.csrfToken, login.body.user);
    const screen = await watch(sup);
    const { reason, at } = await within(screen.disconnected, 8000, 'disconnect at expiry');
    expect(reason).toBe('io server disconnect');
    expect(at).toBeGreaterThanOrEqual(expiresAt - 5);
    expect(at - expiresAt).toBeLessThan(1000);
    const op = await t.login('operator');
    const after = await publish(op);
    await settle();
    expect(screen.tickets.has(after)).toBe(false);
  });
});

/** A database on the PostgreSQL server whose URL both processes are given (the adapter needs it). */
async function sharedDatabase(serverUrl: string): Promise<{ url: string; database: Database }> {
  const name = `hotline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await migrateDatabase(database);
  return { url: url.toString(), database };
}

describe.skipIf(!testDatabaseUrl())('across processes on one PostgreSQL (the postgres adapter)', () => {
  let shared: { url: string; database: Database };
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    shared = await sharedDatabase(testDatabaseUrl()!);
    a = await startTestServer({ database: shared.database, env: { DATABASE_URL: shared.url } });
    b = await startTestServer({ database: shared.database, env: { DATABASE_URL: shared.url } });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await shared?.database.close();
  });

  it('logout on one process closes the session’s socket on the other', async () => {
    const op = await ApiClient.login(a.url, 'operator', 'hotline-demo');
    const sup = await ApiClient.login(a.url, 'supervisor', 'hotline-demo');
    const onB = await watch(new ApiClient(b.url, sup.cookie, sup.csrfToken, sup.user));
    const before = await publish(op);
    await eventually(async () => onB.tickets.has(before)); // A's events reach B's screens
    expect((await sup.post('/api/auth/logout')).status).toBe(200);
    expect((await within(onB.disconnected, 3000, 'disconnect on the other process')).reason).toBe('io server disconnect');
    const after = await publish(op);
    await settle();
    expect(onB.tickets.has(after)).toBe(false);
  });

  it('logout everywhere on one process closes the person’s sockets on both', async () => {
    const op = await ApiClient.login(b.url, 'operator', 'hotline-demo');
    const first = await ApiClient.login(a.url, 'leader', 'hotline-demo');
    const second = await ApiClient.login(b.url, 'leader', 'hotline-demo');
    const screens = [await watch(first), await watch(new ApiClient(b.url, first.cookie, first.csrfToken, first.user)), await watch(second)];
    expect((await first.post('/api/auth/logout-all')).status).toBe(200);
    for (const s of screens) expect((await within(s.disconnected, 3000, 'disconnect')).reason).toBe('io server disconnect');
    const after = await publish(op);
    await settle();
    for (const s of screens) expect(s.tickets.has(after)).toBe(false);
  });
});
