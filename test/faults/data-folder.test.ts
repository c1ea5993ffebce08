/**
 * Issue 14, items 1 and 3: one process per data folder, and the folder private. Real
 * `node bin/hotline.js` processes on one DATA_DIR (the embedded database): a second console and
 * every command that opens the database refuse at once while a console holds the folder, naming
 * its pid, and touch nothing in it; the first console keeps serving. After a SIGKILL the restart
 * takes the folder over with every acknowledged ticket intact. Every file under DATA_DIR is
 * readable by its owner only, and a folder left world-readable is tightened at start, with a
 * warning that carries a count and no personal data.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../support/db';
import { ApiClient, DEMO_PASSWORD, intake } from '../support/server';
import { freePort, REPO, spawnServer, type ServerProcess } from './processes';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** `node bin/hotline.js <args>` with a hand-built environment, as an operator would run it. */
function hotline(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/hotline.js', ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', TZ: 'UTC', LOG_LEVEL: 'warn', SWEEP_INTERVAL_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

/** Every entry under `dir` (the folder itself included): path → lstat. */
function entries(dir: string): Map<string, Stats> {
  const out = new Map<string, Stats>([['.', lstatSync(dir)]]);
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      out.set(path.relative(dir, p), st);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * What a refused command must leave alone: every name, inode, size, mode and modification time —
 * except the folder's own time (a refused lock attempt links and unlinks a temporary file in it)
 * and the lock file's (the holder's heartbeat touches it; its inode shows nobody replaced it).
 */
const fingerprint = (dir: string) =>
  [...entries(dir)]
    .map(([p, st]) => `${p} ${st.ino} ${st.size} ${p === '.' || p === 'hotline.lock' ? '' : st.mtimeMs} ${(st.mode & 0o777).toString(8)}`)
    .sort();

/** Entries other users could read, write or enter, as `path mode`. */
const notPrivate = (dir: string) =>
  [...entries(dir)]
    .filter(([, st]) => (st.isDirectory() ? (st.mode & 0o777) !== 0o700 : (st.mode & 0o777) !== 0o600))
    .map(([p, st]) => `${p} ${(st.mode & 0o777).toString(8)}`);

/** One line, no stack trace: what an operator reads in a terminal or the journal. */
function expectOneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

// Only the embedded database takes the lock; the PostgreSQL pass of CI has nothing new to check here.
describe.skipIf(Boolean(testDatabaseUrl()))('one process per data folder (embedded database, child processes)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-faults-datadir-'));
  const cleanups: (() => unknown)[] = [() => rmSync(dataDir, { recursive: true, force: true })];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  let first: ServerProcess;
  let op: ApiClient;
  const acknowledged: { id: number; number: string }[] = [];

  it('a second console on the folder exits at once naming the holder; the first keeps serving', async () => {
    first = await spawnServer({ env: { DATA_DIR: dataDir } });
    cleanups.push(() => first.kill('SIGKILL'));
    op = await ApiClient.login(first.url, 'operator', DEMO_PASSWORD);
    const created = await op.post('/api/tickets', intake());
    expect(created.status).toBe(201);
    acknowledged.push(created.body);

    const second = await hotline(['serve', '--seed-demo'], { DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1' }, 45_000);
    expect(second.timedOut, `the second console is still running after 45 s:\n${second.stdout}${second.stderr}`).toBe(false);
    expect(second.code).not.toBe(0);
    const line = expectOneLine(second.stderr);
    expect(line).toContain(`pid ${first.pid}`);
    expect(line).toContain('hotline serve');
    expect(line).toContain(first.url);
    console.log(`[faults] second console refused in ${second.ms} ms: ${line}`);

    // The first console never noticed.
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    const next = await op.post('/api/tickets', intake());
    expect(next.status).toBe(201);
    acknowledged.push(next.body);
    expect(next.body.id).toBeGreaterThan(created.body.id);
  });

  it('every command that opens the database refuses a served folder and touches nothing in it', async () => {
    const before = fingerprint(dataDir);
    const month = new Date().toISOString().slice(0, 7);
    const commands = [
      ['report', '--month', month],
      ['migrate'],
      ['seed'],
      ['seed-history', '--days', '1', '--if-empty'],
      ['workdays', '--db', 'is-working', '2026-10-08'],
      ['classify', '--db', '路灯不亮'],
    ];
    for (const args of commands) {
      const r = await hotline(args, { DATA_DIR: dataDir });
      expect(r.timedOut, args.join(' ')).toBe(false);
      expect({ command: args[0], code: r.code, stdout: r.stdout }).toEqual({ command: args[0], code: expect.any(Number), stdout: '' });
      expect(r.code).not.toBe(0);
      const line = expectOneLine(r.stderr);
      expect(line).toContain(`pid ${first.pid}`);
      expect(line).toContain('hotline serve');
      // The report is one click away on the running console (it needs a supervisor's login).
      if (args[0] === 'report') expect(line).toContain(`${first.url}/reports`);
    }
    expect(fingerprint(dataDir)).toEqual(before);
    expect((await op.get(`/api/tickets/${acknowledged[0]!.id}`)).status).toBe(200);
  });

  it('after a SIGKILL the restart takes the folder over: tickets intact, every file private, a loose folder tightened', async () => {
    // A call through the simulator writes its token file into DATA_DIR too.
    const supervisor = await ApiClient.login(first.url, 'supervisor', DEMO_PASSWORD);
    expect((await supervisor.post('/api/calls/simulator/inbound', { from: '13912345678', talk: 1 })).status).toBe(201);
    await first.kill('SIGKILL');

    // As an older version (or a careless copy) left it: world-readable and world-writable.
    let loosened = 0;
    for (const [p, st] of entries(dataDir)) {
      if (st.isSymbolicLink()) continue;
      chmodSync(path.join(dataDir, p), st.isDirectory() ? 0o777 : 0o666);
      loosened++;
    }

    const restarted = await spawnServer({ env: { DATA_DIR: dataDir }, port: first.port });
    cleanups.push(() => restarted.kill('SIGKILL'));
    const warning = restarted
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; files?: number })
      .find((l) => l.level === 40 && typeof l.files === 'number');
    expect(warning, restarted.output()).toBeDefined();
    // Everything loosened was tightened (the lock file of the killed console was among them).
    expect(warning!.files).toBeGreaterThanOrEqual(loosened - 1);
    expect(warning!.msg).not.toMatch(/1391234|\d{7,}/);

    const op2 = await ApiClient.login(restarted.url, 'operator', DEMO_PASSWORD);
    for (const t of acknowledged) {
      const got = await op2.get(`/api/tickets/${t.id}`);
      expect({ status: got.status, number: got.body.number }).toEqual({ status: 200, number: t.number });
    }
    const more = await op2.post('/api/tickets', intake());
    expect(more.status).toBe(201);
    expect(more.body.id).toBeGreaterThan(acknowledged.at(-1)!.id);

    // The lock names the new holder and where it serves.
    const lock = JSON.parse(readFileSync(path.join(dataDir, 'hotline.lock'), 'utf8')) as { pid: number; command: string; url: string };
    expect(lock).toMatchObject({ pid: restarted.pid, command: 'hotline serve', url: restarted.url });
    expect(existsSync(path.join(dataDir, 'telephony-simulator-token'))).toBe(true);
    expect(notPrivate(dataDir)).toEqual([]);

    // A clean stop leaves no lock behind.
    await restarted.kill('SIGTERM');
    expect(existsSync(path.join(dataDir, 'hotline.lock'))).toBe(false);
    expect(notPrivate(dataDir)).toEqual([]);
  });

  it('`serve --seed-history` (npm start) writes the demo history into an empty line, and a restart after SIGKILL leaves the line as it was', async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), 'hotline-faults-history-'));
    cleanups.push(() => rmSync(fresh, { recursive: true, force: true }));
    const started = await spawnServer({ env: { DATA_DIR: fresh }, serveArgs: ['--seed-history', '1'], startTimeoutMs: 240_000 });
    cleanups.push(() => started.kill('SIGKILL'));
    const sup = await ApiClient.login(started.url, 'supervisor', DEMO_PASSWORD);
    const before = await sup.get('/api/tickets');
    expect(before.status).toBe(200);
    // A day of calls (3 to 10 tickets, by the weekday), each with its events.
    const written = Number(/history written: (\d+) tickets/.exec(started.output())?.[1] ?? 0);
    expect(written, started.output()).toBeGreaterThanOrEqual(3);
    expect(before.body.seq).toBeGreaterThan(written);
    await started.kill('SIGKILL');

    const again = await spawnServer({ env: { DATA_DIR: fresh }, serveArgs: ['--seed-history', '1'], port: started.port });
    cleanups.push(() => again.kill('SIGKILL'));
    const after = await (await ApiClient.login(again.url, 'supervisor', DEMO_PASSWORD)).get('/api/tickets');
    expect({ seq: after.body.seq, open: after.body.tickets.length }).toEqual({ seq: before.body.seq, open: before.body.tickets.length });
    expect(again.output()).not.toContain('history written');
  });
});
