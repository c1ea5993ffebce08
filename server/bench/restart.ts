/**
 * `npm run bench -- --only restart` (issue 17 item 6): how soon the console serves again after a
 * crash, started exactly as the README starts it (`npm start`: build the client only when its
 * sources changed, seed the demo history only into an empty database, serve). The whole process
 * group is killed with SIGKILL, then started again; the figure is the time from spawning
 * `npm start` to the first 200 from /api/health and from the login page.
 *
 * Both engines: the embedded database in a DATA_DIR of its own (what `npm start` uses without
 * DATABASE_URL) and a PostgreSQL database.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { BUILD_RECORD, staleReason } from '../../scripts/client-build';
import { consoleEnv, freePort, REPO, until } from '../../test/faults/processes';
import { round } from './stats';

export interface RestartRun {
  engine: string;
  /** The first start on an empty database: migrations, 30 days of demo history, the demo. */
  firstStartMs: number;
  /** Each start after a SIGKILL of the running console. */
  restartsMs: number[];
}

export interface RestartFigures {
  at: string;
  loadAverage: number;
  runs: RestartRun[];
  /** Whether a restart rebuilt the client (it must not: the sources did not change). */
  rebuilt: boolean;
}

interface Started {
  ms: number;
  kill(): Promise<void>;
}

/** Spawns `npm start` in its own process group and waits until it serves. */
async function npmStart(env: Record<string, string>, port: number): Promise<Started> {
  const t0 = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // As `npm start` runs on a desk: the clock sweeper on (the tests' consoles turn it off).
    env: { ...consoleEnv(port), ...env },
  });
  let out = '';
  const keep = (b: Buffer) => void (out = (out + b.toString()).slice(-10_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const ok = async (p: string) => (await fetch(`${url}${p}`).catch(() => null))?.status === 200;
  try {
    await until(`npm start to serve on ${url}`, async () => (await ok('/api/health')) && (await ok('/login')), 600_000, 50);
  } catch (err) {
    process.kill(-child.pid!, 'SIGKILL');
    throw new Error(`${(err as Error).message}\n--- output ---\n${out}`, { cause: err });
  }
  const ms = performance.now() - t0;
  return {
    ms,
    async kill() {
      // The crash: every process of `npm start` at once, no shutdown handler runs.
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
  };
}

export async function benchRestart(opts: { databaseUrl: string; restarts: number; log: (s: string) => void }): Promise<RestartFigures> {
  const { log } = opts;
  const stale = staleReason();
  if (stale) log(`  the client bundle is stale (${stale}): the first start builds it`);
  const engines: { engine: string; env: () => Record<string, string>; cleanup?: () => void }[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-bench-restart-'));
  engines.push({ engine: 'embedded (PGlite)', env: () => ({ DATA_DIR: dataDir }), cleanup: () => rmSync(dataDir, { recursive: true, force: true }) });
  engines.push({ engine: 'PostgreSQL', env: () => ({ DATABASE_URL: opts.databaseUrl }) });
  const runs: RestartRun[] = [];
  let builtAt: number | null = null;
  let rebuilt = false;
  try {
    for (const e of engines) {
      const port = await freePort();
      const first = await npmStart(e.env(), port);
      await first.kill();
      builtAt ??= statSync(BUILD_RECORD).mtimeMs;
      const restartsMs: number[] = [];
      for (let i = 0; i < opts.restarts; i++) {
        const again = await npmStart(e.env(), port);
        restartsMs.push(round(again.ms, 0));
        await again.kill();
      }
      if (statSync(BUILD_RECORD).mtimeMs !== builtAt) rebuilt = true;
      const run = { engine: e.engine, firstStartMs: round(first.ms, 0), restartsMs };
      runs.push(run);
      log(
        `  ${e.engine}: first start ${(run.firstStartMs / 1000).toFixed(1)} s; after SIGKILL ${restartsMs.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')}`,
      );
    }
  } finally {
    for (const e of engines) e.cleanup?.();
  }
  if (rebuilt) log('  a restart rebuilt the client: it must not');
  return { at: new Date().toISOString(), loadAverage: round(loadavg()[0] ?? 0, 2), runs, rebuilt };
}
