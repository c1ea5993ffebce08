/**
 * Issue 14, items 1 and 3, in one process on real files: the embedded database's folder is
 * private (every file PGlite writes, WAL segments created later included; a loose folder is
 * tightened at start with a warning), and its lock tells a live holder from a dead one — a pid
 * that is gone, a pid reused by another process, a machine restarted, a folder copied, a holder in
 * another pid namespace whose heartbeat stopped. The same guarantees as child processes are in
 * test/faults/data-folder.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from '../db/client';
import {
  DataFolderError,
  DataFolderInUseError,
  folderId,
  HEARTBEAT_STALE_MS,
  LOCK_FILE,
  lockDataFolder,
  processIdentity,
  type FolderLog,
  type LockRecord,
} from '../db/data-folder';
import { loadConfig } from '../server/platform/config';
import { SIMULATOR_TOKEN_FILE, webhookAuthToken } from '../server/telephony/settings';

const scratch = mkdtempSync(path.join(tmpdir(), 'hotline-datadir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(scratch, `d${++n}`);

/** Every entry under `dir`, the folder itself included, with its permission bits. */
function modes(dir: string): { path: string; dir: boolean; mode: number }[] {
  const out = [{ path: '.', dir: true, mode: statSync(dir).mode & 0o777 }];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      out.push({ path: path.relative(dir, p), dir: st.isDirectory(), mode: st.mode & 0o777 });
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}
const notPrivate = (dir: string) => modes(dir).filter((e) => e.mode !== (e.dir ? 0o700 : 0o600));

