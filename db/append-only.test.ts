/**
 * PRODUCT.md §9 / issue 9: "every change and every reveal is in an append-only audit log". The database
 * refuses UPDATE, DELETE and TRUNCATE on the logs (migration 0007), so no code path — nor a
 * console session — can rewrite history. Inserting still works.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../server/demo/seed-demo';
import { engineName, openTestDatabase } from '../test/support/db';
import { rowsOf, type Database } from './client';

/** Each log and a column an UPDATE may try to rewrite. */
const LOGS = [
  ['events', 'at'],
  ['call_status_events', 'received_at'],
  ['supervision_replies', 'submitted_at'],
  ['knowledge_article_versions', 'created_at'],
  ['calendar_days', 'created_at'],
  ['calendar_confirmations', 'created_at'],
  ['policy_assignments', 'created_at'],
] as const;

/** The message of the database error, wherever the driver put it (drizzle wraps it as `cause`). */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    const err = e as { message?: string; cause?: { message?: string } };
    return `${err.message ?? ''} ${err.cause?.message ?? ''}`;
  }
  return 'not refused';
}

describe(`audit logs are append-only in the database (${engineName()})`, () => {
  let database: Database;
  const count = async (table: string) =>
    Number((await rowsOf<{ n: string | number }>(database.db, sql`select count(*) as n from ${sql.identifier(table)}`))[0]!.n);

  beforeAll(async () => {
    database = await openTestDatabase({ template: 'demo' });
    await seedDemo(database.db, { password: 'hotline-demo' });
  });
  afterAll(() => database.close());

  it('still takes new events', async () => {
    const before = await count('events');
    await database.db.execute(sql`insert into events (type, actor_role, payload, rooms) values ('test.appended', 'admin', '{"n":1}'::jsonb, '{}')`);
    await database.db.execute(sql`insert into events (type, actor_role, payload, rooms) values ('test.appended', 'admin', '{"n":2}'::jsonb, '{}')`);
    expect(await count('events')).toBe(before + 2);
  });

  it('refuses UPDATE on events with a clear message and changes nothing', async () => {
    const snapshot = await rowsOf<{ seq: number; type: string; payload: unknown }>(database.db, sql`select seq, type, payload from events order by seq`);
    expect(snapshot.length).toBeGreaterThan(0);
    const message = await refusal(() =>
      database.db.execute(sql`update events set type = 'test.rewritten', payload = '{}'::jsonb where type = 'test.appended'`),
    );
    expect(message).toContain('审计记录只可追加，不可修改或删除');
    expect(message).toContain('UPDATE on events refused');
    expect(await rowsOf(database.db, sql`select seq, type, payload from events order by seq`)).toEqual(snapshot);
  });

  it('refuses DELETE and TRUNCATE on events and keeps every row', async () => {
    const before = await count('events');
    expect(await refusal(() => database.db.execute(sql`delete from events where type = 'test.appended'`))).toContain('DELETE on events refused');
    expect(await refusal(() => database.db.execute(sql`delete from events`))).toContain('DELETE on events refused');
    expect(await refusal(() => database.db.execute(sql`truncate events cascade`))).toContain('TRUNCATE on events refused');
    expect(await count('events')).toBe(before);
  });

  it('refuses a rewrite inside a transaction too (nothing commits)', async () => {
    const before = await count('events');
    const message = await refusal(() =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into events (type, actor_role, payload, rooms) values ('test.in_tx', 'admin', '{}'::jsonb, '{}')`);
        await tx.execute(sql`delete from events where type = 'test.in_tx'`);
      }),
    );
    expect(message).toContain('DELETE on events refused');
    expect(await count('events')).toBe(before);
  });

  it.each(LOGS)('guards %s against UPDATE, DELETE and TRUNCATE', async (table, column) => {
    const id = sql.identifier(table);
    const triggers = await rowsOf<{ tgname: string }>(
      database.db,
      sql`select tgname from pg_trigger where tgrelid = ${table}::regclass and not tgisinternal order by tgname`,
    );
    // Reference tables also bump their kind's version (migration 0021): not a guard.
    const guards = triggers.map((r) => r.tgname).filter((name) => name !== `${table}_reference_version`);
    expect(guards).toEqual([`${table}_append_only`, `${table}_no_truncate`]);
    const before = await count(table);
    // `where false` would not fire a row trigger; a real row must be there for UPDATE/DELETE.
    if (before > 0) {
      expect(await refusal(() => database.db.execute(sql`delete from ${id}`))).toContain(`DELETE on ${table} refused`);
      expect(await refusal(() => database.db.execute(sql`update ${id} set ${sql.identifier(column)} = now()`))).toContain(`UPDATE on ${table} refused`);
    }
    expect(await refusal(() => database.db.execute(sql`truncate ${id} cascade`))).toContain(`TRUNCATE on ${table} refused`);
    expect(await count(table)).toBe(before);
  });
});
