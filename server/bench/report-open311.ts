/** The Open311 section of docs/PERFORMANCE.md (issue 14 item 5): operator intake, alone and beside 20 anonymous list readers. */
import type { BenchFigures } from './figures';
import { markdownTable, ms, round } from './stats';

export const OPEN311_ROW_ALONE = 'operator intake alone (Open311 section)';
export const OPEN311_ROW_READERS = 'operator intake while 20 anonymous Open311 list readers run';

export function open311SummaryRows(f: BenchFigures): string[][] {
  const o = f.open311;
  if (!o) return [];
  return [
    [OPEN311_ROW_ALONE, `p50 ${ms(o.intakeAlone.latency.p50)}, p99 ${ms(o.intakeAlone.latency.p99)}`],
    [
      OPEN311_ROW_READERS.replace('20', String(o.readers)),
      `p50 ${ms(o.intakeWithReaders.latency.p50)}, p99 ${ms(o.intakeWithReaders.latency.p99)}; the readers got ${o.reads.perSecond} lists/s of ${o.reads.requestsPerRead} requests`,
    ],
  ];
}

export function renderOpen311Section(f: BenchFigures): string {
  const o = f.open311;
  if (!o) return '';
  const refused = Object.entries(o.reads.refused)
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ');
  return `<!-- bench:open311 -->
## Open311 readers and operator intake

Issue 14 item 5. One operator registers and dispatches tickets back to back (\`POST /api/tickets\`
with a lead unit, as Ctrl+Enter does) for ${o.durationSeconds} s after a 2 s warm-up: first alone, then while
${o.readers} anonymous clients read the public request list (\`GET /open311/v2/requests.json\` with its
defaults: the newest ${o.reads.requestsPerRead || '—'} of the last 90 days) as fast as each gets answers, each from its own address,
on a database holding ${o.seeded.toLocaleString('en')} requests filed through Open311. The console runs as its own process on
PostgreSQL with its default configuration (only the per-key filing quota lifted, to seed the requests).

${markdownTable(
  ['operator intake', 'p50', 'p99', 'max', 'tickets/s', 'errors'],
  [
    [
      'alone',
      ms(o.intakeAlone.latency.p50),
      ms(o.intakeAlone.latency.p99),
      ms(o.intakeAlone.latency.max),
      String(o.intakeAlone.perSecond),
      String(o.intakeAlone.errors),
    ],
    [
      `while ${o.readers} Open311 list readers run`,
      ms(o.intakeWithReaders.latency.p50),
      ms(o.intakeWithReaders.latency.p99),
      ms(o.intakeWithReaders.latency.max),
      String(o.intakeWithReaders.perSecond),
      String(o.intakeWithReaders.errors),
    ],
  ],
)}

The readers meanwhile: ${o.reads.perSecond} lists/s in all, p50 ${ms(o.reads.latency.p50)}, p99 ${ms(o.reads.latency.p99)} each,
${o.reads.requestsPerRead} requests (${round(o.reads.bytesPerRead / 1024, 1)} KiB) per list${refused ? `; refused: ${refused}` : ''}${o.reads.errors ? `; ${o.reads.errors} failed` : ''}.
What keeps them from the operators' share of the console's one event loop
([decisions/open311.md](decisions/open311.md)): a gate in front of everything under \`/open311\` lets in
50 requests a second and works on 4 at once (\`OPEN311_MAX_REQUESTS_PER_SECOND\`), the others wait without
costing anything; one list page is rendered once and shared for 5 s; a page holds 50 requests by default
(200 at most) and costs one query, plus one for SLA policies and one for the calendar when a reply is due.

Measured ${o.at} on ${f.machine.cpus} × ${f.machine.cpuModel}, PostgreSQL ${f.machine.postgres ?? '—'}${
    f.machine.postgresSettings ? ` (${f.machine.postgresSettings.fsync === 'off' ? 'fsync off' : 'fsync on'})` : ''
  }, load average (1 min) ${o.loadAverage}${o.loadAverage > f.machine.cpus ? ' — the machine was shared with other work: compare the two rows of this run, not absolute numbers' : ''}.
<!-- /bench:open311 -->
`;
}
