/**
 * Ticket creation through the HTTP API on real PostgreSQL (POST /api/tickets with an
 * Idempotency-Key and a lead unit: register + dispatch, as Ctrl+Enter does), at several
 * numbers of concurrent clients; and, in the same run on the same database, raw one-row
 * INSERTs through `pg` with the same pool size the console uses (10), as the ceiling.
 */
import pg from 'pg';
import { spawnServer } from '../../test/faults/processes';
import { ConsoleClient } from '../demo/console-client';
import { cpuMeter, type CpuShares } from './cpu-meter';
import { recordIntakeSql, replayIntake } from './intake-replay';
import { closedLoop, distribution, round, type Distribution } from './stats';

export interface ThroughputFigure {
  clients: number;
  perSecond: number;
  latency: Distribution;
  errors: number;
  /** What the database sessions were doing, sampled every 100 ms (share of busy samples). */
  waits?: { what: string; share: number }[];
  /** CPU in cores (1 = one core busy all the time): the whole machine, the console, the load generator (cpu-meter.ts). */
  cpu?: CpuShares;
  /**
   * Tickets/s of every run of this level, in the order they ran, when it was measured more than
   * once (`--repeat`): the figure above is the median run's. On a shared 2-core box runs an hour
   * apart differ by ±15 %; the spread says how far one figure may be trusted.
   */
  runs?: number[];
}

export interface IntakeFigures {
  api: ThroughputFigure[];
  raw: ThroughputFigure[];
  /** Issue 17.5: the intake's own statements replayed through pg (intake-replay.ts), same levels. */
  replay?: ThroughputFigure[];
  /** Statements one intake sends (with its session lookup). */
  statements?: number;
  /**
   * The same clients when every call is about one of five busy places (a burst about a few
   * matters): each intake reads up to 200 earlier tickets, links them, and updates the matter's
   * supervision candidate under its row lock.
   */
  burst?: ThroughputFigure;
  /** Issue 17.5: two console processes on the one database, clients split between them. */
  twoProcesses?: { clients: number; perSecond: number; latency: Distribution; errors: number; oneProcess: number; cpu?: CpuShares };
  durationSeconds: number;
  /** Runs of each API level (the median one is reported). */
  repeat?: number;
}

const DESCRIPTIONS = [
  '楼下饭店油烟很大，晚上十点还在排放，影响休息',
  '小区门口有人占道经营，早上堵住通道',
  '路灯坏了一个星期，晚上走路不安全',
  '楼上装修噪音太大，周末早上七点就开始',
  '垃圾箱满了没人清运，气味很大',
];
const ADDRESSES = ['涞坊路1111弄12号', '九亭大街300号', '沪亭北路218弄5号', '九新公路88号', '易富路66弄3号'];