function recordingLog() {
  const lines: { level: string; fields: Record<string, unknown>; msg: string }[] = [];
  const at =
    (level: string) =>
    (fields: object, msg: string): void => {
      lines.push({ level, fields: fields as Record<string, unknown>, msg });
    };
  const log: FolderLog = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

describe('private files (embedded database)', () => {
  const dataDir = freshDir();

  it('every file PGlite creates is 0600 in 0700 folders, WAL segments written after the start included', async () => {
    const database = await openDatabase({ dataDir });
    try {
      const walAtStart = new Set(readdirSync(path.join(dataDir, 'pg_wal')));
      // ≈50 MB of rows: PostgreSQL switches to new 16 MB WAL segments while the console runs.
      await database.db.execute(sql`create table filler (x text)`);
      await database.db.execute(sql`insert into filler select repeat(md5(i::text), 32) from generate_series(1, 50000) i`);
      await database.db.execute(sql`checkpoint`);
      const [row] = await rowsOf<{ n: number }>(database.db, sql`select count(*)::int as n from filler`);
      expect(row!.n).toBe(50000);
      const newSegments = readdirSync(path.join(dataDir, 'pg_wal')).filter((f) => /^[0-9A-F]{24}$/.test(f) && !walAtStart.has(f));
      expect(newSegments.length).toBeGreaterThan(0);
      expect(notPrivate(dataDir)).toEqual([]);
    } finally {
      await database.close();
    }
    expect(notPrivate(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('an existing world-readable folder is tightened at start, with one warning that counts the files', async () => {
    const loose = modes(dataDir);
    for (const e of loose) chmodSync(path.join(dataDir, e.path), e.dir ? 0o777 : 0o666);
    const { log, lines } = recordingLog();
    const database = await openDatabase({ dataDir, log });
    try {
      expect(notPrivate(dataDir)).toEqual([]);
      const warnings = lines.filter((l) => l.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.fields).toMatchObject({ files: loose.length });
      expect(warnings[0]!.msg).toMatch(/other users/);
      const [row] = await rowsOf<{ n: number }>(database.db, sql`select count(*)::int as n from filler`);
      expect(row!.n).toBe(50000);
    } finally {
      await database.close();
    }
  });

  it('a folder created for the database is 0700, even when its parents are not', async () => {
    const parent = freshDir();
    mkdirSync(parent, { mode: 0o755 });
    chmodSync(parent, 0o755);
    const lock = await lockDataFolder(path.join(parent, 'nested', 'data'));
    try {
      expect(statSync(path.join(parent, 'nested', 'data')).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(parent, 'nested', 'data', LOCK_FILE)).mode & 0o777).toBe(0o600);
    } finally {
      lock.release();
    }
  });

  it('refuses a folder that holds other files and no database, instead of writing into it', async () => {
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'notes.txt'), 'someone else’s file');
    chmodSync(path.join(dir, 'notes.txt'), 0o644);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataFolderError);
    expect(statSync(path.join(dir, 'notes.txt')).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('the telephony simulator token is 0600 in a 0700 folder, and a loose one is tightened when read', () => {
    const dir = path.join(freshDir(), 'data');
    webhookAuthToken(loadConfig({ DATA_DIR: dir }));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, SIMULATOR_TOKEN_FILE)).mode & 0o777).toBe(0o600);

    const old = freshDir();
    mkdirSync(old, { mode: 0o755 });
    writeFileSync(path.join(old, SIMULATOR_TOKEN_FILE), 'an-old-token-from-an-earlier-version');
    chmodSync(path.join(old, SIMULATOR_TOKEN_FILE), 0o644);
    expect(webhookAuthToken(loadConfig({ DATA_DIR: old }))).toBe('an-old-token-from-an-earlier-version');
    expect(statSync(path.join(old, SIMULATOR_TOKEN_FILE)).mode & 0o777).toBe(0o600);
  });
});

describe('the data folder lock', () => {
  /** A lock file as another process would have left it: this process's identity, then the overrides. */
  function leaveLock(dir: string, overrides: Partial<LockRecord>, mtime?: Date): LockRecord {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const record: LockRecord = {
      ...processIdentity(),
      command: 'hotline serve',
      since: '2026-12-01T01:00:00.000Z',
      url: 'http://127.0.0.1:3999',
      folder: folderId(dir),
      ...overrides,
    };
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(record), { mode: 0o600 });
    if (mtime) utimesSync(path.join(dir, LOCK_FILE), mtime, mtime);
    return record;
  }

  async function refusal(dir: string): Promise<DataFolderInUseError> {
    const err = await lockDataFolder(dir).then(
      (lock) => {
        lock.release();
        return null;
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataFolderInUseError);
    return err as DataFolderInUseError;
  }

  async function takesOver(dir: string): Promise<string> {
    const { log, lines } = recordingLog();
    const lock = await lockDataFolder(dir, { log, command: 'hotline report' });
    try {
      const now = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as LockRecord;
      expect(now).toMatchObject({ pid: process.pid, command: 'hotline report', startTicks: processIdentity().startTicks });
    } finally {
      lock.release();
    }
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const info = lines.find((l) => l.level === 'info');
    expect(info).toBeDefined();
    return info!.msg;
  }

  it('a second open in the same process is refused naming this process; closing releases the folder', async () => {
    const dir = freshDir();
    const first = await lockDataFolder(dir, { command: 'hotline serve' });
    first.setUrl('http://127.0.0.1:3001');
    const err = await refusal(dir);
    expect(err.holder).toMatchObject({ pid: process.pid, command: 'hotline serve', url: 'http://127.0.0.1:3001' });
    expect(err.message).toContain(`pid ${process.pid}`);
    expect(err.message).toContain('hotline serve');
    expect(err.message).not.toContain('\n');
    first.release();
    (await lockDataFolder(dir)).release();
  });

  it('a live process of its own holds the folder', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      await new Promise((r) => child.once('spawn', r));
      const dir = freshDir();
      leaveLock(dir, processIdentity(child.pid!));
      const err = await refusal(dir);
      expect(err.message).toContain(`pid ${child.pid}`);
      expect(err.message).toContain('since 2026-12-01T01:00:00.000Z');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('a lock whose process is gone is taken over', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const dir = freshDir();
    leaveLock(dir, { pid: gone, startTicks: '12345' });
    expect(await takesOver(dir)).toContain(`pid ${gone}`);
  });

  it('a pid reused by another process since does not hold the folder (start time differs)', async () => {
    const dir = freshDir();
    // This very test process stands in for the stranger that now has the dead holder's pid.
    leaveLock(dir, { startTicks: String(Number(processIdentity().startTicks) - 1000) });
    expect(await takesOver(dir)).toMatch(/another process/);
  });

  it('a lock from before a restart of the machine is taken over', async () => {
    const dir = freshDir();
    leaveLock(dir, { bootId: '00000000-0000-0000-0000-000000000000' });
    expect(await takesOver(dir)).toMatch(/restarted/);
  });

  it('a lock copied along with the folder is no lock on the copy', async () => {
    const dir = freshDir();
    leaveLock(dir, { folder: '1:2' });
    expect(await takesOver(dir)).toMatch(/copied/);
  });

  it('a holder in another pid namespace holds the folder while its heartbeat is fresh', async () => {
    const dir = freshDir();
    leaveLock(dir, { pidNamespace: 'pid:[1]', pid: 1 });
    expect((await refusal(dir)).message).toContain('pid 1');
    const old = new Date(Date.now() - HEARTBEAT_STALE_MS - 5000);
    utimesSync(path.join(dir, LOCK_FILE), old, old);
    expect(await takesOver(dir)).toMatch(/heartbeat/);
  });

  it('a damaged lock file is taken over once it is old enough not to be one being written', async () => {
    const dir = freshDir();
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(path.join(dir, LOCK_FILE), '{"pid": 12');
    const old = new Date(Date.now() - 10_000);
    utimesSync(path.join(dir, LOCK_FILE), old, old);
    expect(await takesOver(dir)).toMatch(/unreadable/);
  });
});
