/** docs/PERFORMANCE.md and the terminal summary, from the figures of one `npm run bench`. */
import type { BenchFigures } from './figures';
import { machineLines } from './machine';
import { WARM_UPS } from './queries';
import { clientSummaryRows, renderClientSection } from './report-client';
import { intakeSummaryRows, renderIntakeSection } from './report-intake';
import { lighthouseSummaryRows, renderLighthouseSection } from './report-lighthouse';
import { open311SummaryRows, renderOpen311Section } from './report-open311';
import { renderRestartSection, restartSummaryRows } from './report-restart';
import { kib, markdownTable, mib, ms, ratio, round } from './stats';

const n = (x: number) => x.toLocaleString('en');

/** One row per claim of issue 9: what was measured, and the figure. */
export function summaryRows(f: BenchFigures): string[][] {
  const rows: string[][] = [];
  const { fanOut, queries, classify, forecast } = f;
  for (const r of forecast?.runs ?? []) {
    const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
    rows.push([
      `call forecast error, demo history of ${r.historyDays} days (last 4 weeks)`,
      `MAPE per day ${pct(r.mapeDay)}, per half-hour ${pct(r.mapeHalfHour)}, WAPE per half-hour ${pct(r.wapeHalfHour)}`,
    ]);
  }
  rows.push(...intakeSummaryRows(f));
  if (fanOut) {
    rows.push([
      `live fan-out, one event to ${n(fanOut.sockets)} sockets`,
      `p50 ${ms(fanOut.console.p50)}, p99 ${ms(fanOut.console.p99)} — bare socket.io p50 ${ms(fanOut.bare.p50)}, p99 ${ms(fanOut.bare.p99)} (${ratio(fanOut.console.p50, fanOut.bare.p50)} / ${ratio(fanOut.console.p99, fanOut.bare.p99)})`,
    ]);
    rows.push([
      `server memory at ${n(fanOut.sockets)} sockets`,
      `${mib(fanOut.memory.atSocketsBytes)} RSS (${mib(fanOut.memory.idleBytes)} idle, ≈${kib(fanOut.memory.perSocketBytes)} per socket)`,
    ]);
  }
  if (queries) {
    for (const q of queries.queries) {
      const sqlTimes =
        q.withoutIndexesMs !== undefined ? ` (its SQL alone: ${ms(q.withIndexesMs ?? NaN)}; without the issue-9 indexes ${ms(q.withoutIndexesMs)})` : '';
      rows.push([`${q.label} @ ${n(queries.tickets)} tickets`, `p50 ${ms(q.latency.p50)}, p99 ${ms(q.latency.p99)}${sqlTimes}`]);
    }
  }
  if (classify && 'suggest' in classify) {
    rows.push([
      'classification per text (suggest)',
      `p50 ${classify.suggest.p50Ms} ms, p99 ${classify.suggest.p99Ms} ms; rank alone p50 ${classify.rank.p50Ms} ms`,
    ]);
  } else if (classify && 'skipped' in classify) {
    rows.push(['classification per text', `not measured: ${classify.skipped}`]);
  }
  rows.push(...clientSummaryRows(f));
  rows.push(...lighthouseSummaryRows(f));
  rows.push(...open311SummaryRows(f));
  rows.push(...restartSummaryRows(f));
  for (const fail of f.failures) rows.push([`${fail.section}`, `FAILED: ${fail.error.split('\n')[0]}`]);
  return rows;
}

