/**
 * Rules the database holds as literals because SQL in a committed migration cannot import the
 * shared code: each is read back from a migrated database and compared with the one definition.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSED_STATES } from '../shared/ticket/machine';
import { engineName, openTestDatabase } from '../test/support/db';
import { rowsOf, type Database } from './client';

describe(`the database's copies of shared rules (${engineName()})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
  });

  afterAll(async () => {
    await database?.close();
  });

  it("holds the open tickets' partial indexes to the machine's closed states", async () => {
    const indexes = await rowsOf<{ name: string; predicate: string }>(
      database.db,
      sql`select c.relname as name, pg_get_expr(i.indpred, i.indrelid) as predicate
          from pg_index i join pg_class c on c.oid = i.indexrelid
          where i.indrelid = 'tickets'::regclass and i.indpred is not null and pg_get_expr(i.indpred, i.indrelid) like '%state%'
          order by c.relname`,
    );
    expect(indexes.map((i) => i.name)).toEqual(['tickets_open_assist_idx', 'tickets_open_idx', 'tickets_open_unit_idx']);
    for (const { name, predicate } of indexes) {
      // PostgreSQL prints `state not in (…)` as `(state <> ALL (ARRAY['archived'::text, …]))`.
      expect(predicate, name).toMatch(/^\(state <> ALL \(ARRAY\[.*\]\)\)$/);
      const states = [...predicate.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);
      expect(states, name).toEqual([...CLOSED_STATES]);
    }
  });
});
