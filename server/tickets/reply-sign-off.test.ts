/**
 * Issue 15.8 through the real API with an injected clock: the unit head's sign-off on the closing
 * report where the policy asks for it — 000 三(四) "各责任单位主要负责人对处理结果应严格审核把关，并在
 * 结案签批表上签字确认", 002 一.6 "对处置后工单，需分管领导签字上报". Off by default (the line's own
 * rules, 003, do not ask); a policy version with `replyNeedsSignOff` turns it on for the tickets
 * registered under it: their reply is neither accepted nor revisited until the unit's liaison records
 * the head's sign-off (`ticket.reply_signed_off`, with its actor), refused with `reply_not_signed_off`.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { DEFAULT_POLICIES } from '../../shared/clock/default-policies';
import type { TicketCommand } from '../../shared/ticket/commands';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

let now = new Date('2026-11-23T10:00:00+08:00');
const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000)).toISOString();
const REPLY = { outcome: 'resolved', facts: '店家油烟净化器未开启', report: '已责令店家开启净化器并复查' };

describe(`the unit head signs the closing report off where the policy asks, 000 三(四) (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let unit: ApiClient;
  let revisit: ApiClient;

  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
    [op, sup, unit, revisit] = (await Promise.all(['operator', 'supervisor', 'liaison-d-chengguan', 'revisit'].map((u) => t.login(u)))) as [
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
    ];
  });
  afterAll(() => t.close());

  const version = async (id: number) => (await sup.get(`/api/tickets/${id}`)).body.version as number;
  const run = async (who: ApiClient, command: TicketCommand, id: number, input: Record<string, unknown> = {}) =>
    who.post(ticketCommandPath(command, id), { version: await version(id), ...input });
  const replied = async () => {
    const id = (await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }))).body.id as number;
    later(30);
    expect((await run(unit, 'accept', id)).status).toBe(200);
    later(60);
    expect((await run(unit, 'reply', id, { ...REPLY, citizenToldAt: now.toISOString() })).status).toBe(200);
    later(30);
    return id;
  };
  const accept = async (id: number) => sup.post(`/api/decisions/replies/${id}/accept`, { version: await version(id), note: '' });
  const signOff = async (who: ApiClient, id: number, body: Record<string, unknown>) =>
    who.post(`/api/decisions/replies/${id}/sign-off`, { version: await version(id), ...body });

  it('asks for no sign-off under the default policy', async () => {
    const id = await replied();
    expect((await accept(id)).status).toBe(200);
  });

  it('refuses review and revisit of an unsigned report with a stable code, then takes them once the head signed', async () => {
    const { code: _c, version: _v, ...definition } = DEFAULT_POLICIES.hotline_default;
    expect((await sup.post('/api/policies/hotline_default', { ...definition, replyNeedsSignOff: true })).status).toBe(201);
    const id = await replied();

    const refused = await accept(id);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toEqual({ code: 'reply_not_signed_off', message: '结案报告尚无承办单位负责人签批，不能审核通过或回访' });
    const noRevisit = await run(revisit, 'record_revisit', id, { resolved: true, satisfaction: 'satisfied', words: '满意' });
    expect(noRevisit.status).toBe(422);
    expect(noRevisit.body.error.code).toBe('reply_not_signed_off');

    // The sign-off: 401, 400 with the field, 403 for other roles, then the lead unit's liaison.
    expect((await ApiClient.anonymous(t.url).post(`/api/decisions/replies/${id}/sign-off`, { version: 1, signer: '张主任' })).status).toBe(401);
    const blank = await signOff(unit, id, { signer: ' ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields).toEqual({ signer: '请填写签批的单位负责人' });
    expect((await signOff(sup, id, { signer: '张主任' })).status).toBe(403);
    expect((await signOff(await t.login('liaison-d-housing'), id, { signer: '李主任' })).status).toBe(404);
    later(10);
    const signed = await signOff(unit, id, { signer: '张主任', note: '已审核，同意结案' });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const [event] = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.ticketId, id), eq(events.type, 'ticket.reply_signed_off')));
    expect(event).toMatchObject({
      actorId: unit.user.id,
      actorRole: 'liaison',
      payload: { signer: '张主任', note: '已审核，同意结案', unitId: t.units.d_chengguan },
    });
    expect((await signOff(unit, id, { signer: '张主任' })).body.error.code).toBe('rule_violation');

    expect((await accept(id)).status).toBe(200);
    expect((await run(revisit, 'record_revisit', id, { resolved: true, satisfaction: 'satisfied', words: '满意' })).status).toBe(200);
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
