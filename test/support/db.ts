/**
 * A fresh database per test file: an in-memory PGlite, or — when DATABASE_URL (or
 * TEST_DATABASE_URL) points at a PostgreSQL server — a new database created on it. Isolation by
 * a new town per file, never by truncation.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../../db/client';

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export async function openTestDatabase(): Promise<Database> {
  const serverUrl = testDatabaseUrl();
  let database: Database;
  if (serverUrl) {
    const name = `hotline_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString() });
  } else {
    database = await openDatabase({ dataDir: 'memory' });
  }
  await migrateDatabase(database);
  return database;
}

export const engineName = () => (testDatabaseUrl() ? 'postgresql' : 'pglite');
