/**
 * One code path on two engines: PGlite (embedded, the default, data in DATA_DIR) and a
 * PostgreSQL server when DATABASE_URL is set. Both speak PostgreSQL; write SQL that PG 15 and
 * PGlite's PG 18 both accept (../shared/NOTES.md).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { prepareDataFolder, type DataFolderLock, type FolderLog } from './data-folder';
import { PrivateNodeFS } from './private-node-fs';
/**
 * Queries name the tables of ./schema directly; drizzle is given no schema: its relational API
 * (`db.query.…`) is not used, and with a schema every transaction object builds one query helper
 * per table (≈ 40) before its first statement.
 */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle; inside a transaction every query must use it (PGlite has one connection). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction: what read helpers accept. */
export type Queryable = Db | Tx;

/** The database each open transaction belongs to (server/platform/unit-of-work.ts records it). */
const transactionOwners = new WeakMap<Tx, Db>();
export function recordTransactionOwner(tx: Tx, db: Db): void {
  transactionOwners.set(tx, db);
}
/**
 * The database behind `q`: a cache of what never changes in one database (a policy version) keys
 * on it, so a process holding several databases (the test suites) never mixes them up.
 */
export function databaseOf(q: Queryable): Queryable {
  return transactionOwners.get(q as Tx) ?? q;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'pg';
  /** Where it lives, for logs: a folder, 'memory', or the server URL without password. */
  location: string;
  /** The embedded database's folder lock (absent for 'memory' and PostgreSQL). */
  dataFolder?: DataFolderLock;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  /** Use this PostgreSQL server instead of the embedded database. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; 'memory' for a throwaway one (tests). */
  dataDir?: string;
  /**
   * Start an in-memory PGlite from this data-dir dump (`dumpDataDir()`) instead of running initdb:
   * tests load one migrated, seeded template per file (test/support/template.ts).
   */
  loadDataDir?: Blob;
  /** Connection pool size for a PostgreSQL server. */
  poolSize?: number;
  onPoolError?: (err: Error) => void;
  /** What opens the embedded database, recorded in its folder's lock (default: from the process's arguments). */
  command?: string;
  /** Where the data folder reports a lock taken over or files tightened. */
  log?: FolderLog;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client losing its server (restart) emits here; without a listener node crashes.
    pool.on('error', (err) => opts.onPoolError?.(err));
    // So does a checked-out one (mid-transaction when PostgreSQL restarts): the pool removes its
    // idle listener while a client is lent out. Its query fails, the pool drops it on release.
    pool.on('connect', (client) => client.on('error', (err) => opts.onPoolError?.(err)));
    const db = drizzlePg(pool) as unknown as Db;
    return {
      db,
      kind: 'pg',
      location: redactUrl(opts.databaseUrl),
      ping: () => ping(db),
      close: () => pool.end(),
    };
  }
  const dataDir = opts.dataDir ?? './data';
  if (dataDir === 'memory') {
    const client = opts.loadDataDir ? new PGlite({ loadDataDir: opts.loadDataDir }) : new PGlite();
    await client.waitReady;
    return pglite(client, 'memory');
  }
  // One process per folder, private files (db/data-folder.ts): the lock comes before PGlite
  // reads a byte, so a refused process changes nothing in the folder.
  const lock = await prepareDataFolder(dataDir, { command: opts.command, log: opts.log });
  try {
    const client = new PGlite({ fs: new PrivateNodeFS(lock.dataDir) });
    await client.waitReady;
    return pglite(client, dataDir, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

function pglite(client: PGlite, location: string, lock?: DataFolderLock): Database {
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location,
    ...(lock ? { dataFolder: lock } : {}),
    ping: () => ping(db),
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pg') {
    await migratePg(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
}

async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://(unparsable url)';
  }
}

/** Rows of a raw `db.execute(sql…)`: both drivers return `{ rows }`. */
export async function rowsOf<T>(q: Queryable, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await q.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