export function renderReport(f: BenchFigures): string {
  const m = f.machine;
  const busy = (m.loadAverage.end ?? m.loadAverage.start) > m.cpus || m.loadAverage.start > m.cpus;
  const out: string[] = [];
  out.push(`# Performance

Written by \`npm run bench\` (\`server/bench/index.ts\`); rerun it to refresh every figure here. Fault
tolerance and scale-out are proven by tests, not figures: \`test/faults/\` (see
[decisions/scale-out.md](decisions/scale-out.md) and [DEPLOY.md](DEPLOY.md)).

## Machine

${machineLines(m)
  .map((l) => `- ${l}`)
  .join('\n')}
${busy ? `\n> **These figures are noisy.** The load average was above the number of CPUs: other work shared the\n> machine (and the load generator shares it with the server in any case). Compare ratios measured in the\n> same run rather than absolute numbers, and rerun on a quiet machine before quoting them.\n` : ''}
## Summary

${markdownTable(['what', 'figure'], summaryRows(f))}
`);

  if (f.intake) out.push(renderIntakeSection(f));

  if (f.fanOut) {
    const x = f.fanOut;
    out.push(`## Live fan-out

One event (a supervisor's urge, \`ticket.urged\`, ${n(x.payloadBytes)} bytes as JSON) to ${n(x.sockets)} sockets of supervisors,
${x.rounds} rounds, timed from sending the urge to each socket's receipt — so the console's figure includes
the HTTP request, the command's transaction and the publish. The baseline is a bare socket.io 4.8
server (\`server/bench/bare-socket-server.ts\`: no session, no rooms, no adapter, no database)
broadcasting the same payload to ${n(x.sockets)} clients of its own, timed from its HTTP trigger. Both
servers run side by side and the rounds take turns (console, bare, console, …), so a burst of other
work on this shared machine falls on both alike. Both are child processes; all the clients share one
process (the bench), which decodes every message one after another — that client-side queue
dominates the p99 of both.

${markdownTable(
  ['', 'p50', 'p99', 'max', 'deliveries', 'missed'],
  [
    ['console (urge → socket)', ms(x.console.p50), ms(x.console.p99), ms(x.console.max), n(x.console.n), String(x.console.missed)],
    ['bare socket.io broadcast', ms(x.bare.p50), ms(x.bare.p99), ms(x.bare.max), n(x.bare.n), String(x.bare.missed)],
    ['ratio', ratio(x.console.p50, x.bare.p50), ratio(x.console.p99, x.bare.p99), '', '', ''],
  ],
)}

Connecting the ${n(x.sockets)} sockets (session check and catch-up position each) took ${round(x.connectSeconds)} s.

## Memory at ${n(x.sockets)} sockets

${markdownTable(
  ['process', 'RSS'],
  [
    ['console, idle (after start and one ticket)', mib(x.memory.idleBytes)],
    [`console, ${n(x.sockets)} sockets connected`, mib(x.memory.atSocketsBytes)],
    ['console, per socket', kib(x.memory.perSocketBytes)],
    [`bare socket.io, ${n(x.sockets)} sockets`, mib(x.memory.bareAtSocketsBytes)],
  ],
)}
`);
  }

  if (f.queries) {
    const q = f.queries;
    out.push(`## Queue and wallboard queries at ${n(q.tickets)} tickets

Data (\`server/bench/million-tickets.ts\`, generated by SQL in ${q.generateSeconds} s): two years of a busy line —
${n(q.tickets)} tickets of which ${n(q.open)} open (everything older than 30 days closed; the last 30 days
registered / dispatched / in progress / replied, with stored due times and lights, pending requests
on a few), ${n(q.events)} events. Sizes: tickets ${q.sizes.tickets}, events ${q.sizes.events}; the five indexes of
migration 0006 take ${q.sizes.newIndexes}. HTTP figures are the round trip through the console (query,
presenters, JSON) as the screens call them; wallboard figures are the SQL the wallboard's ticket panels
need (there is no wallboard route for tickets yet), sent through \`pg\`. ${f.options.iterations} runs each after ${WARM_UPS} warm-ups (a p99 needs a few hundred: of 50 runs it is the slowest but one).

${markdownTable(
  ['query', 'via', 'p50', 'p99', 'its SQL, with the indexes', 'its SQL, without them'],
  q.queries.map((x) => [
    x.label,
    x.via,
    ms(x.latency.p50),
    ms(x.latency.p99),
    x.withIndexesMs === undefined ? '—' : ms(x.withIndexesMs),
    x.withoutIndexesMs === undefined ? '—' : ms(x.withoutIndexesMs),
  ]),
)}

The last two columns are the server's execution time of the query's SQL alone (EXPLAIN ANALYZE, one
run, plans below); the HTTP figures add the session check, the presenters and JSON of every row.

### Why these indexes (migration 0006)

A line that has run for years holds almost only closed tickets; every screen asks about the few
thousand open ones. Without help PostgreSQL either walks the whole table (the wallboard counts, the
decision queue) or walks the primary key backwards until it has found 200 rows (a unit's queue — for
a unit with few open tickets that is the whole table too).

- \`tickets_open_idx (state, light, lead_unit_id, due_at) WHERE state NOT IN ('archived', 'closed_on_call', 'filed')\`:
  a partial index holding only open tickets. Counts per state and light become an index-only scan
  over the open rows, however many closed ones pile up; the revisit backlog reads it too. Overdue by
  unit was already served by \`tickets_due_idx\` and \`tickets_state_idx\` (the planner combines them,
  sometimes with this one) — the index changes little there.
- \`tickets_open_unit_idx (lead_unit_id, id)\` and \`tickets_open_assist_idx GIN (assist_unit_ids)\`, same
  predicate: a liaison's queue is "lead unit = X **or** X among the assisting units"; with both sides
  indexed the planner ORs two bitmap scans and sorts a few hundred rows instead of scanning backwards.
- \`tickets_decision_idx (decision_since, id) INCLUDE (decision_kinds) WHERE decision_since IS NOT NULL\`
  (issue 17.7, migration 0018; it replaced the pending-requests index of 0006): the decision queue
  (\`server/tickets/decision-queue.ts\`). Two stored generated columns, kept by PostgreSQL from the
  snapshot and the accepted-reply marker \`reply_accepted_at\`: when the ticket's oldest item started
  waiting, and the kinds of its items. A page is the first \`offset + limit\` entries of the index, oldest
  first; the counts per kind an index-only scan of the same few thousand entries. Before, the route read
  every replied ticket whole, looked their acceptances up in \`events\` and sorted all items in JS.
- \`events_type_at_idx (type, at)\`: "events of a kind in a period" — satisfaction today and this month
  (and the reports' month figures) read a day or a month of revisits, not two years of events.

The predicates repeat the queries' literal \`state NOT IN (…)\` lists; \`pg\` sends unnamed statements,
which PostgreSQL plans with the actual parameter values, so the partial indexes match. Costs: each
open ticket's write also updates the partial indexes (closed tickets leave them); the expression index
reads \`detail\`, so commands that change only the snapshot are no longer HOT updates. Building them
on an existing large table takes a write lock on \`tickets\` for the duration of \`hotline migrate\`
(see [DEPLOY.md](DEPLOY.md)).

### Plans (EXPLAIN ANALYZE, with and without the issue-9 indexes)
`);
    for (const p of q.plans) {
      out.push(`<details><summary>${p.label}</summary>

\`\`\`sql
${p.sql.replace(/\s+/g, ' ').trim()}
\`\`\`

With the indexes:

\`\`\`
${p.withIndexes}
\`\`\`

Without them:

\`\`\`
${p.withoutIndexes}
\`\`\`

</details>
`);
    }
  }

  if (f.classify) {
    out.push(`## Classification
`);
    if ('suggest' in f.classify) {
      const c = f.classify;
      out.push(`From \`server/bench/classify.ts\` (the classifier's own bench, called by \`npm run bench\`): ${n(c.trainingExamples)} training
examples (trained in ${c.trainingMs} ms), held-out accuracy top-1 ${c.heldOut.top1}, top-3 ${c.heldOut.top3} on ${n(c.heldOut.n)} texts.

${markdownTable(
  ['per text', 'p50', 'p99', 'max'],
  [
    ['classifier rank (top 3)', `${c.rank.p50Ms} ms`, `${c.rank.p99Ms} ms`, `${c.rank.maxMs} ms`],
    ['suggest (rank + rules + emergency + address)', `${c.suggest.p50Ms} ms`, `${c.suggest.p99Ms} ms`, `${c.suggest.maxMs} ms`],
    ['suggest, ≈1,000-character text', `${c.suggestLong.p50Ms} ms`, `${c.suggestLong.p99Ms} ms`, `${c.suggestLong.maxMs} ms`],
    ['learn one confirmed choice', `${c.learn.p50Ms} ms`, `${c.learn.p99Ms} ms`, `${c.learn.maxMs} ms`],
  ],
)}

Batch: ${n(c.batchTextsPerSecond)} texts/s, ${c.suggestCpuMsPerText} ms CPU per text.
`);
    } else {
      out.push(`Not measured in this run: ${f.classify.skipped}.
`);
    }
  }

  if (f.client) out.push(renderClientSection(f));
  if (f.lighthouse) out.push(renderLighthouseSection(f));
  if (f.open311) out.push(renderOpen311Section(f));
  if (f.restart) out.push(renderRestartSection(f));

  out.push(`## How to run

\`\`\`bash
npm run bench                                  # all parts; PostgreSQL from DATABASE_URL or a throwaway cluster
npm run bench -- --only intake,fanout          # some parts (writes docs/PERFORMANCE.md only with --out)
npm run bench -- --only open311                # a part that updates its own section of docs/PERFORMANCE.md
npm run bench -- --tickets 100000 --out /tmp/perf.md
\`\`\`

Before anything else a run times a fixed piece of JavaScript (\`calibrate()\` in server/bench/machine.ts: JSON
and SHA-256 of a ticket-sized record, 4,000 times, the median of 5) and prints it with the machine: the
shared machines this file is made on change speed from day to day with no change of code, and two
runs' figures compare only with their speeds beside them.

Options: \`--tickets\` (1,000,000), \`--sockets\` (1,000), \`--clients\` (1,50,200), \`--seconds\` per load level (10),
\`--rounds\` of fan-out (20), \`--repeat\` runs of each intake level, the median shown (3), \`--iterations\` per query (300),
\`--no-build\` (use the built client as it is).
This run: ${JSON.stringify(f.options)}.
`);
  if (f.failures.length) {
    out.push(`## Failures in this run

${f.failures.map((x) => `- ${x.section}: \`${x.error.split('\n')[0]}\``).join('\n')}
`);
  }
  return out.join('\n');
}
