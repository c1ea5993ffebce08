/**
 * PRODUCT.md §3 and 4 through the real API on a real database, with an injected clock: the whole loop,
 * the refusals, optimistic concurrency and the deadlines the core computes.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, tickets } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { TicketCommand } from '../../shared/ticket/commands';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

/** Monday 2026-11-23 10:00 in Shanghai. */
let now = new Date('2026-11-23T10:00:00+08:00');
const at = (iso: string) => {
  now = new Date(iso);
  return now.toISOString();
};

describe(`ticket commands through the API (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let unitA: ApiClient;
  let unitB: ApiClient;
  let revisit: ApiClient;

  beforeAll(async () => {
    t = await startTestServer({ now: () => now, record: true });
    op = await t.login('operator');
    sup = await t.login('supervisor');
    unitA = await t.login('liaison-d-chengguan');
    unitB = await t.login('liaison-d-housing');
    revisit = await t.login('revisit');
  });
  afterAll(() => t.close());

  const get = async (id: number) => (await sup.get(`/api/tickets/${id}`)).body;
  const run = async (c: ApiClient, id: number, command: TicketCommand, input: Record<string, unknown> = {}) => {
    const { version } = await get(id);
    return c.post(ticketCommandPath(command, id), { version, ...input });
  };

  it('runs the whole loop: dispatch, accept, contact, reply, revisit dissatisfied, round 2, archived', async () => {
    at('2026-11-23T10:00:00+08:00');
    const created = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    const id = created.body.id as number;
    const detail = await get(id);
    // 002: day 1 is the working day after dispatch; due at the end of working day N.
    expect(detail.clocks.map((c: { kind: string; due: string }) => [c.kind, c.due])).toEqual([
      ['first_contact', new Date('2026-11-24T23:59:59.999+08:00').toISOString()],
      ['reply', new Date('2026-11-30T23:59:59.999+08:00').toISOString()],
      // Issue 15.3 (001 二.1 先行接单): the unit accepts within 1 working day.
      ['acceptance', new Date('2026-11-24T23:59:59.999+08:00').toISOString()],
    ]);
    expect(created.body).toMatchObject({ clockKind: 'first_contact', light: 'normal' });

    at('2026-11-23T11:00:00+08:00');
    expect((await run(unitA, id, 'accept')).body.state).toBe('in_progress');
    expect((await run(unitA, id, 'record_first_contact', { at: at('2026-11-23T11:05:00+08:00'), channel: 'phone', note: '已电话联系刘先生' })).status).toBe(
      200,
    );
    at('2026-11-25T16:00:00+08:00');
    const replied = await run(unitA, id, 'reply', {
      outcome: 'resolved',
      facts: '饭店油烟净化器未开启',
      report: '已责令整改，安装并开启净化设备',
      citizenToldAt: now.toISOString(),
    });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({ state: 'replied', clockKind: 'revisit' });
    // Revisit within 1 working day of the reply: Wednesday → Thursday.
    expect(replied.body.dueAt).toBe(new Date('2026-11-26T23:59:59.999+08:00').toISOString());

    at('2026-11-26T09:30:00+08:00');
    const again = await run(revisit, id, 'record_revisit', { resolved: false, satisfaction: 'dissatisfied', words: '晚上还是有油烟' });
    expect(again.body).toMatchObject({ state: 'dispatched', round: 2, leadUnitId: t.units.d_chengguan });
    expect((await get(id)).detail.flags.warning).toBe(true);

    at('2026-11-26T10:00:00+08:00');
    await run(unitA, id, 'accept');
    at('2026-11-27T15:00:00+08:00');
    await run(unitA, id, 'reply', { outcome: 'resolved', facts: '复查油烟排放', report: '加装二级净化，夜间停用排风', citizenToldAt: now.toISOString() });
    at('2026-11-30T09:00:00+08:00');
    const done = await run(revisit, id, 'record_revisit', { resolved: true, satisfaction: 'satisfied', words: '现在好多了' });
    expect(done.body).toMatchObject({ state: 'archived', round: 2, clockKind: null, dueAt: null });

    const timeline = (await get(id)).events.map((e: { type: string; actorRole: string }) => `${e.type}/${e.actorRole}`);
    expect(timeline).toEqual([
      'ticket.registered/operator',
      'ticket.dispatched/operator',
      'ticket.accepted/liaison',
      'ticket.first_contacted/liaison',
      'ticket.replied/liaison',
      'ticket.revisited/revisit',
      'ticket.accepted/liaison',
      'ticket.replied/liaison',
      'ticket.revisited/revisit',
    ]);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    at('2026-11-23T10:00:00+08:00');
    const { body } = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    const ok = await unitA.post(ticketCommandPath('accept', body.id), { version: body.version });
    expect(ok.status).toBe(200);
    const stale = await unitA.post(ticketCommandPath('add_note', body.id), { version: body.version, note: '补充说明' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const rows = await t.database.db.select().from(events).where(eq(events.ticketId, body.id));
    expect(rows.map((e) => e.type)).toEqual(['ticket.registered', 'ticket.dispatched', 'ticket.accepted']);
  });

  it('refuses the wrong role, the wrong unit and the wrong state with clear errors', async () => {
    at('2026-11-23T10:00:00+08:00');
    const { body } = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    const byOperator = await run(op, body.id, 'accept');
    expect([byOperator.status, byOperator.body.error.code]).toEqual([403, 'forbidden_role']);
    const otherUnit = await run(unitB, body.id, 'accept');
    // Another unit's ticket is invisible to it: not even its existence leaks.
    expect([otherUnit.status, otherUnit.body.error.code]).toEqual([404, 'not_found']);
    const tooEarly = await run(unitA, body.id, 'reply', { outcome: 'resolved', facts: '事实', report: '汇报', citizenToldAt: now.toISOString() });
    expect([tooEarly.status, tooEarly.body.error.code]).toEqual([409, 'invalid_state']);
    expect(tooEarly.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const badInput = await run(unitA, body.id, 'record_first_contact', { at: 'yesterday', channel: 'pigeon' });
    expect(badInput.status).toBe(400);
    expect(Object.keys(badInput.body.error.fields).sort()).toEqual(['at', 'channel', 'note']);
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, body.id));
    expect(row).toMatchObject({ state: 'dispatched', version: body.version });
  });

  it('returns inside the window go to the supervisor; after it they are refused', async () => {
    at('2026-11-23T10:00:00+08:00');
    const a = (await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }))).body;
    await run(unitA, a.id, 'record_site_visit', { at: now.toISOString(), note: '现场核实' });
    const ask = await run(unitA, a.id, 'request_return', { reason: '不属于城管职责，属于房屋维修', suggestedUnitId: t.units.d_housing });
    expect(ask.status).toBe(200);
    const approved = await run(sup, a.id, 'decide_return', { approve: true, newLeadUnitId: t.units.d_housing, note: '同意转派房管办' });
    expect(approved.body).toMatchObject({ state: 'dispatched', leadUnitId: t.units.d_housing });
    expect((await unitB.get(`/api/tickets/${a.id}`)).status).toBe(200);
    expect((await unitA.get(`/api/tickets/${a.id}`)).status).toBe(404);

    at('2026-11-23T10:00:00+08:00');
    const b = (await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }))).body;
    at('2026-11-25T09:00:00+08:00'); // the 1-working-day window closed at the end of Tuesday
    const late = await run(unitA, b.id, 'request_return', { reason: '不属于本单位', suggestedUnitId: t.units.d_housing });
    expect([late.status, late.body.error.code]).toEqual([422, 'rule_violation']);
    expect(late.body.error.message).toMatch(/退单/);
  });

  it('records an urge as an event that reaches the unit', async () => {
    at('2026-11-23T10:00:00+08:00');
    const { body } = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    const urged = await run(sup, body.id, 'urge', { note: '请尽快联系市民' });
    expect(urged.status).toBe(200);
    const seen = await unitA.get(`/api/tickets/${body.id}`);
    expect(seen.body.events.at(-1)).toMatchObject({ type: 'ticket.urged', actorRole: 'supervisor' });
  });

  // Issue 19.1: the OpenAPI document declares every status and body these commands answered.
  it('answered only what the OpenAPI document declares', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
