/**
 * `hotline seed-history`: a week of demo calls driven through the real API on an in-process
 * console with its clock set to each step — every step accepted, the line left in a believable
 * mix of states, events in time order, and never written over a line that has tickets.
 */
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { rowsOf } from '../../db/client';
import { events } from '../../db/schema';
import { engineName, openTestDatabase } from '../../test/support/db';
import { loadConfig } from '../platform/config';
import { seedHistory, type HistoryResult } from './history';

describe(`demo history (${engineName()})`, () => {
  let database: Database;
  let result: HistoryResult;
  const end = new Date('2026-11-20T12:00:00+08:00');
  beforeAll(async () => {
    database = await openTestDatabase();
    result = await seedHistory({ config: loadConfig({ NODE_ENV: 'test' }), days: 7, end, database });
  }, 240_000);
  afterAll(() => database?.close());

  it('drives every call of the week through the API without a refusal', async () => {
    expect(result.failed).toEqual([]);
    expect(result.tickets).toBeGreaterThan(25);
    const [n] = await rowsOf<{ n: number }>(database.db, sql`select count(*)::int as n from tickets`);
    expect(n!.n).toBe(result.tickets);
  });

  it('leaves the line in a believable mix: archived, open at the unit, closed on the call', async () => {
    const states = await rowsOf<{ state: string; n: number }>(database.db, sql`select state, count(*)::int as n from tickets group by state`);
    const by = Object.fromEntries(states.map((s) => [s.state, s.n]));
    expect(by.archived).toBeGreaterThan(5);
    expect((by.in_progress ?? 0) + (by.dispatched ?? 0) + (by.replied ?? 0)).toBeGreaterThan(0);
    expect(by.closed_on_call).toBeGreaterThan(0);
    const [revisits] = await rowsOf<{ n: number }>(database.db, sql`select count(*)::int as n from events where type = 'ticket.revisited'`);
    expect(revisits!.n).toBeGreaterThan(5);
  });

  it('writes events in time order, all before the end, each step of a person with its actor', async () => {
    const rows = await database.db.select({ seq: events.seq, at: events.at, actorId: events.actorId, type: events.type }).from(events).orderBy(asc(events.seq));
    const times = rows.map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThan(end.getTime());
    // The carrier's call signals have no person behind them; every other step has its actor.
    expect(rows.filter((r) => r.actorId === null && !r.type.startsWith('call.')).length).toBe(0);
  });

  it('includes this morning: calls of the end day before the end, none after', async () => {
    const [today] = await rowsOf<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from tickets where (call_at at time zone 'Asia/Shanghai')::date = date '2026-11-20'`,
    );
    expect(today!.n).toBeGreaterThan(0);
    const [late] = await rowsOf<{ n: number }>(database.db, sql`select count(*)::int as n from tickets where call_at >= ${end.toISOString()}::timestamptz`);
    expect(late!.n).toBe(0);
  });

  it('records telephone calls around the clock through the call command: offered, answered, abandoned, each with its events (issue 18)', async () => {
    expect(result.calls).toBeGreaterThan(300);
    const [c] = await rowsOf<{ n: number; answered: number; abandoned: number; night: number }>(
      database.db,
      sql`select count(*)::int as n, count(*) filter (where answered_at is not null)::int as answered,
                 count(*) filter (where status = 'abandoned')::int as abandoned,
                 count(*) filter (where extract(hour from queued_at at time zone 'Asia/Shanghai') < 6)::int as night
          from calls where direction = 'inbound'`,
    );
    expect(c!.n).toBe(result.calls);
    expect(c!.answered).toBeGreaterThan(c!.n * 0.8);
    expect(c!.abandoned).toBeGreaterThan(0);
    expect(c!.night).toBeGreaterThan(0);
    const [e] = await rowsOf<{ n: number }>(database.db, sql`select count(*)::int as n from events where type = 'call.queued'`);
    expect(e!.n).toBe(result.calls);
  });

  it('never writes over a line that has tickets', async () => {
    await expect(seedHistory({ config: loadConfig({ NODE_ENV: 'test' }), days: 1, end, database })).rejects.toThrow(/already has tickets/);
  });
});
