/**
 * Issue 4 (PRODUCT.md §7 "operators by status"): presence through the real API and real sockets —
 * chosen statuses, several tabs, offline when the last console socket closes, and offline for
 * the users of a server process that died without saying goodbye.
 */
import { and, eq, ne, sum } from 'drizzle-orm';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, operatorPresence, presenceConnections, users } from '../../db/schema';
import type { LiveEvent } from '../../shared/live/feed';
import type { PresenceView } from '../../shared/schemas/presence';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, startTestServer, waitFor, type TestServer } from '../../test/support/server';
import { eventually } from '../../test/support/telephony';
import { endWrapUps, PRESENCE_GRACE_MS, PRESENCE_STALE_MS, sweepPresence } from './presence';

/** A console tab: the browser's live store opens its socket with `presence: true`. */
function consoleSocket(api: ApiClient): Socket {
  return ioClient(api.baseUrl, {
    transports: ['websocket'],
    extraHeaders: { cookie: api.cookie! },
    auth: { presence: true },
    reconnection: false,
    forceNew: true,
  });
}

describe(`operator presence (${engineName()})`, () => {
  let t: TestServer;
  let sup: ApiClient;
  let op: ApiClient;
  let supSocket: Socket;
  /** A third operator whose console tells when a grace period has run out (graceRunsOut). */
  let control: ApiClient;
  const heard: LiveEvent<any>[] = [];
  const names: Record<string, string> = { operator: '话务员 王敏', operator2: '话务员 李娜', 'operator-control': '话务员 对照' };
  const statusOf = async (username: string): Promise<PresenceView | undefined> =>
    ((await sup.get('/api/presence')).body.operators as PresenceView[]).find((p) => p.displayName === names[username]);
  /** Open console sockets of the user counted for this server process. */
  const socketsOf = async (userId: number) =>
    Number(
      (
        await t.database.db
          .select({ n: sum(presenceConnections.sockets) })
          .from(presenceConnections)
          .where(and(eq(presenceConnections.userId, userId), ne(presenceConnections.serverId, 'dead-process')))
      )[0]?.n ?? 0,
    );
  /**
   * Waits until the grace period started by a console just closed has run out, without guessing
   * its length: once the server has counted that disconnect (its grace timer is set right after),
   * the control operator's console opens and closes; grace timers all have one length and fire in
   * the order they were set, so when the control operator has turned offline the subject's grace
   * has run out and been settled too.
   */
  async function graceRunsOut(userId: number, socketsLeft: number) {
    await eventually(async () => (await socketsOf(userId)) === socketsLeft);
    const tab = consoleSocket(control);
    await waitFor(tab, 'ready');
    await eventually(async () => (await statusOf('operator-control'))?.status === 'available');
    tab.close();
    await eventually(async () => (await statusOf('operator-control'))?.status === 'offline', PRESENCE_GRACE_MS + 5000);
  }
  const changes = (userId: number) =>
    heard.filter((e) => e.type === 'presence.changed' && e.data.presence.userId === userId).map((e) => e.data.presence.status);

  beforeAll(async () => {
    t = await startTestServer({ record: true });
    sup = await t.login('supervisor');
    op = await t.login('operator');
    const [model] = await t.database.db.select().from(users).where(eq(users.username, 'operator'));
    await t.database.db
      .insert(users)
      .values({ username: 'operator-control', displayName: names['operator-control']!, roles: ['operator'], passwordHash: model!.passwordHash });
    control = await t.login('operator-control');
    supSocket = sup.socket();
    await waitFor(supSocket, 'ready');
    supSocket.on('event', (e: LiveEvent) => heard.push(e));
  });
  afterAll(async () => {
    supSocket.close();
    await t.close();
  });

  it('refuses anonymous users, other roles and unknown statuses, changing nothing', async () => {
    expect((await ApiClient.anonymous(t.url).request('PUT', '/api/presence', { status: 'break' })).status).toBe(401);
    expect((await sup.request('PUT', '/api/presence', { status: 'break' })).status).toBe(403);
    expect((await (await t.login('liaison-d-housing')).get('/api/presence')).status).toBe(403);
    const bad = await op.request('PUT', '/api/presence', { status: 'offline' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({
      code: 'validation_failed',
      message: '输入有误：状态应为：空闲、通话中、话后处理或小休',
      fields: { status: '状态应为：空闲、通话中、话后处理或小休' },
    });
    expect(await t.database.db.select().from(operatorPresence)).toEqual([]);
    // Every operator is listed, offline until their console opens.
    expect((await statusOf('operator'))?.status).toBe('offline');
    expect((await statusOf('operator2'))?.status).toBe('offline');
  });

  it('opening the console makes an operator available; a chosen status is kept across tabs', async () => {
    const tab1 = consoleSocket(op);
    await waitFor(tab1, 'ready');
    await eventually(async () => (await statusOf('operator'))?.status === 'available');
    const opId = op.user.id as number;
    await eventually(async () => changes(opId).length === 1);

    const brk = await op.request('PUT', '/api/presence', { status: 'break' });
    expect(brk.status).toBe(200);
    expect(brk.body).toMatchObject({ userId: opId, status: 'break', displayName: '话务员 王敏' });
    // Choosing the same status again changes nothing and says nothing.
    expect((await op.request('PUT', '/api/presence', { status: 'break' })).body.version).toBe(brk.body.version);

    const tab2 = consoleSocket(op);
    await waitFor(tab2, 'ready');
    await eventually(async () => (await socketsOf(opId)) === 2);
    tab1.close();
    await graceRunsOut(opId, 1);
    expect((await statusOf('operator'))?.status).toBe('break');

    // A script's socket (no console) neither counts nor changes anything.
    const script = op.socket();
    await waitFor(script, 'ready');
    tab2.close();
    await eventually(async () => (await statusOf('operator'))?.status === 'offline', PRESENCE_GRACE_MS + 3000);
    script.close();
    await eventually(async () => changes(opId).join(',') === 'available,break,offline');

    const stored = (await t.database.db.select().from(events).where(eq(events.type, 'presence.changed'))).filter(
      (e) => (e.payload as any).presence.userId === opId,
    );
    expect(stored.map((e) => [(e.payload as any).previous, (e.payload as any).presence.status, (e.payload as any).reason, e.actorRole])).toEqual([
      ['offline', 'available', 'connected', 'operator'],
      ['available', 'break', 'chosen', 'operator'],
      ['break', 'offline', 'disconnected', 'system'],
    ]);
    expect(stored[0]!.rooms).toEqual(expect.arrayContaining(['role:supervisor', 'role:leader', 'role:operator', `user:${opId}`]));
  });

  it('a page reload (close, then reopen within the grace) does not flap to offline', async () => {
    const opId = op.user.id as number;
    const tab = consoleSocket(op);
    await waitFor(tab, 'ready');
    await eventually(async () => (await statusOf('operator'))?.status === 'available');
    const before = changes(opId).length;
    tab.close();
    // The reload's new socket arrives after the old one's disconnect was counted: the order that could flap.
    await eventually(async () => (await socketsOf(opId)) === 0);
    const again = consoleSocket(op);
    await waitFor(again, 'ready');
    await graceRunsOut(opId, 1);
    expect((await statusOf('operator'))?.status).toBe('available');
    expect(changes(opId).length).toBe(before);
    again.close();
    await eventually(async () => (await statusOf('operator'))?.status === 'offline', PRESENCE_GRACE_MS + 3000);
  });

  it('operators of a server process that died are turned offline by the sweep of a live one', async () => {
    const op2 = await t.login('operator2');
    const op2Id = op2.user.id as number;
    const tab = consoleSocket(op2);
    await waitFor(tab, 'ready');
    await eventually(async () => (await statusOf('operator2'))?.status === 'available');
    // Another process had a console of operator2 open and died: its row stays, nobody refreshes it.
    const long = new Date(Date.now() - PRESENCE_STALE_MS - 5000);
    await t.database.db.insert(presenceConnections).values({ userId: op2Id, serverId: 'dead-process', sockets: 2, seenAt: long });
    const deps = { db: t.database.db, live: t.server.ctx.live, now: () => new Date() };
    // While this process still holds a socket, the sweep leaves operator2 alone.
    expect(await sweepPresence(deps, 'another-live-process')).toEqual([]);
    // The console on this process closes; the disconnect settles nothing while the dead process's row looks fresh…
    await t.database.db.update(presenceConnections).set({ seenAt: new Date() }).where(eq(presenceConnections.serverId, 'dead-process'));
    tab.close();
    await graceRunsOut(op2Id, 0);
    expect((await statusOf('operator2'))?.status).toBe('available');
    // …until it goes stale; then any live process's sweep turns the operator offline.
    await t.database.db.update(presenceConnections).set({ seenAt: long }).where(eq(presenceConnections.serverId, 'dead-process'));
    expect(await sweepPresence(deps, 'another-live-process')).toEqual([op2Id]);
    expect((await statusOf('operator2'))?.status).toBe('offline');
    await eventually(async () => changes(op2Id).join(',') === 'available,offline');
    const last = heard.filter((e) => e.type === 'presence.changed').at(-1)!;
    expect(last.data).toMatchObject({ reason: 'stale', previous: 'available' });
  });

  it('wrap-up ends on the server after WRAP_UP_SECONDS, whatever the tab does (issue 16 item 5)', async () => {
    const tab = consoleSocket(control);
    await waitFor(tab, 'ready');
    await eventually(async () => (await statusOf('operator-control'))?.status === 'available');
    expect((await control.request('PUT', '/api/presence', { status: 'wrap_up' })).status).toBe(200);
    const since = Date.parse((await statusOf('operator-control'))!.since);
    // The tab that would have ended it is gone (a reload that never came back to it): only the server is left.
    const at = (seconds: number) => ({ db: t.database.db, live: t.server.ctx.live, now: () => new Date(since + seconds * 1000), wrapUpSeconds: 30 });
    expect(await endWrapUps(at(29), new Date(since + 29_000))).toEqual([]);
    expect((await statusOf('operator-control'))?.status).toBe('wrap_up');
    expect(await endWrapUps(at(31), new Date(since + 31_000))).toEqual([control.user.id]);
    expect(await endWrapUps(at(32), new Date(since + 32_000))).toEqual([]);
    expect((await statusOf('operator-control'))?.status).toBe('available');
    await eventually(async () =>
      heard.some((e) => e.type === 'presence.changed' && e.data.reason === 'wrap_up_ended' && e.data.presence.userId === control.user.id),
    );
    tab.close();
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
