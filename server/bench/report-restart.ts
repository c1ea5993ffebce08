/** The restart section of docs/PERFORMANCE.md (issue 17 item 6): `npm start` after a crash. */
import type { BenchFigures } from './figures';
import { markdownTable } from './stats';

/** Issue 17.6's target: a restart after a crash serves within 5 s. */
const TARGET_MS = 5000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function restartSummaryRows(f: BenchFigures): string[][] {
  const r = f.restart;
  if (!r) return [];
  return r.runs.map((run) => [
    `\`npm start\` after a crash (SIGKILL), ${run.engine}`,
    `serves in ${seconds(Math.max(...run.restartsMs))} at worst of ${run.restartsMs.length} (target ≤ ${TARGET_MS / 1000} s)${r.rebuilt ? '; REBUILT the client' : ''}`,
  ]);
}

export function renderRestartSection(f: BenchFigures): string {
  const r = f.restart;
  if (!r) return '';
  return `<!-- bench:restart -->
## Restart after a crash

Issue 17 item 6. \`npm start\` exactly as the README runs it (build the client only when client/,
shared/ or package-lock.json changed since the last build; seed the demo history only into an empty
database; serve), timed from the spawn to the first 200 from both \`/api/health\` and the login page.
The whole process group is then killed with SIGKILL — no shutdown handler runs — and started again.
Target: serving within ${TARGET_MS / 1000} s.

${markdownTable(
  ['database', 'first start (empty database: migrations, 30 days of history, demo)', 'after SIGKILL, each start', 'worst'],
  r.runs.map((run) => [run.engine, seconds(run.firstStartMs), run.restartsMs.map(seconds).join(', '), seconds(Math.max(...run.restartsMs))]),
)}

${r.rebuilt ? 'A restart rebuilt the client although no source changed: a regression.' : 'No restart rebuilt the client (its build record was not touched).'}
Measured ${r.at} on ${f.machine.cpus} × ${f.machine.cpuModel}, load average (1 min) ${r.loadAverage}${r.loadAverage > f.machine.cpus ? ' — the machine was busy with other work' : ''}.
<!-- /bench:restart -->
`;
}
