/**
 * The console as a real process (`node bin/hotline.js serve --seed-demo`) with everything it
 * writes kept — stdout and stderr, from the first byte — for tests that read its log
 * (issue 14 item 2). Its database is prepared before it starts (e.g. an extra constraint that
 * forces a database error), on PGlite in a temporary DATA_DIR or, with DATABASE_URL, in a new
 * database on that server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase, type Db } from '../../db/client';
import { createDatabase, freePort, REPO, until } from '../faults/processes';
import { testDatabaseUrl } from './db';

export interface LoggedConsole {
  url: string;
  /** Everything the process wrote so far, stdout and stderr interleaved as they arrived. */
  output(): string;
  /** The JSON lines of the output (pino's), parsed; other lines are skipped. */
  logLines(): Record<string, unknown>[];
  /** SIGTERM, wait for the exit, remove the temporary data folder. */
  stop(): Promise<void>;
}

export interface LoggedConsoleOptions {
  /** Runs on the migrated, empty database before the console starts. */
  prepare?: (db: Db) => Promise<void>;
  /** Extra environment (LOG_LEVEL defaults to trace: the most the console can write). */
  env?: Record<string, string>;
}

export async function startLoggedConsole(opts: LoggedConsoleOptions = {}): Promise<LoggedConsole> {
  const server = testDatabaseUrl();
  const dataDir = server ? null : mkdtempSync(path.join(tmpdir(), 'hotline-logs-'));
  const databaseUrl = server ? await createDatabase(server, 'hotline_logs') : null;
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: dataDir!, command: 'test: prepare' });
  try {
    await migrateDatabase(database);
    await opts.prepare?.(database.db);
  } finally {
    await database.close();
  }

  const port = await freePort();
  const child = spawn(process.execPath, ['bin/hotline.js', 'serve', '--seed-demo'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      TZ: 'Asia/Shanghai',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir! }),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => chunks.push(b));
  child.stderr.on('data', (b: Buffer) => chunks.push(b));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = () => Buffer.concat(chunks).toString('utf8');
  const url = `http://127.0.0.1:${port}`;
  try {
    await until(
      `the console on ${url}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
        return (await fetch(`${url}/api/health`).catch(() => null))?.status === 200;
      },
      120_000,
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n--- console output ---\n${output().slice(-5000)}`, { cause: err });
  }
  return {
    url,
    output,
    logLines: () =>
      output()
        .split('\n')
        .flatMap((line) => {
          try {
            const parsed = JSON.parse(line) as unknown;
            return parsed && typeof parsed === 'object' ? [parsed as Record<string, unknown>] : [];
          } catch {
            return [];
          }
        }),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