export async function benchIntake(opts: {
  databaseUrl: string;
  levels: number[];
  durationMs: number;
  warmupMs: number;
  /** How many times each API level is measured, the levels taking turns (1, 50, 200, 1, 50, 200, …). */
  repeat: number;
  log: (s: string) => void;
  /** Write the console's CPU profile (node --cpu-prof) into this folder when it exits. */
  cpuProfileDir?: string | undefined;
}): Promise<IntakeFigures> {
  const { log } = opts;
  const nodeArgs = opts.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`] : [];
  const server = await spawnServer({ env: { DATABASE_URL: opts.databaseUrl, LOG_LEVEL: 'warn' }, nodeArgs });
  try {
    const logins = await Promise.all(['operator', 'operator2', 'supervisor'].map((u) => ConsoleClient.login(server.url, u, 'hotline-demo')));
    const units = ((await logins[0]!.get('/api/units')).body as { id: number; kind: string }[]).map((u) => u.id);
    const runId = Date.now().toString(36);
    // An ordinary day: every call from its own number about a place of its own (a numbered house
    // on a road outside the town's address book, so no two calls are the same matter). The burst
    // below: one of five busy places.
    let house = 0;
    const bodyOf = (worker: number, i: number, place: 'own' | 'busy' = 'own') => ({
      type: 'complaint_help',
      contactName: '刘先生',
      contactPhone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      address: place === 'busy' ? ADDRESSES[i % ADDRESSES.length]! : `九亭测试路${++house}号`,
      description: DESCRIPTIONS[(worker + i) % DESCRIPTIONS.length],
      leadUnitId: units[(worker + i) % units.length],
    });
    const create =
      (level: number, phase: string, clients = logins, place: 'own' | 'busy' = 'own') =>
      async (worker: number, i: number) => {
        const api = clients[worker % clients.length]!;
        const res = await api.post('/api/tickets', bodyOf(worker, i, place), { 'idempotency-key': `bench-${runId}-${phase}-${level}-${worker}-${i}` });
        if (res.status !== 201) throw new Error(`POST /api/tickets ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
      };

    const measureApi = async (level: number, place: 'own' | 'busy', run = 0): Promise<ThroughputFigure> => {
      await closedLoop(level, opts.warmupMs, create(level, `warm${run}-${place}`, logins, place));
      const sampler = sampleWaits(opts.databaseUrl);
      const meter = cpuMeter([server.pid]);
      const r = await closedLoop(level, opts.durationMs, create(level, `run${run}-${place}`, logins, place));
      const cpu = meter.stop();
      const waits = await sampler.stop();
      const fig = {
        clients: level,
        perSecond: round(r.latencies.length / r.seconds, 0),
        latency: distribution(r.latencies),
        errors: r.errors,
        waits,
        cpu,
      };
      log(
        `  API ${level} clients${place === 'busy' ? ', a burst about five places' : ''}: ${fig.perSecond} tickets/s, p50 ${round(fig.latency.p50)} ms, p99 ${round(fig.latency.p99)} ms, ${r.errors} errors${r.firstError ? ` (${r.firstError})` : ''}`,
      );
      log(
        `    CPU, cores: console ${cpu.console}, load generator ${cpu.bench}, the machine ${cpu.machine}; database sessions: ${waits.map((w) => `${w.what} ${Math.round(w.share * 100)}%`).join(', ')}`,
      );
      return fig;
    };
    const runs = opts.levels.map((): ThroughputFigure[] => []);
    for (let run = 0; run < opts.repeat; run++) {
      for (const [i, level] of opts.levels.entries()) runs[i]!.push(await measureApi(level, 'own', run));
    }
    const api = runs.map(medianRun);
    if (opts.repeat > 1)
      log(`  API, median of ${opts.repeat} runs: ${api.map((a) => `${a.clients} clients ${a.perSecond}/s (${a.runs!.join(', ')})`).join('; ')}`);
    const burst = await measureApi(Math.min(50, Math.max(...opts.levels)), 'busy');

    // The ceiling: one-row INSERTs of a ticket-sized row, autocommit, through a pool of 10.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    await pool.query(`create table if not exists bench_raw_inserts (
      id bigserial primary key, number text not null, contact_phone text not null, address text not null,
      description text not null, detail jsonb not null, created_at timestamptz not null default now())`);
    const detail = JSON.stringify({ state: 'registered', version: 1, flags: { warning: false } });
    const insert = (level: number) => async (worker: number, i: number) => {
      await pool.query('insert into bench_raw_inserts (number, contact_phone, address, description, detail) values ($1, $2, $3, $4, $5)', [
        `RAW-${level}-${worker}-${i}`,
        `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        ADDRESSES[i % ADDRESSES.length],
        DESCRIPTIONS[i % DESCRIPTIONS.length],
        detail,
      ]);
    };
    const raw: ThroughputFigure[] = [];
    try {
      for (const level of opts.levels) {
        await closedLoop(level, opts.warmupMs, insert(level));
        const r = await closedLoop(level, opts.durationMs, insert(level));
        const fig = { clients: level, perSecond: round(r.latencies.length / r.seconds, 0), latency: distribution(r.latencies), errors: r.errors };
        log(`  raw INSERT ${level} clients: ${fig.perSecond} rows/s, p50 ${round(fig.latency.p50, 2)} ms, p99 ${round(fig.latency.p99, 2)} ms`);
        raw.push(fig);
      }
    } finally {
      await pool.end();
    }

    // Issue 17.5: the same intake's statements through pg, no console in between.
    const recorded = await recordIntakeSql(opts.databaseUrl, bodyOf(0, 1), bodyOf(0, 0));
    log(`  one intake sends ${recorded.statements.length} statements (session lookup included)`);
    const replayPool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    const replay: ThroughputFigure[] = [];
    let n = 0;
    const replayOne = async () => {
      const client = await replayPool.connect();
      try {
        await replayIntake(client, recorded, n++);
      } finally {
        client.release();
      }
    };
    try {
      for (const level of opts.levels) {
        await closedLoop(level, opts.warmupMs, replayOne);
        const meter = cpuMeter([]);
        const r = await closedLoop(level, opts.durationMs, replayOne);
        const cpu = meter.stop();
        const fig = { clients: level, perSecond: round(r.latencies.length / r.seconds, 0), latency: distribution(r.latencies), errors: r.errors, cpu };
        log(
          `  SQL replay ${level} clients: ${fig.perSecond} intakes/s, p50 ${round(fig.latency.p50, 2)} ms, p99 ${round(fig.latency.p99, 2)} ms, the machine's CPU ${cpu.machine} cores (replayer ${cpu.bench})${r.firstError ? ` (${r.firstError})` : ''}`,
        );
        replay.push(fig);
      }
    } finally {
      await replayPool.end();
    }

    // Issue 17.5: a second console process on the same database, the clients split between the two.
    const level = Math.max(...opts.levels);
    const second = await spawnServer({ env: { DATABASE_URL: opts.databaseUrl, LOG_LEVEL: 'warn' }, seedDemo: false });
    let twoProcesses: IntakeFigures['twoProcesses'];
    try {
      const both = [logins[0]!, await ConsoleClient.login(second.url, 'operator2', 'hotline-demo')];
      await closedLoop(level, opts.warmupMs, create(level, 'warm2', both));
      const meter = cpuMeter([server.pid, second.pid]);
      const r = await closedLoop(level, opts.durationMs, create(level, 'run2', both));
      const cpu = meter.stop();
      const one = api.find((a) => a.clients === level)?.perSecond ?? 0;
      twoProcesses = {
        clients: level,
        perSecond: round(r.latencies.length / r.seconds, 0),
        latency: distribution(r.latencies),
        errors: r.errors,
        oneProcess: one,
        cpu,
      };
      log(
        `  two processes, ${level} clients: ${twoProcesses.perSecond} tickets/s (one process: ${one}/s), p99 ${round(twoProcesses.latency.p99)} ms; CPU, cores: consoles ${cpu.console}, load generator ${cpu.bench}, the machine ${cpu.machine}`,
      );
    } finally {
      await second.kill('SIGTERM');
    }
    return { api, burst, raw, replay, statements: recorded.statements.length, twoProcesses, durationSeconds: opts.durationMs / 1000, repeat: opts.repeat };
  } finally {
    await server.kill('SIGTERM');
  }
}

