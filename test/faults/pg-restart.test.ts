/**
 * Issue 9, faults: PostgreSQL restarts while operators register tickets. The console process
 * stays up and reconnects by itself; clients see errors while the database is down, then
 * succeed again; live screens end up with every committed event of their rooms, checked by
 * sequence number against the events table.
 *
 * Uses its own throwaway cluster (we must be allowed to restart it), started like .ci/run does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_PASSWORD, intake, type ApiResponse } from '../support/server';
import {
  createDatabase,
  expectedSeqs,
  liveClient,
  missingAfterSettling,
  requirePostgres,
  sleep,
  spawnServer,
  startPgCluster,
  until,
  waitReady,
  type LiveRecorder,
  type PgCluster,
  type ServerProcess,
} from './processes';

const bin = requirePostgres('PostgreSQL restart under load');
const LOAD_CLIENTS = 20;

describe.skipIf(!bin)('PostgreSQL restart under load (console as a child process)', () => {
  let cluster: PgCluster;
  let databaseUrl: string;
  let server: ServerProcess;
  const live: LiveRecorder[] = [];

  beforeAll(async () => {
    cluster = await startPgCluster(bin!);
    databaseUrl = await createDatabase(cluster.url);
    server = await spawnServer({ env: { DATABASE_URL: databaseUrl } });
  });
  afterAll(async () => {
    live.forEach((l) => l.close());
    await server?.kill('SIGTERM');
    await cluster?.destroy();
  });

  it('reconnects by itself; errors during the outage, then recovery; no event lost for live screens', async () => {
    const [operator, operator2, supervisor, liaison] = await Promise.all(
      ['operator', 'operator2', 'supervisor', 'liaison-d-chengguan'].map((u) => ApiClient.login(server.url, u, DEMO_PASSWORD)),
    );
    const units = (await supervisor!.get<{ id: number; code: string }[]>('/api/units')).body;
    const chengguan = units.find((u) => u.code === 'd_chengguan')!.id;
    const supLive = liveClient(supervisor!);
    const unitLive = liveClient(liaison!);
    live.push(supLive, unitLive);
    await Promise.all([waitReady(supLive), waitReady(unitLive)]);

    /** Each attempt by the time it started. */
    const log: { at: number; ok: boolean }[] = [];
    const acked = new Map<string, number>();
    let stop = false;
    const loadClient = async (i: number) => {
      const api = i % 2 ? operator! : operator2!;
      for (let n = 0; !stop; n++) {
        const key = `restart-${i}-${n}`;
        // Half go straight to the unit, so the liaison's screen has traffic too.
        const body = intake({ contactPhone: `137${String(i).padStart(8, '0')}`, ...(n % 2 ? { leadUnitId: chengguan } : {}) });
        for (let attempt = 0; attempt < 200; attempt++) {
          let res: ApiResponse | null = null;
          const startedAt = Date.now();
          try {
            res = await api.post('/api/tickets', body, { 'idempotency-key': key });
          } catch {
            /* connection trouble counts as an error below */
          }
          const ok = res?.status === 201 || res?.status === 200;
          log.push({ at: startedAt, ok });
          if (ok) {
            acked.set(key, res!.body.id);
            break;
          }
          if (res && res.status < 500) throw new Error(`${key}: unexpected ${res.status} ${JSON.stringify(res.body)}`);
          await sleep(150 + Math.random() * 150);
        }
      }
    };
    const load = Array.from({ length: LOAD_CLIENTS }, (_, i) => loadClient(i));

    // Under way first (bounded waits, not fixed sleeps: a busy CI box may be slow to get going).
    await until('tickets acknowledged before the restart', () => log.filter((r) => r.ok).length >= 10, 60_000, 50);
    const pidBefore = cluster.pid();
    const downAt = Date.now();
    await cluster.restart(1500);
    const upAt = Date.now();
    expect(cluster.pid()).not.toBe(pidBefore);
    await until('tickets acknowledged after the restart', () => log.filter((r) => r.ok && r.at > upAt + 1000).length >= 20, 60_000, 50);
    stop = true;
    await Promise.all(load);

    // The same console process, still serving, never restarted.
    expect(server.child.exitCode, server.output()).toBeNull();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const before = log.filter((r) => r.at < downAt);
    const during = log.filter((r) => r.at >= downAt && r.at <= upAt);
    const after = log.filter((r) => r.at > upAt + 1000);
    const summary = {
      okBefore: before.filter((r) => r.ok).length,
      errorsDuringOutage: during.filter((r) => !r.ok).length,
      okAfter: after.filter((r) => r.ok).length,
      errorsAfter: after.filter((r) => !r.ok).length,
      acked: acked.size,
    };
    expect(summary.okBefore).toBeGreaterThan(0);
    expect(summary.errorsDuringOutage).toBeGreaterThan(0);
    expect(summary.okAfter).toBeGreaterThan(0);
    expect(summary.errorsAfter).toBe(0);

    // Sequence numbers: every committed event of the screen's rooms reached it, none invented.
    for (const rec of [supLive, unitLive]) {
      const expected = await expectedSeqs(databaseUrl, rec.firstSeq, rec.rooms);
      expect(expected.length).toBeGreaterThan(0);
      const missing = await missingAfterSettling(rec, expected);
      const story = `rooms ${rec.rooms.join(',')}; first seq ${rec.firstSeq}; readies ${rec.readies}; drops ${rec.drops.join(',')}; received ${rec.raw.map((e) => e.seq).join(',')}`;
      expect(missing, story).toEqual([]);
      const known = new Set(expected);
      expect(rec.accepted.filter((e) => e.seq > rec.firstSeq && !known.has(e.seq)).map((e) => e.seq)).toEqual([]);
      expect(rec.resyncs).toBe(0);
    }
    // Every acknowledged ticket's registration reached the supervisor's screen.
    const registered = new Set(supLive.accepted.filter((e) => e.type === 'ticket.registered').map((e) => e.ticketId));
    expect([...acked.values()].filter((id) => !registered.has(id))).toEqual([]);
    console.log(
      `[faults] pg restart: ${JSON.stringify({ ...summary, outageMs: upAt - downAt, supervisorEvents: supLive.accepted.length, duplicatesDropped: supLive.raw.length - supLive.accepted.length, reconnects: supLive.readies - 1 })}`,
    );
  });
});
