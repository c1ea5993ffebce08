/**
 * Queue and wallboard queries with a million tickets (server/bench/million-tickets.ts): the
 * queue routes through the console's HTTP API as the screens call them, and the wallboard's
 * ticket figures (PRODUCT.md §7: per state and light, overdue by unit, revisit backlog, satisfaction)
 * as SQL — there is no wallboard route for tickets yet. Each plan is shown with the indexes of
 * migration 0006 and without them (dropped inside a transaction that is rolled back).
 */
import pg from 'pg';
import { CLOSED_STATES, UNDISPATCHED_STATES } from '../../shared/ticket/machine';
import { spawnServer, type ServerProcess } from '../../test/faults/processes';
import { ConsoleClient } from '../demo/console-client';
import { GENERATE_EVENTS, GENERATE_TICKETS } from './million-tickets';
import type { BenchPostgres } from './postgres';
import { distribution, round, type Distribution } from './stats';

export const ISSUE9_INDEXES = ['tickets_open_idx', 'tickets_open_unit_idx', 'tickets_open_assist_idx', 'tickets_decision_idx', 'events_type_at_idx'];

const literals = (states: readonly string[]) => states.map((s) => `'${s}'`).join(', ');
const OPEN = `state not in (${literals(CLOSED_STATES)})`;

/** The SQL behind each timed query (for the routes: what their drizzle query sends, with values inlined). */
export const QUERY_SQL = (unitId: number) => ({
  staffQueue: `select * from tickets where ${OPEN} order by id desc limit 200`,
  unitQueue: `select * from tickets where ${OPEN} and state not in (${literals(UNDISPATCHED_STATES)}) and (lead_unit_id = ${unitId} or assist_unit_ids && array[${unitId}]) order by id desc limit 200`,
  // Issue 17.7 (migration 0018): the first page, oldest first, and the counts of the whole queue.
  decisions: `select id, number, type, source, state, version, round, category_code, lead_unit_id, assist_unit_ids, contact_name, contact_phone, address, description, confidential, call_at, created_at, updated_at, clock_kind, due_at, light, due_provisional, repeat_count, community_unit_id, detail, reply_accepted_at from tickets where decision_since is not null order by decision_since, id limit 100`,
  decisionCounts: `select decision_kinds as kinds, count(*)::int as n from tickets where decision_since is not null group by decision_kinds`,
  perStateLight: `select state, light, count(*) from tickets where ${OPEN} group by state, light`,
  overdueByUnit: `select lead_unit_id, count(*) from tickets where state in ('dispatched', 'in_progress', 'replied') and due_at < now() group by lead_unit_id`,
  revisitBacklog: `select count(*), min(due_at) from tickets where state = 'replied'`,
  satisfaction: `select payload->'revisit'->>'satisfaction' as satisfaction,
                        count(*) filter (where at >= date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai') as today,
                        count(*) as this_month
                 from events where type = 'ticket.revisited' and at >= date_trunc('month', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'
                 group by 1`,
});

/** Issue 16.6: the header search, across every ticket of two years. */
type SearchKey = 'searchAddress' | 'searchCommonWord' | 'searchNumber' | 'searchPhone' | 'searchUnitWords';

export interface QueryFigure {
  key: keyof ReturnType<typeof QUERY_SQL> | 'ticketDetail' | SearchKey;
  label: string;
  via: string;
  latency: Distribution;
  /** Server-side execution of the SQL (EXPLAIN ANALYZE, one run) with the issue-9 indexes… */
  withIndexesMs?: number;
  /** …and without them. */
  withoutIndexesMs?: number;
}

export interface QueriesFigures {
  tickets: number;
  open: number;
  events: number;
  generateSeconds: number;
  sizes: { tickets: string; events: string; newIndexes: string };
  queries: QueryFigure[];
  plans: { key: string; label: string; sql: string; withIndexes: string; withoutIndexes: string }[];
}

/** Warm-up runs before the timed ones: the route's code compiled, its plans cached, its pages read. */
export const WARM_UPS = 20;

