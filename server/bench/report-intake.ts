/** The intake section of docs/PERFORMANCE.md (issue 17): a partial run (`--only intake`) rewrites only it. */
import type { CpuShares } from './cpu-meter';
import type { BenchFigures } from './figures';
import type { ThroughputFigure } from './intake';
import { count as n, markdownTable, ms, ratio } from './stats';

/** Tickets/s of a level, with its runs when it ran more than once: "229/s (3 runs: 210, 229, 240)". */
const rate = (a: ThroughputFigure) => `${n(a.perSecond)}/s${a.runs ? ` (${a.runs.length} runs: ${a.runs.map(n).join(', ')})` : ''}`;

export function intakeSummaryRows(f: BenchFigures): string[][] {
  const rows: string[][] = [];
  const { intake } = f;
  if (intake) {
    intake.api.forEach((a, i) => {
      const raw = intake.raw[i];
      rows.push([
        `ticket creation, HTTP API, ${a.clients} client${a.clients === 1 ? '' : 's'}`,
        `${rate(a)}, p50 ${ms(a.latency.p50)}, p99 ${ms(a.latency.p99)}${raw ? ` — ${ratio(a.perSecond, raw.perSecond)} of raw INSERT (${n(raw.perSecond)}/s)` : ''}${a.errors ? `, ${a.errors} errors` : ''}`,
      ]);
      const replay = intake.replay?.[i];
      if (replay) {
        rows.push([
          `ticket creation, its own SQL replayed through pg, ${a.clients} client${a.clients === 1 ? '' : 's'}`,
          `${n(replay.perSecond)}/s, p50 ${ms(replay.latency.p50)}, p99 ${ms(replay.latency.p99)} — API ÷ replay ${ratio(a.perSecond, replay.perSecond)}`,
        ]);
      }
    });
    const b = intake.burst;
    if (b) {
      rows.push([
        `ticket creation, HTTP API, ${b.clients} clients, a burst about five places`,
        `${n(b.perSecond)}/s, p50 ${ms(b.latency.p50)}, p99 ${ms(b.latency.p99)}${b.errors ? `, ${b.errors} errors` : ''}`,
      ]);
    }
    const two = intake.twoProcesses;
    if (two) {
      rows.push([
        `ticket creation, two console processes, ${two.clients} clients`,
        `${n(two.perSecond)}/s, p99 ${ms(two.latency.p99)} — ${ratio(two.perSecond, two.oneProcess)} of one process (${n(two.oneProcess)}/s)`,
      ]);
    }
  }
  return rows;
}

const cores = (f: BenchFigures) => String(f.machine.cpus ?? 'the');
/** The machine's CPU that was neither the console's nor the load generator's. */
const rest = (c: CpuShares) => Math.max(0, Math.round((c.machine - c.console - c.bench) * 100) / 100);

/** Milliseconds of CPU per ticket of `cores` busy at `perSecond` tickets/s. */
const perTicket = (cores: number, perSecond: number) => (perSecond > 0 ? ms((cores * 1000) / perSecond) : '—');

/** What the busiest level's CPU per ticket allows on this machine's cores, beside the ordinary-day target. */
function ceilingNote(f: BenchFigures): string {
  const top = f.intake?.api.filter((a) => a.cpu && a.perSecond > 0).at(-1);
  const cpus = f.machine.cpus;
  if (!top?.cpu || !cpus) return '';
  const machineMs = (top.cpu.machine * 1000) / top.perSecond;
  const pgMs = (rest(top.cpu) * 1000) / top.perSecond;
  return ` — at ${top.clients} clients ${ms(machineMs)} a ticket, so ≈ ${n(Math.round((cpus * 1000) / machineMs))}/s with every core busy; 500/s needs ≤ ${ms((cpus * 1000) / 500)} of CPU a ticket, and PostgreSQL alone took ${ms(pgMs)}`;
}

