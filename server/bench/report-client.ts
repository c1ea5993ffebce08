/** The client section of docs/PERFORMANCE.md (issues 4, 17.6): the bundle and the operator page's first load. */
import type { BenchFigures } from './figures';
import { measuredAt } from './machine';
import { kib, markdownTable, ms } from './stats';

export function clientSummaryRows(f: BenchFigures): string[][] {
  const client = f.client;
  if (!client) return [];
  const first = client.firstLoad;
  return [
    ['client bundle, gzip', `operator page's first load ${kib(client.initial.gzipBytes)}; all assets ${kib(client.total.gzipBytes)}`],
    [
      'operator page first load (built client, empty cache)',
      first
        ? `intake form interactive p50 ${ms(first.interactive.p50)} (max ${ms(first.interactive.max)}; target ≤ 1,000 ms), live feed p50 ${ms(first.live.p50)}; ${kib(first.transferredKiB.p50 * 1024)} transferred (target ≤ 350 KiB); measured ${measuredAt(f.machine)}`
        : `not measured: ${client.firstLoadSkipped}`,
    ],
  ];
}

export function renderClientSection(f: BenchFigures): string {
  const c = f.client;
  if (!c) return '';
  return `<!-- bench:client -->
## Client bundle and first load

Gzip sizes (zlib default level) of the built client (\`vite build\`${c.buildSeconds !== null ? `, ${c.buildSeconds} s` : ''}); "first load" is what
the operator page fetched on its first load in the browser run below (or, without a browser, what
\`index.html\` names), the rest are chunks of other pages and features loaded when used.

${markdownTable(
  ['file', 'size', 'gzip', 'loaded'],
  c.assets.map((a) => [a.file.replace(/-[\w-]{8}\.(js|css)$/, '.$1'), kib(a.bytes), kib(a.gzipBytes), a.initial ? 'first load' : 'lazily']),
)}

${
  c.firstLoad
    ? `Operator page, built client served by the console, headless Chromium at 1366×768 (zh-CN), a new
browser context (empty cache) per run, logged in by cookie; ${c.firstLoad.runs} runs after one warm-up.
The browser, the console and PostgreSQL share this machine's cores, so the times move with its
speed: measured ${measuredAt(f.machine)}, load ${f.machine.loadAverage.start} at the start (this
section can be rerun alone: \`npm run bench -- --only client\`; compare the calibration with the full run's at the top).

${markdownTable(
  ['from navigation to', 'p50', 'max'],
  [
    ['intake form takes keystrokes (the first task after #contactName took the focus)', ms(c.firstLoad.interactive.p50), ms(c.firstLoad.interactive.max)],
    ['live feed connected (the status in the header turned "live")', ms(c.firstLoad.live.p50), ms(c.firstLoad.live.max)],
  ],
)}

Both times are taken in the page (\`FIRST_LOAD_MARKS\` in server/bench/client.ts), not through
Playwright's polling, which added 300–400 ms of round trips on this machine (runs before 2026-12-07 evening).
On the wire until the page settled (no request for 0.5 s after live): ${kib(c.firstLoad.transferredKiB.p50 * 1024)} (max ${kib(c.firstLoad.transferredKiB.max * 1024)}) in ${c.firstLoad.requests} requests —
headers and bodies as sent (the console serves precompressed brotli/gzip assets). The largest:
${c.firstLoad.largest.map((l) => `${l.file} ${kib(l.kib * 1024)}`).join(', ')}.`
    : `First load not measured: ${c.firstLoadSkipped}.`
}
<!-- /bench:client -->
`;
}
