/**
 * Issue 17.4: Ctrl+Enter (register and dispatch in one step) decides the dispatch before the row is
 * written and inserts the record once, already dispatched. What it stores and the events it appends
 * must be exactly those of the two steps — registering a record, then dispatching it — with the
 * same clock: only ids, numbers and the things that name them differ.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { tickets } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { engineName } from '../../test/support/db';
import { intake, startTestServer, type ApiClient, type TestServer } from '../../test/support/server';

/** Tuesday 2026-11-24 10:00 in Shanghai. */
const now = new Date('2026-11-24T10:00:00+08:00');

describe(`dispatch at once stores what two steps store (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
    op = await t.login('operator');
  });
  afterAll(() => t.close());

  /** The ticket's row and its events, with what is this one record's own (id, number, phone, address) blanked. */
  const stored = async (id: number) => {
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, id));
    if (!row) throw new Error(`no ticket ${id}`);
    const events = await rowsOf<{ type: string; from_state: string | null; to_state: string | null; payload: unknown; rooms: string[] }>(
      t.database.db,
      sql`select type, from_state, to_state, payload, rooms from events where ticket_id = ${id} order by seq`,
    );
    const blank = (v: unknown) =>
      JSON.parse(
        JSON.stringify(v)
          .replaceAll(row.number, 'NUMBER')
          .replaceAll(row.address, 'ADDRESS')
          .replaceAll(row.contactPhone ?? 'none', 'PHONE')
          .replaceAll(row.contactPhone?.slice(-4) ?? 'none', 'LAST4')
          .replaceAll(`"id":${id}`, '"id":0'),
      ) as unknown;
    const { id: _id, number: _number, idempotencyKey: _key, contactPhone: _phone, address: _address, addressKey: _addressKey, ...rest } = row;
    return { row: blank(rest), events: events.map(blank) };
  };

  it.each([
    ['an ordinary record', {}, ['ticket.registered', 'ticket.dispatched']],
    [
      'an urgent one (its own clock policy)',
      { urgent: true, urgentReason: '老人独居，家中停水' },
      ['ticket.registered', 'ticket.urgency_set', 'ticket.dispatched'],
    ],
  ])('%s: the same row, the same events, in the same order', async (_what, extra, types) => {
    const lead = { ...extra, leadUnitId: t.units.d_chengguan, assistUnitIds: [t.units.d_housing] };
    // Each about a place and number of its own: neither repeats the other.
    const place = String(Object.keys(extra).length);
    const atOnce = await op.post('/api/tickets', intake({ ...lead, address: `涞坊路22${place}1弄1号`, contactPhone: `139000022${place}1` }));
    expect(atOnce.status).toBe(201);
    const registered = await op.post('/api/tickets', intake({ ...extra, address: `涞坊路22${place}2弄1号`, contactPhone: `139000022${place}2` }));
    expect(registered.status).toBe(201);
    expect(registered.body.state).toBe('registered');
    const twoSteps = await op.post(ticketCommandPath('dispatch', registered.body.id), {
      version: registered.body.version,
      leadUnitId: lead.leadUnitId,
      assistUnitIds: lead.assistUnitIds,
    });
    expect(twoSteps.status).toBe(200);

    const a = await stored(atOnce.body.id);
    const b = await stored(registered.body.id);
    expect(a.row).toEqual(b.row);
    expect(a.row).toMatchObject({ state: 'dispatched', version: 2, clockKind: 'first_contact' });
    expect(a.events).toEqual(b.events);
    expect(a.events.map((e) => (e as { type: string }).type)).toEqual(types);
    // The registered event shows the record as it stood before its dispatch.
    expect(a.events[0]).toMatchObject({ payload: { ticket: { state: 'registered', version: 1, leadUnitId: null } } });
  });
});
