/**
 * Template databases: built once per vitest run (test/support/global-setup-db.ts), copied for
 * every test file. Fresh data per file stays the isolation rule; only the cost of making it
 * changes. A file used to pay ≈3.5 s for initdb + migrations + the demo seed on PGlite; loading
 * a data-dir dump costs a fraction of that, and on PostgreSQL `CREATE DATABASE … TEMPLATE` copies
 * the files instead of replaying 30-odd migrations and the seed.
 *
 * Two templates: `empty` (migrated, nothing in it: tests that seed their own town or history)
 * and `demo` (migrated + seedDemo: what startTestServer gives every file).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../../db/client';
import { seedDemo } from '../../server/demo/seed-demo';

export const DEMO_PASSWORD = 'hotline-demo';

export type TemplateName = 'empty' | 'demo';

/** Where this run's templates are: dump files (PGlite) or database names (PostgreSQL). */
export type Templates = { engine: 'pglite'; files: Record<TemplateName, string> } | { engine: 'postgresql'; databases: Record<TemplateName, string> };

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplates: Templates;
  }
}

/** Database URL of `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs statements on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a pool's transaction). */
export async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function seed(database: Database): Promise<void> {
  const seeded = await seedDemo(database.db, { password: DEMO_PASSWORD });
  if (!seeded.seeded) throw new Error('template: the demo town was already there');
}

/** Builds both templates; returns where they are and how to remove them. */
export async function buildTemplates(serverUrl: string | undefined): Promise<{ templates: Templates; remove(): Promise<void> }> {
  if (serverUrl) {
    const run = randomBytes(4).toString('hex');
    const names = { empty: `hotline_tpl_${run}_empty`, demo: `hotline_tpl_${run}_demo` };
    await onServer(serverUrl, (c) => c.query(`create database ${names.empty}`));
    const empty = await openDatabase({ databaseUrl: databaseUrl(serverUrl, names.empty), poolSize: 1 });
    await migrateDatabase(empty);
    await empty.close();
    await onServer(serverUrl, (c) => c.query(`create database ${names.demo} template ${names.empty}`));
    const demo = await openDatabase({ databaseUrl: databaseUrl(serverUrl, names.demo), poolSize: 1 });
    await seed(demo);
    await demo.close();
    return {
      templates: { engine: 'postgresql', databases: names },
      remove: () =>
        onServer(serverUrl, async (c) => {
          for (const name of Object.values(names)) await c.query(`drop database if exists ${name} with (force)`);
        }),
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'hotline-templates-'));
  const files = { empty: path.join(dir, 'empty.tar'), demo: path.join(dir, 'demo.tar') };
  const database = await openDatabase({ dataDir: 'memory' });
  try {
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const dump = async (file: string) => {
      await database.db.execute(sql`checkpoint`);
      // Uncompressed: loading a plain tar is faster than gunzipping it in every file.
      writeFileSync(file, new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer()));
    };
    await migrateDatabase(database);
    await dump(files.empty);
    await seed(database);
    await dump(files.demo);
  } finally {
    await database.close();
  }
  return { templates: { engine: 'pglite', files }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}
