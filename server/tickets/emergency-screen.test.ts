/**
 * Issue 16.3 (003 第五条(三)): a record whose description reads as a 110/119/120 emergency is never
 * saved as an ordinary ticket by a fast Ctrl+Enter. It is handed on — closed on the call in one
 * step, recorded as a transfer to the number — or kept as an ordinary ticket only with the
 * operator's override and reason, stored in the event `ticket.emergency_overridden`. Without
 * either the server refuses with `emergency_unconfirmed` and stores nothing.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, tickets } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { engineName } from '../../test/support/db';
import { fileOpen311Request } from '../../test/support/open311';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

const FIRE = '家里着火了，厨房烧起来了';
const REFUSAL = '描述像是紧急情况（119）：请告知来电人立即拨打119并当场办结；确非紧急情况，请填写不按紧急情况处理的理由。本次未保存';

describe(`the emergency screen on save (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  const counts = async () => ({
    tickets: (await t.database.db.select({ n: count() }).from(tickets))[0]!.n,
    events: (await t.database.db.select({ n: count() }).from(events))[0]!.n,
  });
  const eventsOf = async (id: number) =>
    (await t.database.db.select().from(events).where(eq(events.ticketId, id)).orderBy(events.seq)).map((e) => ({
      type: e.type,
      actorId: e.actorId,
      actorRole: e.actorRole,
      payload: e.payload as Record<string, unknown>,
    }));

  beforeAll(async () => {
    t = await startTestServer();
    op = await t.login('operator');
    sup = await t.login('supervisor');
  });
  afterAll(() => t.close());

  it('401 without a session', async () => {
    const res = await ApiClient.anonymous(t.url).post('/api/tickets', intake({ description: FIRE }));
    expect(res.status).toBe(401);
  });

  it('422 emergency_unconfirmed for a fire saved and dispatched as an ordinary ticket (Ctrl+Enter); nothing stored', async () => {
    const before = await counts();
    for (const save of [{ leadUnitId: t.units.d_environment }, {}]) {
      const res = await op.post('/api/tickets', intake({ description: FIRE, ...save }), { 'idempotency-key': `fire-${Object.keys(save).length}-key` });
      expect(res.status, JSON.stringify(save)).toBe(422);
      expect(res.body.error).toEqual({ code: 'emergency_unconfirmed', message: REFUSAL, fields: { emergency: '119' } });
    }
    // The same for a supervisor at the intake form, and for 110 / 120.
    const police = await sup.post('/api/tickets', intake({ description: '有人拿着刀在楼道里砍人，快来', leadUnitId: t.units.d_environment }));
    expect(police.body.error).toMatchObject({ code: 'emergency_unconfirmed', fields: { emergency: '110' } });
    const ambulance = await op.post('/api/tickets', intake({ description: '我爸爸突然晕倒了叫不醒' }));
    expect(ambulance.body.error).toMatchObject({ code: 'emergency_unconfirmed', fields: { emergency: '120' } });
    expect(await counts()).toEqual(before);
  });

  it('400 for an override without a real reason; nothing stored', async () => {
    const before = await counts();
    for (const [override, message] of [
      [{ reason: '' }, '请填写不按紧急情况处理的理由'],
      [{ reason: '不是' }, '不按紧急情况处理的理由至少4个字'],
      [{}, '请填写不按紧急情况处理的理由'],
      ['不是', '不按紧急情况处理的理由格式不正确'],
    ] as const) {
      const res = await op.post('/api/tickets', intake({ description: FIRE, leadUnitId: t.units.d_environment, emergencyOverride: override }));
      expect(res.status, JSON.stringify(override)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.values(res.body.error.fields)).toContain(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('keeps a flagged record as an ordinary ticket with the override and its reason in an event, with the actor', async () => {
    const reason = '火已经灭了，来电人反映的是物业不处理烧毁的电线';
    const res = await op.post('/api/tickets', intake({ description: FIRE, leadUnitId: t.units.d_environment, emergencyOverride: { reason } }));
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('dispatched');
    const written = await eventsOf(res.body.id);
    expect(written.map((e) => e.type)).toEqual(['ticket.registered', 'ticket.emergency_overridden', 'ticket.dispatched']);
    expect(written[1]).toEqual({ type: 'ticket.emergency_overridden', actorId: op.user.id, actorRole: 'operator', payload: { number: '119', reason } });
    // On the ticket's page, for those who read it.
    const page = await sup.get(`/api/tickets/${res.body.id}`);
    expect(page.body.events.find((e: { type: string }) => e.type === 'ticket.emergency_overridden')).toMatchObject({
      payload: { number: '119', reason },
      actorRole: 'operator',
    });
  });

  it('hands an emergency on: registered and closed on the call in one step, recorded as a transfer to 119, no address needed', async () => {
    const res = await op.post(
      '/api/tickets',
      intake({ description: FIRE, address: undefined, closeOnCall: { reason: 'out_of_scope_emergency', note: '紧急情况，已告知市民立即拨打119' } }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'closed_on_call', address: '' });
    const written = await eventsOf(res.body.id);
    expect(written.map((e) => e.type)).toEqual(['ticket.registered', 'ticket.closed_on_call']);
    expect(written[1]!.payload).toMatchObject({ reason: 'out_of_scope_emergency', note: '紧急情况，已告知市民立即拨打119', transferredTo: '119' });
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, res.body.id));
    expect(row).toMatchObject({ state: 'closed_on_call', leadUnitId: null });
  });

  it('refuses what cannot be: a close with a dispatch, a transfer for another reason, a supervisor closing on the call; nothing stored', async () => {
    const before = await counts();
    const both = await op.post(
      '/api/tickets',
      intake({ description: FIRE, leadUnitId: t.units.d_environment, closeOnCall: { reason: 'out_of_scope_emergency', note: '已告知拨打119' } }),
    );
    expect(both.status).toBe(400);
    expect(both.body.error.fields.closeOnCall).toBe('当场办结的记录不能同时派单');
    const wrongReason = await op.post(
      '/api/tickets',
      intake({ closeOnCall: { reason: 'no_handling_needed', note: '市民表示无需处理', transferredTo: '119' } }),
    );
    expect(wrongReason.status).toBe(400);
    expect(Object.values(wrongReason.body.error.fields)).toContain('只有紧急情况（110/119/120）才能记录转接号码');
    // PRODUCT.md §1: closing on the call is the operator's command.
    const bySupervisor = await sup.post(
      '/api/tickets',
      intake({ description: FIRE, closeOnCall: { reason: 'out_of_scope_emergency', note: '已告知拨打119' } }),
    );
    expect(bySupervisor.status).toBe(403);
    expect(bySupervisor.body.error.code).toBe('forbidden_role');
    expect(await counts()).toEqual(before);
  });

  it('asks nothing of a description that is not an emergency (a fire hazard is a fire-safety ticket), and records no override for it', async () => {
    const hazard = await op.post(
      '/api/tickets',
      intake({ description: '楼道里堆满杂物，担心着火，消防通道被堵', leadUnitId: t.units.d_environment, emergencyOverride: { reason: '不是紧急情况' } }),
    );
    expect(hazard.status).toBe(201);
    expect((await eventsOf(hazard.body.id)).map((e) => e.type)).toEqual(['ticket.registered', 'ticket.dispatched']);
  });

  it('answers a retried save with the ticket the first one made (same Idempotency-Key), override or transfer', async () => {
    const body = intake({ description: FIRE, contactPhone: '13900001111', closeOnCall: { reason: 'out_of_scope_emergency', note: '已告知拨打119' } });
    const first = await op.post('/api/tickets', body, { 'idempotency-key': 'emergency-retry-1' });
    const again = await op.post('/api/tickets', body, { 'idempotency-key': 'emergency-retry-1' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(await eventsOf(first.body.id)).toHaveLength(2);
  });

  it('screens a ticket filed through Open311 (never screened) at its first dispatch: a reason or nothing changes', async () => {
    // Open311 files what the citizen wrote; the operator's screen never saw it.
    const filed = await fileOpen311Request(t.url, { address_string: '易富路88弄', phone: '13800002222', description: FIRE });
    expect(filed.status, await filed.clone().text()).toBe(200);
    const number = ((await filed.json()) as { service_request_id: string }[])[0]!.service_request_id;
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.number, number));
    const path = ticketCommandPath('dispatch', row!.id);
    const before = await counts();
    const bare = await sup.post(path, { version: row!.version, leadUnitId: t.units.d_environment });
    expect(bare.status).toBe(422);
    expect(bare.body.error).toMatchObject({ code: 'emergency_unconfirmed', fields: { emergency: '119' } });
    expect(bare.body.error.fields['emergencyOverride.reason']).toContain('请填写不按紧急情况处理的理由');
    const short = await sup.post(path, { version: row!.version, leadUnitId: t.units.d_environment, emergencyOverride: { reason: '不是' } });
    expect(short.status).toBe(400);
    expect(await counts()).toEqual(before);

    const reason = '市民网上反映的是烧毁电线无人清理，火情已结束';
    const sent = await sup.post(path, { version: row!.version, leadUnitId: t.units.d_environment, emergencyOverride: { reason } });
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('dispatched');
    const written = await eventsOf(row!.id);
    expect(written.map((e) => e.type).slice(-2)).toEqual(['ticket.emergency_overridden', 'ticket.dispatched']);
    expect(written.at(-2)).toEqual({ type: 'ticket.emergency_overridden', actorId: sup.user.id, actorRole: 'supervisor', payload: { number: '119', reason } });
  });

  it('asks no second reason of a record the operator already overrode when it is dispatched later', async () => {
    const reason = '火已经灭了，来电人反映的是物业不处理烧毁的电线';
    const saved = await op.post('/api/tickets', intake({ description: FIRE, emergencyOverride: { reason } }));
    expect([saved.status, saved.body.state]).toEqual([201, 'registered']);
    const sent = await sup.post(ticketCommandPath('dispatch', saved.body.id), { version: saved.body.version, leadUnitId: t.units.d_environment });
    expect(sent.status).toBe(200);
    expect((await eventsOf(saved.body.id)).filter((e) => e.type === 'ticket.emergency_overridden')).toHaveLength(1);
  });
});
