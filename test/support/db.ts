/**
 * A fresh database per test file: an in-memory PGlite, or — when DATABASE_URL (or
 * TEST_DATABASE_URL) points at a PostgreSQL server — a new database created on it. Isolation by
 * a new town per file, never by truncation. Each is a copy of a template built once per run
 * (test/support/template.ts): `empty` is migrated and holds nothing, `demo` holds the demo town.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { buildTemplates, databaseUrl, onServer, type TemplateName, type Templates } from './template';

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export interface TestDatabaseOptions {
  /** What the copy starts with: `empty` (migrated only, the default) or `demo` (the demo town seeded). */
  template?: TemplateName;
}

/** This run's templates; a file run without the global setup (another config) builds its own. */
let local: Promise<Templates> | null = null;
function templates(): Promise<Templates> {
  const provided = inject('dbTemplates');
  if (provided) return Promise.resolve(provided);
  local ??= buildTemplates(testDatabaseUrl()).then((built) => {
    process.once('beforeExit', () => void built.remove());
    return built.templates;
  });
  return local;
}

export async function openTestDatabase(opts: TestDatabaseOptions = {}): Promise<Database> {
  const template = opts.template ?? 'empty';
  const serverUrl = testDatabaseUrl();
  const tpl = await templates();
  let database: Database;
  if (serverUrl) {
    if (tpl.engine !== 'postgresql') throw new Error('template databases were built for PGlite, but DATABASE_URL is set in this worker');
    const name = `hotline_test_${randomBytes(6).toString('hex')}`;
    await onServer(serverUrl, (c) => createFromTemplate(c, name, tpl.databases[template]));
    const opened = await openDatabase({ databaseUrl: databaseUrl(serverUrl, name) });
    // Dropped when the file closes it: the shared server does not fill up with test databases.
    database = {
      ...opened,
      close: () => opened.close().then(() => onServer(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined)),
    };
  } else {
    if (tpl.engine !== 'pglite') throw new Error('template databases were built on PostgreSQL, but DATABASE_URL is not set in this worker');
    database = await openDatabase({ dataDir: 'memory', loadDataDir: new Blob([readFileSync(tpl.files[template])]) });
  }
  return database;
}

/** CREATE DATABASE … TEMPLATE refuses while another session briefly holds the template: retry. */
async function createFromTemplate(c: import('pg').Client, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await c.query(`create database ${name} template ${template}`);
      return;
    } catch (err) {
      if (attempt >= 20 || !/is being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

export const engineName = () => (testDatabaseUrl() ? 'postgresql' : 'pglite');
