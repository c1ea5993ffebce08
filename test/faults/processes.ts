/**
 * Real processes for the fault tests: the console as `node bin/hotline.js serve` (so SIGKILL
 * means SIGKILL), a throwaway PostgreSQL cluster of our own (so we may restart it), nginx, and
 * live socket clients that reconnect the way the browser's live store does.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { io as ioClient, type Socket } from 'socket.io-client';
import { LiveFeed, type LiveEvent } from '../../shared/live/feed';
import type { ApiClient } from '../support/server';

const run = promisify(execFile);
export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls until `check` is truthy; fails with `what` after `timeoutMs`. */
export async function until<T>(what: string, check: () => T | Promise<T>, timeoutMs = 30_000, everyMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** The newest /usr/lib/postgresql/<v>/bin, or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const v = versions.at(-1);
  return v ? path.join(root, v, 'bin') : null;
}

/**
 * The PostgreSQL binaries, or null (with a clear message) where there are none. CI installs them
 * (.ci/run), so with CI=true a missing PostgreSQL fails the run instead of skipping.
 */
export function requirePostgres(what: string): string | null {
  const bin = postgresBinDir();
  if (bin) return bin;
  const msg = `[faults] ${what}: no PostgreSQL binaries under /usr/lib/postgresql (apt-get install -y postgresql)`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(msg);
  console.warn(`${msg}; skipped`);
  return null;
}