/** The two-process run's CPU beside the one-process run's at the same level. */
function twoProcessCpu(f: BenchFigures): string {
  const two = f.intake?.twoProcesses;
  const one = f.intake?.api.find((a) => a.clients === two?.clients)?.cpu;
  if (!two?.cpu || !one) return '';
  return ` The machine's CPU: ${one.machine} cores busy with one process (console ${one.console}, load generator ${one.bench}, PostgreSQL and the rest ${rest(one)}), ${two.cpu.machine} with two (consoles ${two.cpu.console}, load generator ${two.cpu.bench}, PostgreSQL and the rest ${rest(two.cpu)}).`;
}

export function renderIntakeSection(f: BenchFigures): string {
  const { intake } = f;
  if (!intake) return '';
  return `<!-- bench:intake -->
## Ticket creation through the HTTP API

\`POST /api/tickets\` with an \`Idempotency-Key\` and a lead unit — the operator's Ctrl+Enter: one
transaction that reads the SLA policy, resolves the address and looks for repeats, decides the
dispatch on the record and inserts the ticket once, already dispatched; its last statement takes the
day's number and appends \`ticket.registered\` and \`ticket.dispatched\`; then it publishes after
commit (and NOTIFYs the other processes through the socket.io adapter). The console runs as its own process (\`hotline serve\`, pool of
10 connections) on PostgreSQL; N clients in the bench process send requests back to back for
${intake.durationSeconds} s after a 2 s warm-up${
    (intake.repeat ?? 1) > 1
      ? `, each level ${intake.repeat} times with the levels taking turns (the table shows the median run and, in brackets, every run's tickets/s: this shared machine's figures move between runs)`
      : ''
  }. An ordinary day: every call from its own number about a
place of its own (no two calls are one matter); a burst about five places is measured apart below.
The ceiling beside it: one-row INSERTs of a ticket-sized row through \`pg\` with the same pool
size, same database, same run.

Measured ${f.machine.at.slice(0, 16).replace('T', ' ')} UTC${
    f.machine.calibrationMs === undefined
      ? ''
      : `; this machine's speed then: ${f.machine.calibrationMs} ms for the fixed piece of JavaScript of "How to run" (lower is faster), by which runs of different days compare`
  }.

${markdownTable(
  ['clients', 'API tickets/s (every run)', 'API p50', 'API p99', 'errors', 'raw INSERT rows/s', 'raw p50', 'raw p99', 'API ÷ raw'],
  intake.api.map((a, i) => {
    const r = intake.raw[i];
    return [
      String(a.clients),
      a.runs ? `${n(a.perSecond)} (${a.runs.map(n).join(', ')})` : n(a.perSecond),
      ms(a.latency.p50),
      ms(a.latency.p99),
      String(a.errors),
      r ? n(r.perSecond) : '—',
      r ? ms(r.latency.p50) : '—',
      r ? ms(r.latency.p99) : '—',
      r ? ratio(a.perSecond, r.perSecond) : '—',
    ];
  }),
)}

