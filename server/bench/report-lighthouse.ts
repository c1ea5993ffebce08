/** The Lighthouse section of docs/PERFORMANCE.md (issue 19 item 4): the login and operator pages' scores. */
import type { BenchFigures } from './figures';
import { measuredAt } from './machine';
import { markdownTable, ms } from './stats';

/** Issue 19.4's target: ≥ 90 performance and ≥ 95 accessibility on both pages. */
const TARGET = { performance: 90, accessibility: 95 };

export function lighthouseSummaryRows(f: BenchFigures): string[][] {
  const l = f.lighthouse;
  if (!l) return [];
  return l.pages.map((p) => [
    `Lighthouse, ${p.page} page (desktop)`,
    `performance ${p.performance}, accessibility ${p.accessibility} (target ${TARGET.performance} / ${TARGET.accessibility}); measured ${measuredAt(f.machine)}`,
  ]);
}

export function renderLighthouseSection(f: BenchFigures): string {
  const l = f.lighthouse;
  if (!l) return '';
  return `<!-- bench:lighthouse -->
## Lighthouse: login and operator pages

Issue 19 item 4. Lighthouse ${l.lighthouseVersion} (the library) against the built client served by the
console, desktop configuration (simulated fast link, no CPU slowdown: the CPU-bound figures are
this machine's and move with its load, ${f.machine.loadAverage.start} at the start of the run); the operator page with
an operator's session. Median of ${l.runs} runs per page. Target: performance ≥ ${TARGET.performance}, accessibility ≥ ${TARGET.accessibility}.

${markdownTable(
  ['page', 'performance', 'accessibility', 'first contentful paint', 'largest contentful paint', 'total blocking time', 'audits under 0.9'],
  l.pages.map((p) => [
    p.page,
    String(p.performance),
    String(p.accessibility),
    ms(p.firstContentfulPaint),
    ms(p.largestContentfulPaint),
    ms(p.totalBlockingTime),
    p.weakAudits.join(', ') || '—',
  ]),
)}
<!-- /bench:lighthouse -->
`;
}
