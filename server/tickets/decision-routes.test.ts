/**
 * Issue 5 through the real API and real sockets, with an injected clock: the per-action
 * deadlines, the return path (inside the window → approved → the other unit gets it live;
 * after it → refused; two units → designation), the decision queue and the reply review.
 */
import { count, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { LiveEvent } from '../../shared/live/feed';
import type { DecisionItem } from '../../shared/schemas/workspaces';
import type { TicketCommand } from '../../shared/ticket/commands';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, waitFor, type TestServer } from '../../test/support/server';

/** Monday 2026-11-23 10:00 in Shanghai. */
let now = new Date('2026-11-23T10:00:00+08:00');
const at = (iso: string) => {
  now = new Date(iso);
  return now.toISOString();
};
const endOfDay = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

/** Resolves with the first live event of `type` on `ticketId`. */
function nextEvent(socket: Socket, ticketId: number, type: string, timeoutMs = 5000): Promise<LiveEvent<any>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} for ticket ${ticketId}`)), timeoutMs);
    const onEvent = (e: LiveEvent<any>) => {
      if (e.ticketId !== ticketId || e.type !== type) return;
      clearTimeout(timer);
      socket.off('event', onEvent);
      resolve(e);
    };
    socket.on('event', onEvent);
  });
}

describe(`decisions and deadlines (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let leader: ApiClient;
  let unitA: ApiClient;
  let unitB: ApiClient;
  let unitC: ApiClient;
  let revisit: ApiClient;

  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
    const names = ['operator', 'supervisor', 'leader', 'liaison-d-chengguan', 'liaison-d-housing', 'liaison-d-environment', 'revisit'] as const;
    [op, sup, leader, unitA, unitB, unitC, revisit] = (await Promise.all(names.map((u) => t.login(u)))) as [
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
    ];
  });
  afterAll(() => t.close());

  const detail = async (id: number, c: ApiClient = sup) => (await c.get(`/api/tickets/${id}`)).body;
  const run = async (c: ApiClient, id: number, command: TicketCommand, input: Record<string, unknown> = {}) => {
    const { version } = await detail(id);
    return c.post(ticketCommandPath(command, id), { version, ...input });
  };
  const queue = async (): Promise<DecisionItem[]> => (await sup.get('/api/decisions')).body.items;
  const eventCount = async (id: number) => (await t.database.db.select({ n: count() }).from(events).where(eq(events.ticketId, id)))[0]!.n;
  const newTicket = async (leadUnitId: number) => (await op.post('/api/tickets', intake({ leadUnitId }))).body as { id: number; number: string };

  it('401 without a session, 403 for roles that decide nothing', async () => {
    const anon = await ApiClient.anonymous(t.url).get('/api/decisions');
    expect([anon.status, anon.body.error.code]).toEqual([401, 'unauthenticated']);
    for (const c of [op, unitA, revisit]) {
      const res = await c.get('/api/decisions');
      expect([res.status, res.body.error.code]).toEqual([403, 'forbidden_role']);
    }
    expect((await leader.get('/api/decisions')).status).toBe(200);
  });

  it('shows each action with its deadline, counted in working days (002)', async () => {
    at('2026-11-23T10:00:00+08:00');
    const { id } = await newTicket(t.units.d_chengguan!);
    const d = await detail(id, unitA);
    expect(d.deadlines).toEqual({
      asOf: now.toISOString(),
      // 000 二(一): no return before the unit verified (a contact or a site visit).
      returnWindow: { due: endOfDay('2026-11-24'), open: true, needsVerification: true },
      // Issue 15.3: dispatched at once on registration (met); the unit accepts by the end of working day 1 (001 二.1).
      dispatch: { due: endOfDay('2026-11-24'), light: 'normal', status: 'met' },
      acceptance: { due: endOfDay('2026-11-24'), light: 'normal', status: 'running' },
      firstContact: { due: endOfDay('2026-11-24'), light: 'normal', status: 'running' },
      reply: { due: endOfDay('2026-11-30'), light: 'normal', status: 'running' },
      revisit: null,
      revisitAttempts: { max: 3, minGapMinutes: 60 },
      replyNeedsSignOff: false,
    });
    expect(d.actors[String(op.user.id)]).toBe('话务员 王敏');

    at('2026-11-25T09:00:00+08:00');
    const late = await detail(id, unitA);
    expect(late.deadlines.returnWindow).toEqual({ due: endOfDay('2026-11-24'), open: false, needsVerification: true });
    expect(late.deadlines.firstContact).toMatchObject({ light: 'overdue', status: 'running' });
  });

  it('return inside the window → the supervisor approves → the other unit gets it live', async () => {
    at('2026-11-23T10:00:00+08:00');
    const { id } = await newTicket(t.units.d_chengguan!);
    at('2026-11-24T16:00:00+08:00');
    await run(unitA, id, 'record_site_visit', { at: now.toISOString(), note: '现场核实：房屋漏水' });
    const asked = await run(unitA, id, 'request_return', { reason: '属于房屋维修，不属于城管职责', suggestedUnitId: t.units.d_housing });
    expect(asked.status).toBe(200);

    const item = (await queue()).find((i) => i.ticket.id === id)!;
    expect(item).toMatchObject({
      kind: 'return',
      designationRequired: false,
      request: { reason: '属于房屋维修，不属于城管职责', suggestedUnitId: t.units.d_housing, unitId: t.units.d_chengguan },
    });

    const socketA = unitA.socket();
    const socketB = unitB.socket();
    await Promise.all([waitFor(socketA, 'ready'), waitFor(socketB, 'ready')]);
    const toB = nextEvent(socketB, id, 'ticket.return_approved');
    const toA = nextEvent(socketA, id, 'ticket.return_approved');
    at('2026-11-24T17:00:00+08:00');
    const approved = await run(sup, id, 'decide_return', { approve: true, newLeadUnitId: t.units.d_housing, note: '同意，转房管办' });
    expect(approved.status).toBe(200);
    const [b, a] = await Promise.all([toB, toA]);
    expect(b.data.ticket).toMatchObject({ state: 'dispatched', leadUnitId: t.units.d_housing });
    // The unit that gave it up hears it too, so its inbox drops the ticket live.
    expect(a.data.ticket.leadUnitId).toBe(t.units.d_housing);
    socketA.close();
    socketB.close();

    expect((await queue()).some((i) => i.ticket.id === id)).toBe(false);
    expect((await unitA.get(`/api/tickets/${id}`)).status).toBe(404);
    // The new unit's clocks, and its return window, start at the approval; it verifies afresh (000 二(一)).
    const forB = await detail(id, unitB);
    expect(forB.deadlines.returnWindow).toEqual({ due: endOfDay('2026-11-25'), open: true, needsVerification: true });
    expect(forB.allowedCommands).toContain('accept');
  });

  it('refuses a return after the window, says why, and stores nothing', async () => {
    at('2026-11-23T10:00:00+08:00');
    const { id } = await newTicket(t.units.d_chengguan!);
    await run(unitA, id, 'accept');
    const before = await eventCount(id);
    at('2026-11-25T08:30:00+08:00');
    const late = await run(unitA, id, 'request_return', { reason: '不属于本单位', suggestedUnitId: t.units.d_housing });
    expect([late.status, late.body.error.code]).toEqual([422, 'rule_violation']);
    expect(late.body.error.message).toBe('退单时限已过（截至 2026-11-24 23:59），逾期不予退单');
    expect(await eventCount(id)).toBe(before);
    expect((await detail(id)).detail.pendingRequests).toEqual([]);
    expect((await queue()).some((i) => i.ticket.id === id)).toBe(false);
  });

  it('two units returned it → approving is refused, a unit must be designated, and cannot return it', async () => {
    at('2026-11-23T10:00:00+08:00');
    const { id } = await newTicket(t.units.d_chengguan!);
    await run(unitA, id, 'record_site_visit', { at: now.toISOString(), note: '现场核实' });
    await run(unitA, id, 'request_return', { reason: '不属于城管职责', suggestedUnitId: t.units.d_housing });
    await run(sup, id, 'decide_return', { approve: true, newLeadUnitId: t.units.d_housing, note: '转房管办' });
    at('2026-11-23T15:00:00+08:00');
    await run(unitB, id, 'record_first_contact', { at: now.toISOString(), channel: 'phone', note: '已联系市民核实' });
    await run(unitB, id, 'request_return', { reason: '属于环保职责', suggestedUnitId: t.units.d_environment });

    const item = (await queue()).find((i) => i.ticket.id === id)!;
    expect(item).toMatchObject({ kind: 'return', designationRequired: true, returnedByUnitIds: [t.units.d_chengguan] });
    const refused = await run(sup, id, 'decide_return', { approve: true, newLeadUnitId: t.units.d_environment, note: '转环保' });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'rule_violation']);
    expect(refused.body.error.message).toContain('签派');

    const socketC = unitC.socket();
    await waitFor(socketC, 'ready');
    const toC = nextEvent(socketC, id, 'ticket.designated');
    const designated = await run(leader, id, 'designate', { unitId: t.units.d_environment, note: '由生态环境办牵头办理' });
    expect(designated.status).toBe(200);
    expect((await toC).data.ticket).toMatchObject({ state: 'dispatched', leadUnitId: t.units.d_environment });
    socketC.close();

    const forC = await detail(id, unitC);
    expect(forC.detail).toMatchObject({ designatedUnitId: t.units.d_environment, returnedByUnitIds: [t.units.d_chengguan, t.units.d_housing] });
    expect(forC.allowedCommands).not.toContain('request_return');
    expect(forC.deadlines.returnWindow).toBeNull();
    const again = await run(unitC, id, 'request_return', { reason: '也不属于我们', suggestedUnitId: t.units.d_chengguan });
    expect([again.status, again.body.error.code]).toEqual([422, 'rule_violation']);
    expect((await queue()).some((i) => i.ticket.id === id)).toBe(false);
  });

  it('lists extension, filing and evaluation requests, each decided in one step', async () => {
    at('2026-11-23T10:00:00+08:00');
    const { id } = await newTicket(t.units.d_chengguan!);
    await run(unitA, id, 'accept');
    await run(unitA, id, 'explain_delay', { reason: '需协调物业公司，本周内无法完成', requestedDue: new Date('2026-12-04T23:59:59+08:00').toISOString() });
    await run(unitA, id, 'request_not_counted', { reason: '来电人恶意投诉' });
    await run(unitA, id, 'request_filing', { reason: '该事项已进入诉讼程序' });
    const kinds = (await queue()).filter((i) => i.ticket.id === id).map((i) => i.kind);
    expect(kinds).toEqual(['extension', 'not_counted', 'filing']);

    expect((await run(sup, id, 'decide_extension', { approve: true, note: '同意延期' })).status).toBe(200);
    expect((await run(sup, id, 'decide_not_counted', { approve: false, note: '不符合不纳入测评条件' })).status).toBe(200);
    expect((await run(sup, id, 'decide_filing', { approve: false, note: '请提供立案材料' })).status).toBe(200);
    expect((await queue()).some((i) => i.ticket.id === id)).toBe(false);
    const d = await detail(id, unitA);
    expect(d.deadlines.reply.due).toBe(new Date('2026-12-04T23:59:59+08:00').toISOString());
    expect(d.events.map((e: { type: string }) => e.type).slice(-3)).toEqual([
      'ticket.extension_granted',
      'ticket.not_counted_rejected',
      'ticket.filing_rejected',
    ]);
  });

  it('a reply awaits review: accepted once, or sent back to the unit live', async () => {
    at('2026-11-23T10:00:00+08:00');
    const { id } = await newTicket(t.units.d_chengguan!);
    await run(unitA, id, 'accept');
    const reply = { outcome: 'resolved', facts: '饭店排烟管道破损', report: '已责令维修排烟管道', citizenToldAt: at('2026-11-24T11:00:00+08:00') };
    await run(unitA, id, 'reply', reply);
    // Met deadlines stay visible for the rest of the round; the revisit clock starts at the reply.
    // Telling the citizen the result on day 1 was the first contact (issue 15.6, 003 第六条(一)).
    expect((await detail(id)).deadlines).toMatchObject({
      firstContact: { status: 'met', light: 'red' },
      reply: { due: endOfDay('2026-11-30'), status: 'met' },
      revisit: { due: endOfDay('2026-11-25'), status: 'running' },
      returnWindow: null,
    });
    const waiting = (await queue()).find((i) => i.ticket.id === id)!;
    expect(waiting).toMatchObject({ kind: 'reply', reply: { outcome: 'resolved', report: '已责令维修排烟管道' } });

    // 400 with the Chinese message, nothing stored.
    const before = await eventCount(id);
    const bad = await sup.post(`/api/decisions/replies/${id}/accept`, { version: waiting.ticket.version, note: 42 });
    expect([bad.status, bad.body.error.code, bad.body.error.fields.note]).toEqual([400, 'validation_failed', '审核意见须为文字']);
    const byUnit = await unitA.post(`/api/decisions/replies/${id}/accept`, { version: waiting.ticket.version });
    expect(byUnit.status).toBe(403);
    expect(await eventCount(id)).toBe(before);

    const ok = await sup.post(`/api/decisions/replies/${id}/accept`, { version: waiting.ticket.version, note: '答复清楚' });
    expect(ok.status).toBe(200);
    expect((await queue()).some((i) => i.ticket.id === id)).toBe(false);
    const twice = await sup.post(`/api/decisions/replies/${id}/accept`, { version: waiting.ticket.version });
    expect([twice.status, twice.body.error.code]).toEqual([422, 'rule_violation']);
    const last = (await detail(id)).events.at(-1);
    expect(last).toMatchObject({ type: 'ticket.reply_accepted', actorRole: 'supervisor', actorId: sup.user.id, payload: { note: '答复清楚' } });

    // A second ticket with a vague reply goes back to the unit, which hears it live.
    at('2026-11-23T10:00:00+08:00');
    const other = await newTicket(t.units.d_chengguan!);
    await run(unitA, other.id, 'accept');
    at('2026-11-24T12:00:00+08:00');
    expect((await run(unitA, other.id, 'reply', { ...reply, report: '已处理' })).status).toBe(200);
    const socketA = unitA.socket();
    await waitFor(socketA, 'ready');
    const heard = nextEvent(socketA, other.id, 'ticket.reply_sent_back');
    const sent = await run(sup, other.id, 'send_back_reply', { note: '答复模棱两可，请写明处理结果' });
    expect(sent.status).toBe(200);
    expect((await heard).data).toMatchObject({ note: '答复模棱两可，请写明处理结果', ticket: { state: 'in_progress' } });
    socketA.close();
    expect((await queue()).some((i) => i.ticket.id === other.id)).toBe(false);
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