/** The run of median throughput among runs of one level, with every run's tickets/s beside it. */
function medianRun(figures: ThroughputFigure[]): ThroughputFigure {
  const median = [...figures].sort((a, b) => a.perSecond - b.perSecond)[Math.floor((figures.length - 1) / 2)];
  if (!median) throw new Error('a level measured no run');
  return figures.length > 1 ? { ...median, runs: figures.map((f) => f.perSecond) } : median;
}

/**
 * Samples pg_stat_activity of the bench database every 100 ms: what the console's sessions wait
 * for (a row lock, the client, I/O) tells where the time of a ticket goes.
 */
function sampleWaits(databaseUrl: string) {
  const name = new URL(databaseUrl).pathname.slice(1);
  const counts = new Map<string, number>();
  let total = 0;
  let stopped = false;
  const client = new pg.Client({ connectionString: databaseUrl });
  const loop = (async () => {
    await client.connect();
    while (!stopped) {
      const rows = (
        await client.query(
          `select case when wait_event is not null then wait_event_type || ':' || wait_event else 'running' end as what, count(*)::int as n
           from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and state <> 'idle' group by 1`,
          [name],
        )
      ).rows as { what: string; n: number }[];
      for (const r of rows) {
        counts.set(r.what, (counts.get(r.what) ?? 0) + r.n);
        total += r.n;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    await client.end();
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return [...counts]
        .map(([what, c]) => ({ what, share: total ? c / total : 0 }))
        .sort((a, b) => b.share - a.share)
        .slice(0, 5);
    },
  };
}
