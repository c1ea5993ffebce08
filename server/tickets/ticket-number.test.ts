/**
 * Issue 17.2: the day's ticket number is taken by the intake transaction's last statement, so its
 * row lock is held for that statement and the commit only. The numbers stay gap-free (a rolled-back
 * intake takes none), every event and the answer carry the number (never the placeholder), and on
 * PostgreSQL an intake that is slow before its tail does not hold up another one.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { ZCreateTicketInputSchema } from '../../shared/schemas/ticket';
import { engineName } from '../../test/support/db';
import { intake, startTestServer, type ApiClient, type TestServer } from '../../test/support/server';
import type { SessionUser } from '../platform/auth/sessions';
import { withTransaction } from '../platform/unit-of-work';
import { createTicket, registerTicket } from './commands/create-ticket';

const silent = { publish: () => undefined, connectedClients: () => 0, disconnect: async () => undefined };
const serial = (number: string) => Number(number.split('-')[1]);
/** One Shanghai day for the numbers compared here (a run across midnight would start a new day's count). */
const day = new Date('2026-12-07T10:00:00+08:00');

describe(`ticket numbers taken last (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let operator: SessionUser;
  beforeAll(async () => {
    t = await startTestServer();
    op = await t.login('operator');
    operator = op.user as SessionUser;
  });
  afterAll(() => t.close());

  const input = (overrides: Record<string, unknown> = {}) => ZCreateTicketInputSchema.parse(intake({ leadUnitId: t.units.d_chengguan, ...overrides }));

  it('gives the answer and every event of the intake the number, never the placeholder', async () => {
    const res = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    expect(res.status).toBe(201);
    expect(res.body.number).toMatch(/^ZX\d{8}-\d{4}$/);
    const rows = await rowsOf<{ type: string; payload: unknown }>(
      t.database.db,
      sql`select type, payload from events where ticket_id = ${res.body.id} order by seq`,
    );
    expect(rows.map((r) => r.type)).toEqual(expect.arrayContaining(['ticket.registered', 'ticket.dispatched']));
    for (const r of rows) {
      const text = JSON.stringify(r.payload);
      expect(text).not.toContain('PENDING');
      if (r.type === 'ticket.registered') expect(text).toContain(res.body.number);
    }
    const [pending] = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from tickets where number like '%PENDING%'`);
    expect(pending?.n).toBe(0);
  });

  it('takes no number for an intake that rolls back: the next one follows without a gap', async () => {
    const before = await createTicket({ db: t.database.db, live: silent, actor: operator, actorRole: 'operator', input: input(), now: day });
    const failed = withTransaction({ db: t.database.db, live: silent }, async (tx, emit) => {
      await registerTicket(tx, emit, { actor: operator, actorRole: 'operator', input: input(), now: day });
      throw new Error('the connection dropped before commit');
    });
    await expect(failed).rejects.toThrow(/dropped/);
    const after = await createTicket({ db: t.database.db, live: silent, actor: operator, actorRole: 'operator', input: input(), now: day });
    expect(serial(after.ticket.number)).toBe(serial(before.ticket.number) + 1);
  });

  it('keeps counting past 9,999 in a day: the 10,000th number has five digits, none is cut and reused', async () => {
    // Another day, its counter moved to just before the fourth digit runs out. The day may have a
    // counter already: the first test's intake went through the API, on the real clock, and after
    // Shanghai's midnight of the 7th (as a CI run once was) its day is this one.
    const busy = new Date('2026-12-08T10:00:00+08:00');
    await t.database.db.execute(
      sql`insert into ticket_counters (prefix, day, last) values ('ZX', '20261208', 9998) on conflict (prefix, day) do update set last = excluded.last`,
    );
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      // Calls about places of their own: no matter (and no supervision candidate) shared with the other tests.
      const own = input({ address: `九新公路${900 + i}号`, contactPhone: `1390000${String(4000 + i)}` });
      numbers.push((await createTicket({ db: t.database.db, live: silent, actor: operator, actorRole: 'operator', input: own, now: busy })).ticket.number);
    }
    expect(numbers).toEqual(['ZX20261208-9999', 'ZX20261208-10000', 'ZX20261208-10001']);
  });

  it.runIf(engineName() === 'postgresql')('does not hold the day’s counter while an intake is still working', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let registered!: () => void;
    const inWork = new Promise<void>((r) => (registered = r));
    // A slow intake: registered and dispatched, then waits before its tail (the number and events).
    const slow = withTransaction({ db: t.database.db, live: silent }, async (tx, emit) => {
      const result = await registerTicket(tx, emit, { actor: operator, actorRole: 'operator', input: input(), now: day });
      registered();
      await held;
      return result;
    });
    await inWork;
    // Another intake meanwhile commits at once (before issue 17.2 it waited on the counter row).
    const quick = await Promise.race([
      createTicket({ db: t.database.db, live: silent, actor: operator, actorRole: 'operator', input: input(), now: day }),
      new Promise<null>((r) => setTimeout(() => r(null), 10_000)),
    ]);
    release();
    const { ticket } = await slow;
    expect(quick).not.toBeNull();
    // Numbered in commit order: the slow one took its number last.
    expect(serial(ticket.number)).toBe(serial(quick!.ticket.number) + 1);
    expect(ticket.number).toMatch(/^ZX\d{8}-\d{4}$/);
  });
});
