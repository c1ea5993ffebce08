/**
 * 000 二(一) 首办责任制 through the real API: "第一次承接热线工单的单位应对涉及诉求事项进行了解核实…严禁未经
 * 核实，即发起退单". A unit asks to return a ticket only after it recorded a first contact with the
 * citizen or a site visit in this handling (policy `returnNeedsVerification`, on by default); a
 * policy version may turn it off, and tickets registered under that version follow it.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { DEFAULT_POLICIES } from '../../shared/clock/default-policies';
import type { TicketCommand } from '../../shared/ticket/commands';
import { engineName } from '../../test/support/db';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

/** Monday 2026-11-23 10:00 in Shanghai. */
let now = new Date('2026-11-23T10:00:00+08:00');
const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000)).toISOString();

describe(`a return needs a recorded contact or site visit first, 000 二(一) (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let unit: ApiClient;

  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
    [op, sup, unit] = (await Promise.all(['operator', 'supervisor', 'liaison-d-chengguan'].map((u) => t.login(u)))) as [ApiClient, ApiClient, ApiClient];
  });
  afterAll(() => t.close());

  const detail = async (id: number) => (await unit.get(`/api/tickets/${id}`)).body;
  const run = async (command: TicketCommand, id: number, input: Record<string, unknown> = {}) =>
    unit.post(ticketCommandPath(command, id), { version: (await detail(id)).version, ...input });
  const newTicket = async () => (await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }))).body.id as number;
  const returnAsk = { reason: '不属于城管职责，属于房屋维修', suggestedUnitId: 0 };
  const returns = async (id: number) =>
    t.database.db
      .select()
      .from(events)
      .where(and(eq(events.ticketId, id), eq(events.type, 'ticket.return_requested')));

  it('refuses a return before any contact or site visit with a stable code and a Chinese message; nothing changes', async () => {
    const id = await newTicket();
    later(30);
    const before = await detail(id);
    expect(before.deadlines.returnWindow).toMatchObject({ open: true, needsVerification: true });
    const res = await run('request_return', id, { ...returnAsk, suggestedUnitId: t.units.d_housing });
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      code: 'return_needs_verification',
      message: '退单前须先核实：请先记录先行联系或现场查看（000 二(一) 首办责任制：严禁未经核实即发起退单）',
    });
    const after = await detail(id);
    expect([after.version, after.detail.pendingRequests]).toEqual([before.version, []]);
    expect(await returns(id)).toEqual([]);
  });

  it('takes the return after a first contact', async () => {
    const id = await newTicket();
    await run('record_first_contact', id, { at: later(20), channel: 'phone', note: '已联系市民核实' });
    expect((await detail(id)).deadlines.returnWindow.needsVerification).toBe(false);
    const res = await run('request_return', id, { ...returnAsk, suggestedUnitId: t.units.d_housing });
    expect(res.status).toBe(200);
    expect(await returns(id)).toHaveLength(1);
  });

  it('takes the return after a site visit', async () => {
    const id = await newTicket();
    await run('record_site_visit', id, { at: later(20), note: '现场查看，系房屋渗漏' });
    const res = await run('request_return', id, { ...returnAsk, suggestedUnitId: t.units.d_housing });
    expect(res.status).toBe(200);
  });

  it('follows a policy version that turns the rule off, for tickets registered under it', async () => {
    const earlier = await newTicket();
    const { code: _c, version: _v, ...definition } = DEFAULT_POLICIES.hotline_default;
    const published = await sup.post('/api/policies/hotline_default', { ...definition, returnNeedsVerification: false });
    expect(published.status).toBe(201);
    const id = await newTicket();
    expect((await detail(id)).deadlines.returnWindow.needsVerification).toBe(false);
    expect((await run('request_return', id, { ...returnAsk, suggestedUnitId: t.units.d_housing })).status).toBe(200);
    // A ticket keeps the version it was registered with (PRODUCT.md §4).
    const refused = await run('request_return', earlier, { ...returnAsk, suggestedUnitId: t.units.d_housing });
    expect(refused.body.error.code).toBe('return_needs_verification');
  });
});
