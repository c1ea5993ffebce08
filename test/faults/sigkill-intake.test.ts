/**
 * Issue 9, faults: the console is killed with SIGKILL while 200 clients register intake records
 * with Idempotency-Keys and retry until acknowledged. After a restart every acknowledged ticket
 * exists exactly once, and no key was stored twice.
 *
 * Runs on the engine of the pass: PostgreSQL when DATABASE_URL is set (a fresh database on that
 * server), otherwise the embedded PGlite in a data dir on disk — the same files `npm start` uses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from '../../db/client';
import { testDatabaseUrl } from '../support/db';
import { ApiClient, DEMO_PASSWORD, intake, type ApiResponse } from '../support/server';
import { createDatabase, query, sleep, spawnServer, until, type ServerProcess } from './processes';

const CLIENTS = 200;
const TICKETS_PER_CLIENT = 2;
/** Kill once this many tickets are acknowledged: well into the run, with requests in flight. */
const KILL_AFTER = 60;
const DEADLINE_MS = 180_000;

const serverUrl = testDatabaseUrl();
const engine = serverUrl ? 'postgresql' : 'pglite';

interface Ack {
  id: number;
  number: string;
  status: number;
}

describe(`SIGKILL during intake (${engine}, child process)`, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(`${CLIENTS} clients retrying with idempotency keys: every acknowledged ticket exists exactly once`, { timeout: 300_000 }, async () => {
    let env: Record<string, string>;
    let dataDir: string | null = null;
    if (serverUrl) {
      env = { DATABASE_URL: await createDatabase(serverUrl) };
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-faults-pglite-'));
      env = { DATA_DIR: dataDir };
      cleanups.push(() => rmSync(dataDir!, { recursive: true, force: true }));
    }
    let server: ServerProcess = await spawnServer({ env });
    cleanups.push(() => server.kill('SIGKILL'));
    const port = server.port;
    const users = ['operator', 'operator2', 'supervisor'];
    const apis = await Promise.all(users.map((u) => ApiClient.login(server.url, u, DEMO_PASSWORD)));

    const runId = Date.now().toString(36);
    const acks = new Map<string, Ack>();
    const stats = { inFlight: 0, inFlightAtKill: -1, networkErrors: 0, serverErrors: 0, replayed: 0 };
    const deadline = Date.now() + DEADLINE_MS;

    // The same call, sent again: a retry after a crash carries the record it first sent.
    const bodyOf = (i: number, n: number) =>
      intake({ contactPhone: `139${String(i).padStart(8, '0')}`, description: `噪音扰民，第${n + 1}次来电（客户端${i}）` });
    const client = async (i: number) => {
      const api = apis[i % apis.length]!;
      for (let n = 0; n < TICKETS_PER_CLIENT; n++) {
        const key = `kill-${runId}-${i}-${n}`;
        const body = bodyOf(i, n);
        for (let attempt = 0; ; attempt++) {
          if (Date.now() > deadline) throw new Error(`client ${i} gave up on ${key} after ${attempt} attempts`);
          stats.inFlight++;
          let res: ApiResponse | null = null;
          try {
            res = await api.post('/api/tickets', body, { 'idempotency-key': key });
          } catch {
            stats.networkErrors++; // connection refused or reset: the server is down
          } finally {
            stats.inFlight--;
          }
          if (res && (res.status === 201 || res.status === 200)) {
            if (res.status === 200) stats.replayed++;
            acks.set(key, { id: res.body.id, number: res.body.number, status: res.status });
            break;
          }
          if (res && res.status < 500) throw new Error(`${key}: unexpected ${res.status} ${JSON.stringify(res.body)}`);
          if (res) stats.serverErrors++;
          await sleep(Math.min(1000, 100 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random()));
        }
      }
    };

    const killer = (async () => {
      await until('enough acknowledgements before the kill', () => acks.size >= KILL_AFTER, DEADLINE_MS, 5);
      stats.inFlightAtKill = stats.inFlight;
      await server.kill('SIGKILL');
      // Same port, same data: what a supervisor (systemd, a container runtime) would do.
      server = await spawnServer({ env, port });
    })();

    const t0 = Date.now();
    await Promise.all([killer, ...Array.from({ length: CLIENTS }, (_, i) => client(i))]);
    const summary = { ...stats, acked: acks.size, seconds: (Date.now() - t0) / 1000 };
    console.log(`[faults] sigkill ${engine}: ${JSON.stringify(summary)}`);

    // The kill hit a busy server: requests were in flight and clients saw it fail.
    expect(stats.inFlightAtKill).toBeGreaterThan(0);
    expect(stats.networkErrors).toBeGreaterThan(0);
    expect(acks.size).toBe(CLIENTS * TICKETS_PER_CLIENT);
    // Retrying an acknowledged key after the crash answers with the same ticket, not a new one.
    const sample = [...acks].filter((_, i) => i % 40 === 0);
    for (const [key, ack] of sample) {
      const [i, n] = key.split('-').slice(-2).map(Number) as [number, number];
      const again = await apis[i % apis.length]!.post('/api/tickets', bodyOf(i, n), { 'idempotency-key': key });
      expect({ status: again.status, id: again.body.id }).toEqual({ status: 200, id: ack.id });
    }

    // Read the database itself (PGlite: after a clean stop, from its files).
    type Row = { id: number; idempotency_key: string; number: string };
    let rows: Row[];
    let registered: { ticket_id: number; n: number }[];
    const ticketsSql = `select id, idempotency_key, number from tickets where idempotency_key like 'kill-${runId}-%'`;
    const eventsSql = `select ticket_id, count(*)::int as n from events where type = 'ticket.registered'
                       and ticket_id in (select id from tickets where idempotency_key like 'kill-${runId}-%') group by ticket_id`;
    if (serverUrl) {
      rows = await query<Row>(env.DATABASE_URL!, ticketsSql);
      registered = await query(env.DATABASE_URL!, eventsSql);
      await server.kill('SIGTERM');
    } else {
      await server.kill('SIGTERM');
      const database = await openDatabase({ dataDir: dataDir! });
      try {
        rows = await rowsOf<Row>(database.db, sql.raw(ticketsSql));
        registered = await rowsOf(database.db, sql.raw(eventsSql));
      } finally {
        await database.close();
      }
    }

    // Exactly one row per key: nothing stored twice, whether or not its first answer got through.
    const perKey = new Map<string, Row[]>();
    for (const r of rows) perKey.set(r.idempotency_key, [...(perKey.get(r.idempotency_key) ?? []), r]);
    expect([...perKey.values()].filter((list) => list.length > 1)).toEqual([]);
    expect(rows.length).toBe(acks.size);
    // Every acknowledged ticket exists, with the id and number the client was given.
    const missing = [...acks].filter(([key, ack]) => {
      const row = perKey.get(key)?.[0];
      return !row || Number(row.id) !== ack.id || row.number !== ack.number;
    });
    expect(missing).toEqual([]);
    // And its registration event exists once (the timeline and the live stream agree).
    expect(registered.length).toBe(rows.length);
    expect(registered.every((r) => Number(r.n) === 1)).toBe(true);
  });
});
