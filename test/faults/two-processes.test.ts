/**
 * Issue 9, scale-out: two console processes on one PostgreSQL, nginx in front with
 * docs/nginx.conf and no sticky sessions — only the socket.io postgres adapter between them.
 * An event committed on one process reaches screens on the other; both processes' clock
 * sweepers run and every light change and reminder is sent exactly once; a rolling restart
 * behind nginx loses no request and no event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../shared/live/feed';
import { testDatabaseUrl } from '../support/db';
import { ApiClient, DEMO_PASSWORD, intake, type ApiResponse } from '../support/server';
import {
  createDatabase,
  expectedSeqs,
  liveClient,
  missingAfterSettling,
  query,
  requireNginx,
  requirePostgres,
  sleep,
  spawnServer,
  startNginx,
  startPgCluster,
  until,
  waitReady,
  type LiveRecorder,
  type NginxProcess,
  type PgCluster,
  type ServerProcess,
} from './processes';

const serverUrl = testDatabaseUrl();
const pgBin = serverUrl ? 'server' : requirePostgres('two processes on one PostgreSQL');
const nginxBin = pgBin ? requireNginx('two processes behind nginx') : null;

const rawSeqs = (rec: LiveRecorder, type?: string) => rec.raw.filter((e) => !type || e.type === type).map((e) => e.seq);
const duplicates = (seqs: number[]) => seqs.filter((s, i) => seqs.indexOf(s) !== i);

describe.skipIf(!pgBin)('two console processes on one PostgreSQL', () => {
  let cluster: PgCluster | null = null;
  let databaseUrl: string;
  const servers: ServerProcess[] = [];
  const live: LiveRecorder[] = [];
  let nginx: NginxProcess | null = null;
  let units: Record<string, number>;

  // The consoles' clock is injected: whatever the real day, they run on a Wednesday morning of an
  // ordinary working week, so the aged tickets below are overdue by the working-day calendar.
  // (Aged by the real date, a ticket dispatched on a Friday was still "normal" on a Sunday.)
  const CONSOLE_NOW = Date.parse('2026-12-09T10:00:00+08:00');
  const offsetSeconds = Math.round((CONSOLE_NOW - Date.now()) / 1000);
  const consoleNow = () => new Date(Date.now() + offsetSeconds * 1000);
  const env = () => ({
    DATABASE_URL: databaseUrl,
    SWEEP_INTERVAL_SECONDS: '1',
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    CLOCK_OFFSET_SECONDS: String(offsetSeconds),
  });
  const login = (baseUrl: string, user: string) => ApiClient.login(baseUrl, user, DEMO_PASSWORD);

  beforeAll(async () => {
    if (serverUrl) {
      databaseUrl = await createDatabase(serverUrl);
    } else {
      cluster = await startPgCluster(pgBin!);
      databaseUrl = await createDatabase(cluster.url);
    }
    // The first process migrates and seeds; the second starts on the migrated database.
    servers.push(await spawnServer({ env: env() }));
    servers.push(await spawnServer({ env: env() }));
    if (nginxBin)
      nginx = await startNginx(
        nginxBin,
        servers.map((s) => s.port),
      );
    const sup = await login(servers[0]!.url, 'supervisor');
    units = Object.fromEntries((await sup.get<{ id: number; code: string }[]>('/api/units')).body.map((u) => [u.code, u.id]));
  });
  afterAll(async () => {
    live.forEach((l) => l.close());
    await nginx?.stop();
    for (const s of servers) await s.kill('SIGTERM');
    await cluster?.destroy();
  });

  const connect = async (baseUrl: string, user = 'supervisor') => {
    const rec = liveClient(await login(baseUrl, user), { baseUrl });
    live.push(rec);
    await waitReady(rec);
    return rec;
  };

  it('an event committed on one process reaches screens connected to the other, once', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const onA = await connect(a.url);
    const onB = await connect(b.url);
    const unitOnB = await connect(b.url, 'liaison-d-chengguan');
    const otherUnitOnA = await connect(a.url, 'liaison-d-housing');

    const viaA = await (await login(a.url, 'operator')).post('/api/tickets', intake({ leadUnitId: units.d_chengguan }));
    const viaB = await (await login(b.url, 'operator')).post('/api/tickets', intake());
    expect([viaA.status, viaB.status]).toEqual([201, 201]);

    const ticketEvents = (rec: LiveRecorder, id: number) => rec.raw.filter((e) => e.ticketId === id).map((e) => e.type);
    await until(
      'both screens to hear of both tickets',
      () => ticketEvents(onB, viaA.body.id).length === 2 && ticketEvents(onA, viaB.body.id).length === 1,
      15_000,
    );
    await until("the unit's screen on B to hear of A's dispatch", () => ticketEvents(unitOnB, viaA.body.id).length === 1, 15_000);
    // Nothing more is coming: a process's broadcasts reach a screen in the order it sent them, so
    // once every screen has heard of a later ticket from each process (one dispatched to each
    // watched unit), whatever either process sent it before has arrived.
    const later: Record<string, number[]> = { d_chengguan: [], d_housing: [] };
    for (const origin of [a, b]) {
      const op = await login(origin.url, 'operator');
      for (const unit of ['d_chengguan', 'd_housing']) {
        const res = await op.post('/api/tickets', intake({ leadUnitId: units[unit], contactPhone: '13900003333' }));
        expect(res.status).toBe(201);
        later[unit]!.push(res.body.id);
      }
    }
    const markers = [...later.d_chengguan!, ...later.d_housing!];
    const dispatched = (rec: LiveRecorder, ids: number[]) => ids.every((id) => ticketEvents(rec, id).includes('ticket.dispatched'));
    await until(
      'every screen to hear of the later tickets from both processes',
      () => dispatched(onA, markers) && dispatched(onB, markers) && dispatched(unitOnB, later.d_chengguan!) && dispatched(otherUnitOnA, later.d_housing!),
      15_000,
    );
    expect(ticketEvents(onB, viaA.body.id)).toEqual(['ticket.registered', 'ticket.dispatched']);
    expect(ticketEvents(onA, viaA.body.id)).toEqual(['ticket.registered', 'ticket.dispatched']);
    expect(ticketEvents(onA, viaB.body.id)).toEqual(['ticket.registered']);
    expect(ticketEvents(onB, viaB.body.id)).toEqual(['ticket.registered']);
    // Rooms hold across processes: the unit on B hears of its dispatch only; another unit nothing.
    expect(ticketEvents(unitOnB, viaA.body.id)).toEqual(['ticket.dispatched']);
    expect(ticketEvents(unitOnB, viaB.body.id)).toEqual([]);
    expect(otherUnitOnA.raw.filter((e) => !markers.includes(e.ticketId!))).toEqual([]);
    [onA, onB, unitOnB, otherUnitOnA].forEach((r) => r.close());
  });

  it.skipIf(!nginxBin)('behind nginx with no sticky sessions: sockets spread over both processes and all hear everything', async () => {
    const connected = () => Promise.all(servers.map(async (s) => (await (await fetch(`${s.url}/api/health`)).json()).sockets.connected as number));
    await until('the earlier screens to be gone', async () => (await connected()).every((n) => n === 0), 10_000);
    const screens = await Promise.all(Array.from({ length: 8 }, () => connect(nginx!.url)));
    const spread = await connected();
    expect(spread.reduce((x, y) => x + y, 0)).toBe(8);
    // Round robin put screens on both processes.
    expect(spread.every((n) => n > 0)).toBe(true);

    const op = await login(nginx!.url, 'operator');
    for (let i = 0; i < 6; i++) expect((await op.post('/api/tickets', intake({ leadUnitId: units.d_environment }))).status).toBe(201);
    for (const rec of screens) {
      const expected = await expectedSeqs(databaseUrl, rec.firstSeq, rec.rooms);
      expect(expected.length).toBeGreaterThanOrEqual(12);
      expect(await missingAfterSettling(rec, expected, 15_000)).toEqual([]);
      expect(duplicates(rawSeqs(rec))).toEqual([]);
    }
    screens.forEach((r) => r.close());
  });

  it('with both processes sweeping every second, each light change and reminder goes out exactly once', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const onA = await connect(a.url);
    const onB = await connect(b.url);
    const op = await login(a.url, 'operator');
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await op.post('/api/tickets', intake({ leadUnitId: units.d_chengguan }))).body.id);
    // The tickets grow old: dispatched 2 to 13 days before the consoles' now (the stored instants
    // are the clocks' truth).
    const now = consoleNow().getTime();
    for (const id of ids) {
      const dispatchedAt = new Date(now - ((id % 12) + 2) * 86_400_000).toISOString();
      await query(databaseUrl, `update tickets set detail = jsonb_set(detail, '{dispatchedAt}', to_jsonb($2::text)) where id = $1`, [id, dispatchedAt]);
    }
    type Notice = { ticket_id: number; key: string; n: number };
    const noticeEvents = () =>
      query<Notice>(
        databaseUrl,
        `select ticket_id, payload->>'key' as key, count(*)::int as n from events
         where type in ('ticket.light_changed', 'ticket.reminded') and ticket_id = any($1::int[]) group by 1, 2`,
        [ids],
      );
    // Wait until every ticket has its notices and several more sweeps by both found nothing new.
    await until('notices for every aged ticket', async () => new Set((await noticeEvents()).map((n) => n.ticket_id)).size === ids.length, 60_000, 250);
    let stable = 0;
    let last = -1;
    await until(
      'the sweeps to settle',
      async () => {
        const total = (await noticeEvents()).length;
        stable = total === last ? stable + 1 : 0;
        last = total;
        return stable >= 8;
      },
      60_000,
      500,
    );

    const notices = await noticeEvents();
    expect(notices.filter((n) => n.n !== 1)).toEqual([]);
    const rows = await query<{ n: number }>(databaseUrl, 'select count(*)::int as n from clock_notices where ticket_id = any($1::int[])', [ids]);
    expect(rows[0]!.n).toBe(notices.length);
    // Each screen, on either process, got each notice exactly once.
    const types = ['ticket.light_changed', 'ticket.reminded'];
    const got = (rec: LiveRecorder) => rec.raw.filter((e: LiveEvent) => types.includes(e.type) && ids.includes(e.ticketId!)).map((e) => e.seq);
    await until('both screens to receive every notice', () => got(onA).length >= notices.length && got(onB).length >= notices.length, 15_000);
    for (const rec of [onA, onB]) {
      expect(got(rec).length).toBe(notices.length);
      expect(duplicates(got(rec))).toEqual([]);
    }
    // Who sent them: both sweepers work the same tickets; the notice rows decide who wins.
    const sentBy = servers.map((s) =>
      s
        .output()
        .split('\n')
        .filter((l) => l.includes('"msg":"clock sweep"'))
        .reduce((sum, l) => sum + (JSON.parse(l) as { notices: number }).notices, 0),
    );
    console.log(`[faults] sweepers: ${notices.length} notices for ${ids.length} tickets; sent by process A ${sentBy[0]}, B ${sentBy[1]}`);
    expect(sentBy[0]! + sentBy[1]!).toBeGreaterThanOrEqual(notices.length);
    onA.close();
    onB.close();
  });

  it.skipIf(!nginxBin)('a rolling restart behind nginx: every request answered, every event delivered', async () => {
    const screens = await Promise.all(Array.from({ length: 4 }, () => connect(nginx!.url)));
    const ops = await Promise.all(['operator', 'operator2'].map((u) => login(nginx!.url, u)));
    const stats = { posts: 0, gets: 0, failed: [] as string[], retried: 0 };
    const acked = new Map<string, number>();
    let stop = false;
    const worker = async (i: number) => {
      const api = ops[i % 2]!;
      for (let n = 0; !stop; n++) {
        const key = `rolling-${i}-${n}`;
        // A client like the intake form: it keeps its Idempotency-Key and tries again on failure.
        for (let attempt = 0; ; attempt++) {
          let res: ApiResponse | null = null;
          try {
            res = await api.post('/api/tickets', intake(), { 'idempotency-key': key });
          } catch (err) {
            stats.failed.push(`POST ${key}: ${(err as Error).message}`);
          }
          if (res?.status === 201 || res?.status === 200) {
            acked.set(key, res.body.id);
            stats.posts++;
            break;
          }
          if (res) stats.failed.push(`POST ${key}: ${res.status}`);
          if (attempt >= 20) throw new Error(`gave up on ${key}`);
          stats.retried++;
          await sleep(200);
        }
        const list = await api.get('/api/tickets?limit=20').catch((err: Error) => ({ status: err.message }) as unknown as ApiResponse);
        if (list.status === 200) stats.gets++;
        else stats.failed.push(`GET: ${list.status}`);
      }
    };
    const load = Array.from({ length: 6 }, (_, i) => worker(i));
    // The restart happens under load: both operators' clients have been answered a few times.
    await until('the load to run', () => stats.posts >= 6 && stats.gets >= 6, 30_000, 20);
    for (let i = 0; i < servers.length; i++) {
      const old = servers[i]!;
      // DEPLOY.md: nginx stops sending to it first (`down` + reload), so no request meets a closing port.
      await nginx!.setDown(old.port, true);
      await old.kill('SIGTERM'); // graceful: finishes what it has, closes its sockets
      expect(await old.exited).toBe(0);
      servers[i] = await spawnServer({ env: env(), port: old.port });
      await nginx!.setDown(old.port, false);
    }
    stop = true;
    await Promise.all(load);
    console.log(`[faults] rolling restart: ${JSON.stringify({ ...stats, failed: stats.failed.length, examples: stats.failed.slice(0, 5) })}`);

    // Every ticket stored once; nothing the clients were told about is missing.
    const keys = [...acked.keys()];
    const rows = await query<{ idempotency_key: string; id: number }>(
      databaseUrl,
      "select idempotency_key, id from tickets where idempotency_key like 'rolling-%'",
    );
    expect(rows.length).toBe(keys.length);
    expect(rows.every((r) => acked.get(r.idempotency_key) === r.id)).toBe(true);
    expect(stats.posts).toBeGreaterThan(10);
    // Zero downtime: no request was answered with an error; nginx moved them to the process that
    // was up. The one thing a reload can do is close a client's idle keep-alive connection to nginx
    // just as a request goes out on it ("fetch failed", no answer at all): browsers resend such a
    // request by themselves, this client resends it with its Idempotency-Key (counted above).
    const answeredWithError = stats.failed.filter((f) => !f.endsWith('fetch failed'));
    expect(answeredWithError, nginx!.errors().split('\n').slice(-20).join('\n')).toEqual([]);
    expect(stats.failed.length).toBeLessThan(stats.posts / 20);
    // The screens were moved too (their process went away) and caught up by seq.
    for (const rec of screens) {
      expect(rec.readies).toBeGreaterThanOrEqual(2);
      const expected = await expectedSeqs(databaseUrl, rec.firstSeq, rec.rooms);
      // On failure: where each drop left the client (reason @ highest seq seen).
      expect(await missingAfterSettling(rec, expected, 20_000), rec.drops.join(' ')).toEqual([]);
    }
    screens.forEach((r) => r.close());
  });
});
