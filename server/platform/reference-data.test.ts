/**
 * Issue 17.3: reference data read once and kept while the database still holds it. The cached
 * value is reused when nothing changed, and any change — through a command, or written by another
 * process or the CLI that sends no notice at all — is read on the next use, including inside the
 * transaction that made it. On both engines.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../db/client';
import { calendarDays, units } from '../../db/schema';
import { engineName, openTestDatabase } from '../../test/support/db';
import { loadCalendar } from '../clock/calendar';
import { activeUnits } from '../units/active-units';
import { withTransaction } from './unit-of-work';

const silent = { publish: () => undefined, connectedClients: () => 0, disconnect: async () => undefined };
const at = new Date('2026-12-06T02:00:00Z');

describe(`reference data cache (${engineName()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase({ template: 'demo' });
  });
  afterAll(() => database.close());

  it('reuses what it read while nothing changed, inside and outside transactions', async () => {
    const first = await loadCalendar(database.db);
    expect(await loadCalendar(database.db)).toBe(first);
    const inTx = await withTransaction({ db: database.db, live: silent }, async (tx) => loadCalendar(tx));
    expect(inTx).toBe(first);
  });

  it('keeps the rows a transaction read for the next transaction (a query builder would run again, on a closed transaction)', async () => {
    const deps = { db: database.db, live: silent };
    const first = await withTransaction(deps, async (tx) => activeUnits(tx));
    const second = await withTransaction(deps, async (tx) => activeUnits(tx));
    expect(second).toBe(first);
    expect(first.length).toBeGreaterThan(0);
  });

  it('reads a day written behind its back (another process, the CLI) on the next use', async () => {
    const before = await loadCalendar(database.db);
    // 2026-12-07 is a Monday: a working day until someone says otherwise.
    expect(before.isWorkingDay('2026-12-07')).toBe(true);
    await database.db.insert(calendarDays).values({ date: '2026-12-07', working: false, note: '临时停工（测试）', createdAt: at });
    const after = await loadCalendar(database.db);
    expect(after).not.toBe(before);
    expect(after.isWorkingDay('2026-12-07')).toBe(false);
  });

  it('sees a renamed or deactivated unit at once', async () => {
    const [unit] = await activeUnits(database.db);
    await database.db.update(units).set({ name: '测试改名单位' }).where(eq(units.id, unit!.id));
    expect((await activeUnits(database.db)).find((u) => u.id === unit!.id)?.name).toBe('测试改名单位');
    await database.db.update(units).set({ active: false }).where(eq(units.id, unit!.id));
    expect((await activeUnits(database.db)).some((u) => u.id === unit!.id)).toBe(false);
  });

  it('inside the transaction that changes it, reads the change once its event is emitted', async () => {
    const seen = await withTransaction({ db: database.db, live: silent }, async (tx, emit) => {
      const before = await loadCalendar(tx);
      const [row] = await tx.insert(calendarDays).values({ date: '2026-12-08', working: false, note: '测试', createdAt: at }).returning();
      emit({
        type: 'calendar.day_set',
        actorId: null,
        actorRole: 'supervisor',
        at,
        payload: { date: '2026-12-08', working: false, note: '测试', id: row!.id },
        rooms: [],
      });
      return { before: before.isWorkingDay('2026-12-08'), after: (await loadCalendar(tx)).isWorkingDay('2026-12-08') };
    });
    expect(seen).toEqual({ before: true, after: false });
    expect((await loadCalendar(database.db)).isWorkingDay('2026-12-08')).toBe(false);
  });

  it('counts a change to every table a cached value is read from, in its own kind (migration 0021)', async () => {
    const tables = await rowsOf<{ table: string; kind: string }>(
      database.db,
      sql`select c.relname as table, split_part(encode(t.tgargs, 'escape'), '\\000', 1) as kind from pg_trigger t join pg_class c on c.oid = t.tgrelid
          where t.tgname like '%_reference_version' order by c.relname`,
    );
    expect(tables.map((t) => [t.table, t.kind])).toEqual([
      ['calendar_confirmations', 'calendar'],
      ['calendar_days', 'calendar'],
      ['dispatch_rules', 'rules'],
      ['policy_assignments', 'assignments'],
      ['repeat_settings', 'repeatSettings'],
      ['sla_policies', 'policies'],
      ['units', 'units'],
    ]);
    const versions = async () =>
      Object.fromEntries(
        (await rowsOf<{ kind: string; version: string }>(database.db, sql`select kind, version::text as version from reference_versions`)).map((r) => [
          r.kind,
          Number(r.version),
        ]),
      );
    const before = await versions();
    const [unit] = await activeUnits(database.db);
    await database.db.update(units).set({ name: '再次改名单位' }).where(eq(units.id, unit!.id));
    expect(await versions()).toEqual({ ...before, units: before.units! + 1 });
  });
});
