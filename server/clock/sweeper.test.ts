/**
 * PRODUCT.md §4 with an injected clock: a ticket dispatched the day before the 2026 National Day
 * holiday turns its lights on the right working days, reminders fire once with two sweepers
 * racing, and a restart in between changes nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, tickets } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { engineName } from '../../test/support/db';
import { intake, startTestServer, type TestServer } from '../../test/support/server';
import { sweepClocks } from './sweeper';

let now = new Date('2026-09-30T10:00:00+08:00');
const setNow = (iso: string) => void (now = new Date(iso));

describe(`clock sweep (${engineName()})`, () => {
  let t: TestServer;
  let ticketId: number;

  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
    const op = await t.login('operator');
    // Wednesday 30 September 2026, the day before 1–7 October off (make-up Saturday 10 October).
    const res = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    ticketId = res.body.id;
  });
  afterAll(() => t.close());

  const sweep = () => sweepClocks(t.server.ctx);
  const row = async () => (await t.database.db.select().from(tickets).where(eq(tickets.id, ticketId)))[0]!;
  const notices = async () =>
    (await t.database.db.select().from(events).where(eq(events.ticketId, ticketId)))
      .filter((e) => e.type === 'ticket.light_changed' || e.type === 'ticket.reminded')
      .map((e) => `${e.type.slice(7)}:${(e.payload as { clock: string }).clock}:${(e.payload as { light: string }).light}`);

  it('stays normal through the holiday', async () => {
    for (const day of ['2026-09-30T18:00:00+08:00', '2026-10-03T12:00:00+08:00', '2026-10-07T23:00:00+08:00']) {
      setNow(day);
      await sweep();
      expect(await row()).toMatchObject({ clockKind: 'first_contact', light: 'normal' });
    }
    expect(await notices()).toEqual([]);
  });

  it('first contact is red on working day 1 (8 October) and overdue after it', async () => {
    setNow('2026-10-08T09:00:00+08:00');
    await sweep();
    expect(await row()).toMatchObject({ clockKind: 'first_contact', light: 'red' });
    // Issue 15.3 (001 二.1 先行接单): the unit has not accepted either, due the same day.
    expect(await notices()).toEqual(['light_changed:first_contact:red', 'light_changed:acceptance:red']);
  });

  it('after first contact the reply clock leads: warning on the make-up Saturday, yellow on Monday with one reminder', async () => {
    const liaison = await t.login('liaison-d-chengguan');
    setNow('2026-10-08T10:00:00+08:00');
    let version = (await row()).version;
    expect((await liaison.post(ticketCommandPath('accept', ticketId), { version })).status).toBe(200);
    version = (await row()).version;
    const contact = await liaison.post(ticketCommandPath('record_first_contact', ticketId), {
      version,
      at: now.toISOString(),
      channel: 'phone',
      note: '已联系',
    });
    expect(contact.status).toBe(200);
    expect(await row()).toMatchObject({ clockKind: 'reply', light: 'normal' });
    expect((await row()).dueAt?.toISOString()).toBe(new Date('2026-10-13T23:59:59.999+08:00').toISOString());

    setNow('2026-10-09T12:00:00+08:00'); // working day 2
    await sweep();
    expect((await row()).light).toBe('normal');
    setNow('2026-10-10T12:00:00+08:00'); // make-up Saturday: working day 3
    await sweep();
    expect((await row()).light).toBe('warning');
    setNow('2026-10-11T12:00:00+08:00'); // Sunday: still day 3, nothing new
    await sweep();
    setNow('2026-10-12T09:00:00+08:00'); // Monday: working day 4
    // Two sweepers racing (two calls at once; on PostgreSQL on separate connections).
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a.notices + b.notices).toBe(2);
    expect(await notices()).toEqual([
      'light_changed:first_contact:red',
      'light_changed:acceptance:red',
      'light_changed:reply:warning',
      'light_changed:reply:yellow',
      'reminded:reply:yellow',
    ]);
  });

  it('a restart between sweeps sends nothing twice; red on day 5, overdue after', async () => {
    await t.server.close();
    const { startServer } = await import('../serve');
    const { loadConfig } = await import('../platform/config');
    const { createLogger } = await import('../platform/logger');
    const restarted = await startServer({
      config: loadConfig({ PORT: '0', HOST: '127.0.0.1', SWEEP_INTERVAL_SECONDS: '0' }),
      logger: createLogger('silent'),
      database: t.database,
      now: () => now,
    });
    t.server = restarted;
    expect((await sweep()).notices).toBe(0);
    setNow('2026-10-13T09:00:00+08:00');
    await sweep();
    expect((await row()).light).toBe('red');
    setNow('2026-10-14T00:00:01+08:00');
    await sweep();
    expect((await row()).light).toBe('overdue');
    await sweep();
    expect((await notices()).slice(5)).toEqual(['light_changed:reply:red', 'light_changed:reply:overdue']);
  });
});
