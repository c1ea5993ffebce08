/** The live fan-out section of docs/PERFORMANCE.md (issue 9; issue 17's target: p99 ≤ 1.3× bare socket.io). */
import type { BenchFigures } from './figures';
import { count as n, kib, markdownTable, mib, ms, ratio, round } from './stats';

export function fanOutSummaryRows(f: BenchFigures): string[][] {
  const x = f.fanOut;
  if (!x) return [];
  return [
    [
      `live fan-out, one event to ${n(x.sockets)} sockets`,
      `p50 ${ms(x.console.p50)}, p99 ${ms(x.console.p99)} — bare socket.io p50 ${ms(x.bare.p50)}, p99 ${ms(x.bare.p99)} (${ratio(x.console.p50, x.bare.p50)} / ${ratio(x.console.p99, x.bare.p99)})`,
    ],
    [
      `server memory at ${n(x.sockets)} sockets`,
      `${mib(x.memory.atSocketsBytes)} RSS (${mib(x.memory.idleBytes)} idle, ≈${kib(x.memory.perSocketBytes)} per socket)`,
    ],
  ];
}

export function renderFanOutSection(f: BenchFigures): string {
  const x = f.fanOut;
  if (!x) return '';
  return `<!-- bench:fanout -->
## Live fan-out

One event (a supervisor's urge, \`ticket.urged\`, ${n(x.payloadBytes)} bytes as JSON) to ${n(x.sockets)} sockets of supervisors,
${x.rounds} rounds, timed from sending the urge to each socket's receipt — so the console's figure includes
the HTTP request, the command's transaction and the publish. The baseline is a bare socket.io 4.8
server (\`server/bench/bare-socket-server.ts\`: no session, no rooms, no adapter, no database)
broadcasting the same payload to ${n(x.sockets)} clients of its own, timed from its HTTP trigger. Both
servers run side by side and the rounds take turns (console, bare, console, …), so a burst of other
work on this shared machine falls on both alike. A round's deliveries share its hiccups, so one slow
round is a whole 1/rounds of the samples: with 20 rounds, one such round set a run's p99. Both are child
processes; all the clients share one process (the bench), which decodes every message one after
another — that client-side queue dominates the p99 of both.

Measured ${f.machine.at.slice(0, 16).replace('T', ' ')} UTC${
    f.machine.calibrationMs === undefined ? '' : `; this machine's speed then: ${f.machine.calibrationMs} ms for the fixed piece of JavaScript of "How to run"`
  }.

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
<!-- /bench:fanout -->
`;
}