export interface PgCluster {
  url: string;
  port: number;
  binDir: string;
  /** The postmaster's pid (changes after a restart). */
  pid(): number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops, waits `downMs`, starts again. */
  restart(downMs?: number): Promise<void>;
  destroy(): Promise<void>;
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL tool as the `postgres` user when we are root (initdb refuses root). */
async function asPostgres(binDir: string, tool: string, args: string[]): Promise<void> {
  const exe = path.join(binDir, tool);
  if (asRoot()) {
    const quoted = [exe, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    await run('su', ['postgres', '-s', '/bin/bash', '-c', quoted], { timeout: 120_000 });
  } else {
    await run(exe, args, { timeout: 120_000 });
  }
}

/** Server settings of a test cluster: nothing here needs to survive a power cut. */
const TEST_SETTINGS = { max_connections: '200', fsync: 'off' };

/** A throwaway cluster on 127.0.0.1 (like .ci/run), stopped by pid. */
export async function startPgCluster(binDir: string, opts: { settings?: Record<string, string> } = {}): Promise<PgCluster> {
  const settings = Object.entries(opts.settings ?? TEST_SETTINGS)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  const dir = mkdtempSync(path.join(tmpdir(), 'hotline-faults-pg-'));
  chmodSync(dir, 0o755);
  if (asRoot()) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  await asPostgres(binDir, 'initdb', ['-D', data, '-U', 'hotline', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const start = () =>
    asPostgres(binDir, 'pg_ctl', ['-D', data, '-o', `-h 127.0.0.1 -p ${port} -k ${dir} ${settings}`, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  await start();
  const pid = () => Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const stop = async () => {
    if (!existsSync(path.join(data, 'postmaster.pid'))) return;
    const p = pid();
    // SIGINT = fast shutdown: open transactions roll back, clients are disconnected.
    process.kill(p, 'SIGINT');
    await until('PostgreSQL to stop', () => !alive(p), 60_000, 50);
  };
  return {
    url: `postgresql://hotline@127.0.0.1:${port}/postgres`,
    port,
    binDir,
    pid,
    stop,
    start,
    async restart(downMs = 1000) {
      await stop();
      await sleep(downMs);
      await start();
    },
    async destroy() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A new empty database on a PostgreSQL server; returns its URL. */
export async function createDatabase(serverUrl: string, prefix = 'hotline_faults'): Promise<string> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one query on a fresh connection (the test's view of the database). */
export async function query<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The console as a child process

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** The last 20 kB of its stdout and stderr, for failure messages. */
  output(): string;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Resident memory in bytes (Linux /proc). */
  rss(): number;
}

export interface SpawnOptions {
  /** DATABASE_URL or DATA_DIR, and anything else. */
  env: Record<string, string>;
  port?: number;
  seedDemo?: boolean;
  startTimeoutMs?: number;
  /** Flags for node itself (the bench's `--cpu-prof DIR` profiles the console this way). */
  nodeArgs?: string[];
  /** More options of `hotline serve` (`--seed-history 1`). */
  serveArgs?: string[];
}

/** What a console process started here runs with: this machine's basics, on loopback at `port`, quiet. */
export function consoleEnv(port: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    TZ: process.env.TZ ?? 'UTC',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
}

export async function spawnServer(opts: SpawnOptions): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const env: Record<string, string> = {
    ...consoleEnv(port),
    SWEEP_INTERVAL_SECONDS: '0',
    ...opts.env,
  };
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), 'bin/hotline.js', 'serve', ...(opts.seedDemo === false ? [] : ['--seed-demo']), ...(opts.serveArgs ?? [])],
    {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  let started = false;
  await Promise.race([
    until(
      `the console on ${url} to answer /api/health`,
      async () => (await fetch(`${url}/api/health`).catch(() => null))?.status === 200,
      opts.startTimeoutMs ?? 120_000,
      100,
    ),
    exited.then((code) => {
      if (!started) throw new Error(`the console exited with code ${code} before answering`);
    }),
  ]).catch((err: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${err.message}\n--- server output ---\n${out}`);
  });
  started = true;
  return {
    url,
    port,
    pid: child.pid!,
    child,
    output: () => out,
    exited,
    async kill(signal = 'SIGTERM') {
      if (gone) return;
      child.kill(signal);
      await exited;
    },
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb * 1024;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// nginx

export function nginxBinary(): string | null {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(p)) return p;
  return null;
}

/** nginx, or null with a clear message; CI installs it (.ci/run), so there it must exist. */
export function requireNginx(what: string): string | null {
  const bin = nginxBinary();
  if (bin) return bin;
  const msg = `[faults] ${what}: nginx not installed (apt-get install -y nginx)`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(msg);
  console.warn(`${msg}; skipped`);
  return null;
}

export const NGINX_SAMPLE = path.join(REPO, 'docs', 'nginx.conf');

export interface NginxProcess {
  url: string;
  port: number;
  /** nginx's error log (warnings and up). */
  errors(): string;
  /** Marks one upstream `down` (or back up) and reloads nginx, as DEPLOY.md's rolling restart does. */
  setDown(upstreamPort: number, down: boolean): Promise<void>;
  stop(): Promise<void>;
}

/**
 * nginx in front of the given console ports with docs/nginx.conf itself: only the listen port
 * and the upstream ports are rewritten, inside a minimal main config of our own.
 */
export async function startNginx(bin: string, upstreamPorts: number[]): Promise<NginxProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hotline-faults-nginx-'));
  const port = await freePort();
  let conf = readFileSync(NGINX_SAMPLE, 'utf8');
  const servers = [...conf.matchAll(/^(\s*)server 127\.0\.0\.1:\d+ (.*);$/gm)];
  if (servers.length < 1 || !/^\s*listen 80;$/m.test(conf)) throw new Error('docs/nginx.conf: expected `listen 80;` and `server 127.0.0.1:<port> …;` lines');
  const indent = servers[0]![1]!;
  const options = servers[0]![2]!;
  conf = conf.replace(/^\s*server 127\.0\.0\.1:\d+ .*;\n/gm, '');
  conf = conf.replace(/^(upstream hotline_console \{\n)/m, `$1${upstreamPorts.map((p) => `${indent}server 127.0.0.1:${p} ${options};\n`).join('')}`);
  conf = conf.replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
  writeFileSync(path.join(dir, 'hotline.conf'), conf);
  const user = process.getuid?.() === 0 ? 'user root root;\n' : '';
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `${user}worker_processes 1;\ndaemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\nerror_log ${dir}/notice.log notice;\n` +
      `events { worker_connections 4096; }\n` +
      `http {\n  access_log off;\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n` +
      `  fastcgi_temp_path ${dir}/fastcgi;\n  uwsgi_temp_path ${dir}/uwsgi;\n  scgi_temp_path ${dir}/scgi;\n  include ${dir}/hotline.conf;\n}\n`,
  );
  const child = spawn(bin, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  /** Old workers that have stopped accepting connections after a reload (one per reload: worker_processes 1). */
  const reloadsDone = () => {
    const file = path.join(dir, 'notice.log');
    return existsSync(file) ? readFileSync(file, 'utf8').split('gracefully shutting down').length - 1 : 0;
  };
  await until(
    `nginx on ${url}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${out}`);
      return (await fetch(`${url}/api/health`).catch(() => null))?.status === 200;
    },
    20_000,
  );
  return {
    url,
    port,
    errors: () => (existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8') : ''),
    async setDown(upstreamPort, down) {
      const file = path.join(dir, 'hotline.conf');
      const line = new RegExp(`^(\\s*server 127\\.0\\.0\\.1:${upstreamPort} [^;]*?)( down)?;$`, 'm');
      const before = readFileSync(file, 'utf8');
      if (!line.test(before)) throw new Error(`no upstream line for port ${upstreamPort}`);
      writeFileSync(file, before.replace(line, down ? '$1 down;' : '$1;'));
      // `nginx -s reload`: new workers read the file; the old ones finish the requests they hold.
      // The new file is in force once the old worker stops accepting ("gracefully shutting down").
      const shutdowns = reloadsDone();
      child.kill('SIGHUP');
      await until('nginx to reload', () => reloadsDone() > shutdowns, 20_000, 20);
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Live clients

export interface LiveRecorder {
  socket: Socket;
  /** Every event as received, duplicates included. */
  raw: LiveEvent[];
  /** Events the client's feed accepted (what a screen applies). */
  accepted: LiveEvent[];
  readies: number;
  /** The stream position of the first `ready`, and the rooms the server put us in. */
  firstSeq: number;
  rooms: string[];
  resyncs: number;
  /** Why and where the socket dropped (reason @ last seq seen), for failure messages. */
  drops: string[];
  feed: LiveFeed;
  close(): void;
}

/**
 * A socket.io client that behaves like the browser's live connection (client/src/lib/live/
 * connection.ts): websocket transport, reconnects by itself, and on every reconnect resumes as the
 * browser does, `LiveFeed.resume()` — a little below the highest seq seen, listing what it has.
 * (Resuming from the highest alone loses a straggler: an event relayed from the other process that
 * was still on its way when a higher one arrived and the socket dropped. A CI run of the rolling
 * restart lost two so, on this client only.)
 */
export function liveClient(api: ApiClient, opts: { baseUrl?: string; lastSeq?: number } = {}): LiveRecorder {
  const rec: LiveRecorder = {
    socket: null as unknown as Socket,
    raw: [],
    accepted: [],
    readies: 0,
    firstSeq: -1,
    rooms: [],
    resyncs: 0,
    drops: [],
    feed: new LiveFeed(opts.lastSeq ?? 0),
    close: () => rec.socket.close(),
  };
  rec.socket = ioClient(opts.baseUrl ?? api.baseUrl, {
    transports: ['websocket'],
    extraHeaders: api.cookie ? { cookie: api.cookie } : {},
    // Like the store: once it has a position (even 0), every reconnect asks to resume from it.
    auth: (cb) => cb(opts.lastSeq === undefined && rec.readies === 0 ? {} : rec.feed.resume()),
    reconnection: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 2000,
    forceNew: true,
  });
  rec.socket.on('ready', (r: { seq: number; rooms: string[] }) => {
    if (rec.readies === 0) {
      rec.firstSeq = r.seq;
      rec.rooms = r.rooms;
      // The stream position to resume from (the browser's takes it from its snapshot): what came
      // before it is not this client's to replay.
      if (opts.lastSeq === undefined) rec.feed = new LiveFeed(r.seq);
    }
    rec.readies++;
  });
  rec.socket.on('resync', () => rec.resyncs++);
  rec.socket.on('disconnect', (reason) => rec.drops.push(`${reason}@${rec.feed.lastSeq}`));
  rec.socket.on('event', (e: LiveEvent) => {
    rec.raw.push(e);
    if (rec.feed.accept(e)) rec.accepted.push(e);
  });
  return rec;
}

export const waitReady = (rec: LiveRecorder, n = 1, timeoutMs = 30_000) => until(`socket ready #${n}`, () => rec.readies >= n, timeoutMs, 20);

/** Events in the database a client in `rooms` must have received after `afterSeq`. */
export async function expectedSeqs(databaseUrl: string, afterSeq: number, rooms: string[]): Promise<number[]> {
  const rows = await query<{ seq: string }>(databaseUrl, 'select seq from events where seq > $1 and rooms && $2::text[] order by seq', [afterSeq, rooms]);
  return rows.map((r) => Number(r.seq));
}

/** What a live client lacks of `expected`, once it has caught up (or the wait ran out). */
export async function missingAfterSettling(rec: LiveRecorder, expected: number[], timeoutMs = 20_000): Promise<number[]> {
  const got = () => new Set(rec.accepted.map((e) => e.seq));
  await until('the live client to catch up', () => expected.every((s) => got().has(s)), timeoutMs, 50).catch(() => undefined);
  const have = got();
  return expected.filter((s) => !have.has(s));
}