async function timeIt(iterations: number, fn: () => Promise<void>, budgetMs = 20_000): Promise<Distribution> {
  for (let i = 0; i < WARM_UPS; i++) await fn();
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < iterations && performance.now() < deadline; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return distribution(samples);
}

export async function benchQueries(opts: { pg: BenchPostgres; tickets: number; iterations: number; log: (s: string) => void }): Promise<QueriesFigures> {
  const { log } = opts;
  const url = await opts.pg.createDatabase('hotline_bench_1m');
  let server: ServerProcess | null = await spawnServer({ env: { DATABASE_URL: url, LOG_LEVEL: 'warn' } });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const t0 = performance.now();
    log(`  generating ${opts.tickets.toLocaleString('en')} tickets by SQL …`);
    // Issue 16.6: the search index is built once after the bulk insert (as a reindex would), timed.
    const searchIndex = (await pool.query(`select pg_get_indexdef('tickets_search_idx'::regclass) as def`)).rows[0].def as string;
    await pool.query('drop index tickets_search_idx');
    await pool.query(GENERATE_TICKETS, [opts.tickets]);
    const indexStart = performance.now();
    await pool.query(searchIndex);
    const searchIndexSeconds = round((performance.now() - indexStart) / 1000, 0);
    log(`  search index (bigrams of number, address, description) built in ${searchIndexSeconds} s`);
    log(`  … and their events`);
    await pool.query(GENERATE_EVENTS);
    // What autovacuum would have done by now on a live system: statistics and the visibility
    // map (without it an index-only scan still visits the table).
    await pool.query('vacuum (analyze) tickets');
    await pool.query('vacuum (analyze) events');
    // And the gigabytes just written on disk: otherwise the checkpointer writes them out during the
    // measurements (a live line never has a few GB of dirty pages at once). Needs a superuser or
    // pg_checkpoint; without it the figures may carry that background write.
    await pool.query('checkpoint').catch((err: Error) => log(`  no checkpoint before measuring (${err.message}): figures may carry the background write`));
    const generateSeconds = round((performance.now() - t0) / 1000, 0);
    const counts = (
      await pool.query(
        `select (select count(*) from tickets) as tickets, (select count(*) from tickets where ${OPEN}) as open, (select count(*) from events) as events`,
      )
    ).rows[0];
    const sizes = (
      await pool.query(
        `select pg_size_pretty(pg_total_relation_size('tickets')) as tickets, pg_size_pretty(pg_total_relation_size('events')) as events,
                               pg_size_pretty((select sum(pg_relation_size(indexrelid)) from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = any($1))) as new_indexes`,
        [ISSUE9_INDEXES],
      )
    ).rows[0];
    log(
      `  ${counts.tickets} tickets (${counts.open} open), ${counts.events} events in ${generateSeconds} s; tickets ${sizes.tickets}, events ${sizes.events}, issue-9 indexes ${sizes.new_indexes}`,
    );

    const unitCode = 'd_chengguan';
    const unitId = Number((await pool.query('select id from units where code = $1', [unitCode])).rows[0].id);
    const openTicket = Number((await pool.query(`select id from tickets where state = 'in_progress' order by id desc limit 1`)).rows[0].id);
    const sup = await ConsoleClient.login(server.url, 'supervisor', 'hotline-demo');
    const liaison = await ConsoleClient.login(server.url, `liaison-${unitCode.replaceAll('_', '-')}`, 'hotline-demo');
    const get = (client: ConsoleClient, path: string) => async () => {
      const res = await client.get(path);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    };
    const sqls = QUERY_SQL(unitId);
    const queries: QueryFigure[] = [];
    const http: [QueryFigure['key'], string, () => Promise<void>][] = [
      ['staffQueue', 'queue snapshot, line staff (GET /api/tickets)', get(sup, '/api/tickets')],
      ['unitQueue', "queue snapshot, one unit's liaison (GET /api/tickets)", get(liaison, '/api/tickets')],
      ['decisions', 'decision queue (GET /api/decisions)', get(sup, '/api/decisions')],
      ['ticketDetail', 'one ticket with clocks and timeline (GET /api/tickets/:id)', get(sup, `/api/tickets/${openTicket}`)],
    ];
    // Issue 16.6: search across all time (the bigram GIN index, the number and phone indexes).
    const sample = (await pool.query(`select number, contact_phone, address from tickets order by id desc offset 5000 limit 1`)).rows[0] as {
      number: string;
      contact_phone: string;
      address: string;
    };
    const search = (client: ConsoleClient, q: string) => async () => {
      const res = await client.post<{ tickets: unknown[] }>('/api/search', { q });
      if (res.status !== 200) throw new Error(`POST /api/search: ${res.status}`);
    };
    http.push(
      ['searchAddress', `search: one address, words (POST /api/search "${sample.address}")`, search(sup, sample.address)],
      ['searchCommonWord', 'search: a word in a fifth of all descriptions, newest 20 (POST /api/search "油烟")', search(sup, '油烟')],
      ['searchNumber', 'search: a ticket number (POST /api/search)', search(sup, sample.number)],
      ['searchPhone', 'search: a full phone number, logged (POST /api/search)', search(sup, sample.contact_phone)],
      ['searchUnitWords', "search: one address as one unit's liaison (POST /api/search)", search(liaison, sample.address)],
    );
    for (const [key, label, fn] of http) {
      const latency = await timeIt(opts.iterations, fn);
      queries.push({ key, label, via: 'HTTP', latency });
      log(`  ${label}: p50 ${round(latency.p50)} ms, p99 ${round(latency.p99)} ms`);
    }
    const wallboard: [keyof typeof sqls, string][] = [
      ['perStateLight', 'wallboard: open tickets per state and light'],
      ['overdueByUnit', 'wallboard: overdue by unit'],
      ['revisitBacklog', 'wallboard: revisit backlog'],
      ['satisfaction', 'wallboard: satisfaction today and this month'],
    ];
    for (const [key, label] of wallboard) {
      const latency = await timeIt(opts.iterations, async () => void (await pool.query(sqls[key])));
      queries.push({ key, label, via: 'SQL', latency });
      log(`  ${label}: p50 ${round(latency.p50, 2)} ms, p99 ${round(latency.p99, 2)} ms`);
    }
    await server.kill('SIGTERM');
    server = null;

    // Plans with the indexes, then without (dropped in a transaction that is rolled back).
    const plans: QueriesFigures['plans'] = [];
    const explain = async (client: pg.PoolClient, q: string) =>
      ((await client.query(`explain (analyze, buffers, costs off) ${q}`)).rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
    const client = await pool.connect();
    try {
      const keys = ['staffQueue', 'unitQueue', 'decisions', 'decisionCounts', 'perStateLight', 'overdueByUnit', 'revisitBacklog', 'satisfaction'] as const;
      for (const key of keys) {
        const label =
          queries.find((q) => q.key === key)?.label ?? (key === 'decisionCounts' ? 'decision queue: its counts per kind (GET /api/decisions)' : key);
        const withIndexes = await explain(client, sqls[key]);
        await client.query('begin');
        for (const name of ISSUE9_INDEXES) await client.query(`drop index ${name}`);
        const withoutIndexes = await explain(client, sqls[key]);
        await client.query('rollback');
        plans.push({ key, label, sql: sqls[key], withIndexes, withoutIndexes });
        const figure = queries.find((q) => q.key === key);
        const exec = (plan: string) => Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
        if (figure) {
          figure.withIndexesMs = exec(withIndexes);
          figure.withoutIndexesMs = exec(withoutIndexes);
        }
      }
    } finally {
      client.release();
    }
    return {
      tickets: Number(counts.tickets),
      open: Number(counts.open),
      events: Number(counts.events),
      generateSeconds,
      sizes: { tickets: sizes.tickets, events: sizes.events, newIndexes: sizes.new_indexes },
      queries,
      plans,
    };
  } finally {
    await server?.kill('SIGTERM');
    await pool.end();
  }
}
