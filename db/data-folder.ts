/**
 * The embedded database's folder (DATA_DIR): one process at a time, readable by its owner only.
 *
 * PGlite takes no lock on its folder. Two processes on one folder each run their own PostgreSQL
 * over the same files: both hand out the same ids and ticket numbers, and whichever writes last
 * wins, so acknowledged tickets vanish (issue 14). Whoever opens the embedded database first
 * takes `DATA_DIR/hotline.lock`; anyone else is refused with the holder's pid, what it is and
 * since when. The lock file is created atomically (a hard link of a fully written file, so
 * nobody ever reads it half-written) and says who holds it; a holder is alive when its pid
 * exists with the start time it recorded, so neither a SIGKILL nor a reused pid leaves a folder
 * locked. Why this design: docs/decisions/data-folder.md.
 *
 * PGlite's file layer (Emscripten's NODEFS) sets the modes PostgreSQL asks for with chmod —
 * 0666 for the files initdb writes, 0644 for others — whatever the process umask. So the folder
 * is created 0700, everything in it is tightened before the database opens, and PGlite's file
 * system is mounted through PrivateNodeFS (./private-node-fs.ts), which strips group and other
 * bits from every mode it sets, for files written later too (new WAL segments, new relations).
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'hotline.lock';
/** The simulator's webhook token (server/telephony/settings.ts) lives beside the database. */
export const SIMULATOR_TOKEN_FILE = 'telephony-simulator-token';
/** How often the holder touches its lock file (its heartbeat). */
const HEARTBEAT_MS = 10_000;
/** A holder whose pid cannot be checked from here (another pid namespace or host) is alive while its heartbeat is younger than this. */
export const HEARTBEAT_STALE_MS = 60_000;
/** A lock file that does not parse may be one being written (filesystems without hard links): wait this long before calling it damaged. */
const UNREADABLE_GRACE_MS = 2_000;

/** pino's signature; the CLI passes a small stderr writer. */
export interface FolderLog {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

export interface ProcessIdentity {
  pid: number;
  /** Start of the process in clock ticks after boot (/proc/<pid>/stat field 22): a reused pid has another. */
  startTicks?: string;
  /** /proc/sys/kernel/random/boot_id: new at every boot, so no pid from before a restart counts. */
  bootId?: string;
  /** /proc/self/ns/pid: a pid means something only inside its pid namespace (containers). */
  pidNamespace?: string;
  hostname: string;
}

/** What `hotline.lock` holds (JSON). */
export interface LockRecord extends ProcessIdentity {
  /** What holds the folder: `hotline serve`, `hotline report`, … */
  command: string;
  /** ISO time the lock was taken. */
  since: string;
  /** Where the holder serves the console, once it listens. */
  url?: string;
  /** device:inode of the folder: a lock copied along with the folder does not lock the copy. */
  folder: string;
}

export class DataFolderError extends Error {
  /** Exit status of the command line. */
  readonly exitCode: number = 1;
}

/** Another live process holds the folder. Exit status 75 (EX_TEMPFAIL): try again once it stops. */
export class DataFolderInUseError extends DataFolderError {
  override readonly exitCode = 75;
  /** Who holds it, in one clause: `the data folder … is in use by pid … (…)`. */
  readonly summary: string;
  constructor(
    readonly dataDir: string,
    readonly holder: LockRecord,
    where?: string,
  ) {
    const what = [holder.command, holder.url ? `at ${holder.url}` : null, `since ${holder.since}`, where].filter(Boolean).join(', ');
    const summary = `the data folder ${dataDir} is in use by pid ${holder.pid} (${what})`;
    super(`${summary}; only one process at a time may open the embedded database: stop that one first`);
    this.summary = summary;
  }

