/**
 * Issue 14 item 5: what anonymous Open311 list readers cost the operators. One operator registers
 * and dispatches tickets back to back (POST /api/tickets, as Ctrl+Enter does) — first alone, then
 * while 20 anonymous clients read the public request list (GET /open311/v2/requests.json with
 * its defaults) as fast as they can, each from its own address, on a database holding 1,000
 * requests filed through Open311. The console runs as its own process on PostgreSQL with its
 * default configuration (only the per-key quota is lifted, to seed the requests).
 */
import { loadavg } from 'node:os';
import { spawnServer } from '../../test/faults/processes';
import { ConsoleClient } from '../demo/console-client';
import { closedLoop, distribution, round, type Distribution } from './stats';

export interface LoadFigure {
  clients: number;
  perSecond: number;
  latency: Distribution;
  errors: number;
}

export interface Open311Figures {
  /** Requests filed through Open311 in the database before measuring. */
  seeded: number;
  readers: number;
  durationSeconds: number;
  /** The operator's intake alone. */
  intakeAlone: LoadFigure;
  /** The operator's intake while the readers run. */
  intakeWithReaders: LoadFigure;
  /** The readers' list reads meanwhile. */
  reads: LoadFigure & { bytesPerRead: number; requestsPerRead: number; refused: Record<string, number> };
  /** Load average (1 min) when the section ran: the figure is only as quiet as the machine. */
  loadAverage: number;
  at: string;
}

const DESCRIPTIONS = ['楼下饭店油烟很大，晚上十点还在排放', '小区门口有人占道经营', '路灯坏了一个星期', '楼上装修噪音太大', '垃圾箱满了没人清运'];
const ADDRESSES = ['涞坊路1111弄12号', '九亭大街300号', '沪亭北路218弄5号', '易富路66弄3号'];
const SERVICES = ['noise', 'sanitation', 'roads_lights', 'parking', 'cooking_fumes'];

export async function benchOpen311(opts: {
  databaseUrl: string;
  readers: number;
  seed: number;
  durationMs: number;
  warmupMs: number;
  log: (s: string) => void;
}): Promise<Open311Figures> {
  const { log } = opts;
  const server = await spawnServer({
    env: { DATABASE_URL: opts.databaseUrl, LOG_LEVEL: 'warn', OPEN311_KEY_REQUESTS_PER_HOUR: '1000000' },
  });
  try {
    const t0 = performance.now();
    const file = async (worker: number, i: number) => {
      const res = await fetch(`${server.url}/open311/v2/requests.json`, {
        method: 'POST',
        // The console trusts X-Forwarded-For from loopback (its proxy): each worker is a client of its own.
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'x-forwarded-for': `10.10.0.${worker + 1}` },
        body: new URLSearchParams({
          api_key: 'demo-open311-key',
          service_code: SERVICES[i % SERVICES.length]!,
          address_string: ADDRESSES[i % ADDRESSES.length]!,
          phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
          description: DESCRIPTIONS[i % DESCRIPTIONS.length]!,
          first_name: '伟',
          last_name: '张',
        }).toString(),
      });
      await res.text();
      if (res.status !== 200) throw new Error(`POST /open311/v2/requests.json ${res.status}`);
    };
    const workers = 8;
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let i = w; i < opts.seed; i += workers) await file(w, i);
      }),
    );
    log(`  seeded ${opts.seed} Open311 requests in ${round((performance.now() - t0) / 1000, 1)} s`);

    const operator = await ConsoleClient.login(server.url, 'operator', 'hotline-demo');
    const units = ((await operator.get('/api/units')).body as { id: number }[]).map((u) => u.id);
    const runId = Date.now().toString(36);
    const intake = (phase: string) => async (worker: number, i: number) => {
      const res = await operator.post(
        '/api/tickets',
        {
          type: 'complaint_help',
          contactName: '刘先生',
          contactPhone: `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
          address: ADDRESSES[i % ADDRESSES.length],
          description: DESCRIPTIONS[i % DESCRIPTIONS.length],
          leadUnitId: units[i % units.length],
        },
        { 'idempotency-key': `bench-open311-${runId}-${phase}-${worker}-${i}` },
      );
      if (res.status !== 201) throw new Error(`POST /api/tickets ${res.status}`);
    };
    const figure = (clients: number, r: Awaited<ReturnType<typeof closedLoop>>): LoadFigure => ({
      clients,
      perSecond: round(r.latencies.length / r.seconds, 1),
      latency: distribution(r.latencies),
      errors: r.errors,
    });

    await closedLoop(1, opts.warmupMs, intake('warm'));
    const alone = figure(1, await closedLoop(1, opts.durationMs, intake('alone')));
    log(`  operator intake alone: p50 ${round(alone.latency.p50)} ms, p99 ${round(alone.latency.p99)} ms (${alone.perSecond}/s)`);

    let stop = false;
    let bytes = 0;
    let rows = 0;
    const readLatencies: number[] = [];
    let readErrors = 0;
    let refused: Record<string, number> = {};
    const readers = Array.from({ length: opts.readers }, async (_, r) => {
      while (!stop) {
        const t = performance.now();
        try {
          const res = await fetch(`${server.url}/open311/v2/requests.json`, { headers: { 'x-forwarded-for': `10.20.0.${r + 1}` } });
          const text = await res.text();
          if (res.status !== 200) {
            refused[res.status] = (refused[res.status] ?? 0) + 1;
            continue;
          }
          readLatencies.push(performance.now() - t);
          bytes += text.length;
          rows += text.split('"service_request_id"').length - 1;
        } catch {
          readErrors++;
        }
      }
    });
    await closedLoop(1, opts.warmupMs, intake('warm-readers'));
    readLatencies.length = 0;
    bytes = 0;
    rows = 0;
    refused = {};
    const measuredFrom = performance.now();
    const withReaders = figure(1, await closedLoop(1, opts.durationMs, intake('readers')));
    const readSeconds = (performance.now() - measuredFrom) / 1000;
    stop = true;
    await Promise.all(readers);
    const reads = {
      clients: opts.readers,
      perSecond: round(readLatencies.length / readSeconds, 0),
      latency: distribution(readLatencies),
      errors: readErrors,
      bytesPerRead: readLatencies.length ? Math.round(bytes / readLatencies.length) : 0,
      requestsPerRead: readLatencies.length ? Math.round(rows / readLatencies.length) : 0,
      refused: { ...refused },
    };
    log(
      `  operator intake with ${opts.readers} Open311 list readers: p50 ${round(withReaders.latency.p50)} ms, p99 ${round(withReaders.latency.p99)} ms (${withReaders.perSecond}/s)`,
    );
    log(
      `  the readers: ${reads.perSecond} lists/s, p50 ${round(reads.latency.p50)} ms, p99 ${round(reads.latency.p99)} ms, ${reads.requestsPerRead} requests (${round(reads.bytesPerRead / 1024, 1)} KiB) per read, refused ${JSON.stringify(reads.refused)}, ${reads.errors} errors`,
    );
    return {
      seeded: opts.seed,
      readers: opts.readers,
      durationSeconds: opts.durationMs / 1000,
      intakeAlone: alone,
      intakeWithReaders: withReaders,
      reads,
      loadAverage: round(loadavg()[0] ?? 0, 2),
      at: new Date().toISOString(),
    };
  } finally {
    await server.kill('SIGTERM');
  }
}