${
  intake.burst
    ? `**A burst about five places** (${intake.burst.clients} clients; every call about one of five busy addresses, with one
of five complaints): each intake reads up to 200 earlier tickets of its place, links them, and
updates the matter's supervision candidate under its row lock — ${n(intake.burst.perSecond)} tickets/s, p50
${ms(intake.burst.latency.p50)}, p99 ${ms(intake.burst.latency.p99)}${intake.burst.cpu ? `; console CPU ${intake.burst.cpu.console} cores` : ''}${
        intake.burst.waits?.length ? `; database sessions: ${intake.burst.waits.map((w) => `${w.what} ${Math.round(w.share * 100)} %`).join(', ')}` : ''
      }.

`
    : ''
}${
    intake.replay
      ? `**The intake's own SQL, replayed** (\`server/bench/intake-replay.ts\`): one intake is run through the real
command in the bench process while pg's queries are recorded — ${intake.statements ?? '?'} statements with the
session lookup — and replayed through \`pg\` on a pool of 10 (a fresh number placeholder, idempotency key,
ticket id, phone and address each time): the database's share of an intake, with no HTTP, ORM or
presenters. Recorded and replayed, it is an ordinary day's call, as the API's are: its repeat check
finds no earlier ticket of its number or place. The replay's machine CPU is PostgreSQL's and the
replayer's: where it nears the ${cores(f)} cores, the replay is the most this machine's database
can take with no console at all.

${markdownTable(
  ['clients', 'API tickets/s', 'replay intakes/s', 'replay p50', 'replay p99', 'API ÷ replay', 'machine CPU in the replay (replayer)'],
  intake.api.map((a, i) => {
    const r = intake.replay?.[i];
    return [
      String(a.clients),
      a.runs ? `${n(a.perSecond)} (${a.runs.map(n).join(', ')})` : n(a.perSecond),
      r ? n(r.perSecond) : '—',
      r ? ms(r.latency.p50) : '—',
      r ? ms(r.latency.p99) : '—',
      r ? ratio(a.perSecond, r.perSecond) : '—',
      r?.cpu ? `${r.cpu.machine} cores (${r.cpu.bench})` : '—',
    ];
  }),
)}
`
      : ''
  }${
    intake.twoProcesses
      ? `
**Two console processes** on the one database, the ${intake.twoProcesses.clients} clients split between them:
${n(intake.twoProcesses.perSecond)} tickets/s (p99 ${ms(intake.twoProcesses.latency.p99)}) against ${n(intake.twoProcesses.oneProcess)}/s for
one — ${ratio(intake.twoProcesses.perSecond, intake.twoProcesses.oneProcess)}. On this machine both consoles, PostgreSQL
and the load generator share ${cores(f)} cores: a second process can only add what the cores left idle.${twoProcessCpu(f)}
`
      : ''
  }
Where the time went (CPU in cores of the ${cores(f)}: the whole machine, the console, the load generator
— the bench's own HTTP clients — and what is left, PostgreSQL; and what the console's database
sessions were doing, sampled every 100 ms during the run; "running" = executing,
\`Client:ClientRead\` = waiting for the console's next statement, \`Lock:transactionid\` = waiting
for another transaction's row lock):

${markdownTable(
  ['clients', 'machine CPU', 'console', 'load generator', 'PostgreSQL and the rest', 'CPU per ticket: console, PostgreSQL, machine', 'database sessions'],
  intake.api.map((a) => [
    String(a.clients),
    a.cpu ? String(a.cpu.machine) : '—',
    a.cpu ? String(a.cpu.console) : '—',
    a.cpu ? String(a.cpu.bench) : '—',
    a.cpu ? String(rest(a.cpu)) : '—',
    a.cpu ? [a.cpu.console, rest(a.cpu), a.cpu.machine].map((c) => perTicket(c, a.perSecond)).join(', ') : '—',
    (a.waits ?? []).map((w) => `${w.what} ${Math.round(w.share * 100)}%`).join(', '),
  ]),
)}

"CPU per ticket" is each share's cores divided by the tickets/s: at ${cores(f)} cores the machine can
create at most ${cores(f)} ÷ (its CPU per ticket) tickets/s${ceilingNote(f)}.

**The locked tail is one statement.** An intake's transaction does its reads and writes first (the
ticket row holds a placeholder for its number), then one last statement takes the event-order
advisory lock ([decisions/event-order.md](decisions/event-order.md)), the day's row of \`ticket_counters\`
(gap-free daily numbers), sets the number and appends the events with it; the commit follows. Both locks
are held for that statement and the commit only (\`server/platform/append-events.ts\`, issue 17.2), so
intakes queue behind each other's tail, not behind each other's work. The waits above say what is left.
<!-- /bench:intake -->
`;
}