  /** The same refusal with what to do instead (e.g. where a running console shows the report). */
  advise(advice: string): this {
    this.message = `${this.summary}; ${advice}`;
    return this;
  }
}

export interface DataFolderLock {
  readonly dataDir: string;
  readonly record: LockRecord;
  /** Records where the holder serves, for the messages of processes it refuses. */
  setUrl(url: string): void;
  /** Removes the lock file (if it is still ours). Also done when the process exits. */
  release(): void;
}

export interface LockOptions {
  /** What holds the folder, e.g. `hotline report`; by default read from the process's arguments. */
  command?: string;
  log?: FolderLog;
}

/**
 * Creates DATA_DIR (0700) if needed, takes its lock, refuses a folder of other files, and
 * tightens what is in it (one warning with the count). The database may be opened after this.
 */
export async function prepareDataFolder(dataDir: string, opts: LockOptions = {}): Promise<DataFolderLock> {
  ensurePrivateDir(path.resolve(dataDir));
  refuseForeignFolder(realpathSync(path.resolve(dataDir))); // before leaving even a lock file in it
  const lock = await lockDataFolder(dataDir, opts);
  try {
    const { fixed, failed } = tightenDataFolder(lock.dataDir);
    if (fixed > 0) {
      opts.log?.warn(
        { dataDir: lock.dataDir, files: fixed },
        'DATA_DIR had files and folders other users could read or write; tightened to 0600 (files) and 0700 (folders)',
      );
    }
    if (failed > 0) {
      opts.log?.error({ dataDir: lock.dataDir, files: failed }, 'DATA_DIR has files other users can read that this user may not chmod (owned by someone else)');
    }
    return lock;
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Takes DATA_DIR's lock, creating the folder (0700) if needed; throws DataFolderInUseError while a live process holds it. */
export async function lockDataFolder(dataDir: string, opts: LockOptions = {}): Promise<DataFolderLock> {
  ensurePrivateDir(path.resolve(dataDir));
  // The folder itself, when DATA_DIR is a symbolic link to it.
  const dir = realpathSync(path.resolve(dataDir));
  const file = path.join(dir, LOCK_FILE);
  const identity = processIdentity();
  const folder = folderId(dir);
  const record: LockRecord = { ...identity, command: opts.command ?? commandOfThisProcess(), since: new Date().toISOString(), folder };
  for (let attempt = 0; attempt < 20; attempt++) {
    if (createExclusive(file, JSON.stringify(record))) return holdLock(dir, file, record, opts.log);
    const seen = readLock(file);
    if (!seen) continue; // released between our try and our look
    let why: string;
    if (seen.record) {
      const verdict = judgeHolder(seen.record, seen.mtimeMs, { folder, identity });
      if (verdict.alive) throw new DataFolderInUseError(dir, seen.record, verdict.why);
      why = verdict.why;
    } else if (Date.now() - seen.mtimeMs < UNREADABLE_GRACE_MS) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    } else {
      why = 'the lock file is unreadable';
    }
    if (removeIfUnchanged(file, seen.raw)) {
      const holder = seen.record ? { pid: seen.record.pid, command: seen.record.command, since: seen.record.since } : {};
      opts.log?.info({ dataDir: dir, ...holder }, `took over the data folder lock of a process that is gone: ${why}`);
    }
  }
  throw new DataFolderError(`could not take the lock of the data folder ${dir}: it kept changing (several processes starting at once?)`);
}

type Verdict = { alive: true; why?: string } | { alive: false; why: string };

/** Whether the process a lock names still runs, as far as this process can tell. */
function judgeHolder(rec: LockRecord, lockMtimeMs: number, here: { folder: string; identity: ProcessIdentity }, now = Date.now()): Verdict {
  if (rec.folder !== here.folder) return { alive: false, why: `the lock of pid ${rec.pid} was copied with the folder from elsewhere` };
  const heartbeat = (where: string): Verdict =>
    now - lockMtimeMs < HEARTBEAT_STALE_MS
      ? { alive: true, why: where }
      : { alive: false, why: `the heartbeat of pid ${rec.pid} ${where} stopped ${Math.round((now - lockMtimeMs) / 1000)} s ago` };
  if (rec.bootId && here.identity.bootId && rec.bootId !== here.identity.bootId) {
    if (rec.hostname === here.identity.hostname) return { alive: false, why: `pid ${rec.pid} ran before the machine restarted` };
    // The folder is shared with another machine (not supported, but not to be trampled either).
    return heartbeat(`on host ${rec.hostname}`);
  }
  if (rec.pidNamespace && here.identity.pidNamespace && rec.pidNamespace !== here.identity.pidNamespace) {
    // Another container on the same kernel: its pids are not ours to check.
    return heartbeat('in another pid namespace (container)');
  }
  try {
    process.kill(rec.pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user — alive.
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return { alive: false, why: `pid ${rec.pid} is gone` };
  }
  const current = procStat(rec.pid);
  if (current && (current.state === 'Z' || current.state === 'X')) return { alive: false, why: `pid ${rec.pid} has exited` };
  if (current && rec.startTicks && current.startTicks !== rec.startTicks) return { alive: false, why: `pid ${rec.pid} now belongs to another process` };
  return { alive: true };
}

/** This process (or another one by pid, on Linux) as a lock records it. */
export function processIdentity(pid = process.pid): ProcessIdentity {
  const id: ProcessIdentity = { pid, hostname: hostname() };
  const stat = procStat(pid);
  if (stat) id.startTicks = stat.startTicks;
  const bootId = readOptional('/proc/sys/kernel/random/boot_id');
  if (bootId) id.bootId = bootId;
  try {
    id.pidNamespace = readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    // not Linux, or not allowed to look: the pid check alone decides
  }
  return id;
}

export function folderId(dir: string): string {
  const st = statSync(dir);
  return `${st.dev}:${st.ino}`;
}

/** `hotline serve`, `hotline report`, … from the process's arguments; `node <script>` otherwise. */
function commandOfThisProcess(): string {
  const script = process.argv[1] ? path.basename(process.argv[1]) : '';
  if (/^hotline(\.js)?$/.test(script)) return ['hotline', process.argv[2]].filter(Boolean).join(' ');
  return script ? `node ${script}` : 'node';
}

function procStat(pid: number): { state: string; startTicks: string } | null {
  const raw = readOptional(`/proc/${pid}/stat`);
  if (!raw) return null;
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19]; // field 22 overall
  return state && startTicks ? { state, startTicks } : null;
}

function readOptional(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Creates `file` with `content` unless it exists; never leaves it half-written. */
function createExclusive(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
    // A filesystem without hard links: exclusive create, then write (readers allow for the gap).
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, content);
      } finally {
        closeSync(fd);
      }
      return true;
    } catch (err2) {
      if ((err2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err2;
    }
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
}

function readLock(file: string): { raw: string; record: LockRecord | null; mtimeMs: number } | null {
  try {
    const raw = readFileSync(file, 'utf8');
    const mtimeMs = statSync(file).mtimeMs;
    let record: LockRecord | null = null;
    try {
      const parsed = JSON.parse(raw) as Partial<LockRecord>;
      if (Number.isInteger(parsed.pid) && typeof parsed.folder === 'string' && typeof parsed.since === 'string') record = parsed as LockRecord;
    } catch {
      // damaged or half-written
    }
    return { raw, record, mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Removes a stale lock file — only the one we judged: it is moved aside first (atomic), and if
 * what we moved is a lock another process took in the meantime, it is put back.
 */
function removeIfUnchanged(file: string, raw: string): boolean {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  try {
    if (readFileSync(aside, 'utf8') === raw) return true;
    try {
      linkSync(aside, file);
    } catch {
      // A third process took the name in between; it holds the folder now.
    }
    return false;
  } finally {
    unlinkSync(aside);
  }
}

function holdLock(dir: string, file: string, record: LockRecord, log: FolderLog | undefined): DataFolderLock {
  let released = false;
  const mine = () => {
    const seen = readLock(file);
    return seen?.record?.pid === record.pid && seen.record.since === record.since && seen.record.startTicks === record.startTicks;
  };
  // The heartbeat lets a process that cannot check our pid (another container) see we are alive.
  const heartbeat = setInterval(() => {
    try {
      if (!mine()) {
        clearInterval(heartbeat);
        log?.error(
          { dataDir: dir },
          `the data folder lock (${LOCK_FILE}) was removed or replaced while this process held it; another process may be writing the same database`,
        );
        return;
      }
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // the next beat tries again
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const release = () => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    process.off('exit', release);
    try {
      if (mine()) unlinkSync(file);
    } catch {
      // gone already
    }
  };
  process.on('exit', release);
  return {
    dataDir: dir,
    record,
    setUrl(url) {
      record.url = url;
      if (released || !mine()) return;
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(tmp, JSON.stringify(record), { mode: 0o600, flag: 'wx' });
      renameSync(tmp, file); // atomic: readers see the old record or the new one
    },
    release,
  };
}

/** Creates `dir` (and missing parents) with the folder itself 0700. */
export function ensurePrivateDir(dir: string): void {
  try {
    if (statSync(dir).isDirectory()) return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(path.dirname(dir), { recursive: true });
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  chmodSync(dir, 0o700); // whatever the umask did
}

/**
 * A folder with other people's files and no database is not DATA_DIR: refuse it rather than
 * write a database into it (and tighten files that are not ours).
 */
function refuseForeignFolder(dir: string): void {
  const names = readdirSync(dir);
  if (names.includes('PG_VERSION')) return;
  const ours = (n: string) => n.startsWith('.') || n === SIMULATOR_TOKEN_FILE || n === LOCK_FILE || n.startsWith(`${LOCK_FILE}.`);
  const foreign = names.filter((n) => !ours(n));
  if (foreign.length > 0) {
    throw new DataFolderError(
      `the data folder ${dir} holds ${foreign.length} other file(s) and no database; point DATA_DIR at an empty or new folder of its own`,
    );
  }
}

/** Strips group and other permissions from `dir` and everything under it (symlinks skipped). */
function tightenDataFolder(dir: string): { fixed: number; failed: number } {
  let fixed = 0;
  let failed = 0;
  const visit = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    const mode = st.mode & 0o777;
    const want = st.isDirectory() ? 0o700 : mode & 0o700;
    if (mode !== want && (mode & 0o077) !== 0) {
      try {
        chmodSync(p, want);
        fixed++;
      } catch {
        failed++;
      }
    }
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return { fixed, failed };
}
