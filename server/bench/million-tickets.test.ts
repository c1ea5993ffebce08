/** The bench's generated history (server/bench/million-tickets.ts) is one the console can read: every event matches the catalogue. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { events } from '../../db/schema';
import { readEvent } from '../../shared/events/catalogue';
import { engineName, openTestDatabase } from '../../test/support/db';
import { ensureDefaultPolicies } from '../clock/policies';
import { seedDemo } from '../demo/seed-demo';
import { GENERATE_EVENTS, GENERATE_TICKETS } from './million-tickets';

describe(`bench data (${engineName()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { password: 'hotline-demo' });
    await ensureDefaultPolicies(database.db);
  });
  afterAll(() => database.close());

  it('generates tickets and events whose payloads match the event catalogue', async () => {
    await database.db.execute(sql.raw(GENERATE_TICKETS.replace('$1::int', '400')));
    await database.db.execute(sql.raw(GENERATE_EVENTS));
    const rows = await database.db.select().from(events);
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['ticket.registered', 'ticket.revisited']));
    for (const row of rows) readEvent(row);
  });
});
