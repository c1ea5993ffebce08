/**
 * Issue 15.2 "special orders reachable", through the real API with an injected clock (PRODUCT.md §4):
 * the policy a ticket runs under is chosen from its source, its type and an urgent flag (001 三.1:
 * 紧急工单 3 working days; 随申拍 3 natural days); the flag is set with a reason, as an event; a
 * policy the supervisors publish can be mapped to a source and type, so the per-type light
 * thresholds of 002 附件1 (咨询、建议: 预警 day 1, 黄灯 day 3, 红灯 day 5) are configurable.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { DEFAULT_POLICIES } from '../../shared/clock/default-policies';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

/** Monday 2026-11-23 10:00 in Shanghai. */
let now = new Date('2026-11-23T10:00:00+08:00');
const at = (iso: string) => (now = new Date(iso)).toISOString();
const endOfDay = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

describe(`policy chosen by source, type and urgency (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let leader: ApiClient;
  let unit: ApiClient;

  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
    [op, sup, leader, unit] = (await Promise.all(['operator', 'supervisor', 'leader', 'liaison-d-chengguan'].map((u) => t.login(u)))) as [
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
    ];
  });
  afterAll(() => t.close());

  const detail = async (id: number) => (await sup.get(`/api/tickets/${id}`)).body;
  const register = async (extra: Record<string, unknown> = {}) => {
    const res = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan, ...extra }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return detail(res.body.id as number);
  };
  const urgencyEvents = async (id: number) =>
    t.database.db
      .select()
      .from(events)
      .where(and(eq(events.ticketId, id), eq(events.type, 'ticket.urgency_set')));

  it('ships the defaults: the line’s own 5 working days (003 第六条(一)), 12345 orders 10 (000 三(三))', async () => {
    at('2026-11-23T10:00:00+08:00');
    const hotline = await register();
    expect([hotline.policyCode, hotline.urgent, hotline.deadlines.reply.due]).toEqual(['hotline_default', false, endOfDay('2026-11-30')]);
    const district = await register({ source: 'district_12345' });
    expect([district.policyCode, district.deadlines.reply.due]).toEqual(['district_12345', endOfDay('2026-12-07')]);
  });

  it('an urgent order registered with its reason runs 3 working days (001 三.1), recorded as an event', async () => {
    at('2026-11-23T10:00:00+08:00');
    const missing = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan, urgent: true }));
    expect([missing.status, missing.body.error.fields.urgentReason]).toEqual([400, '标记紧急工单须填写紧急原因']);
    const urgent = await register({ urgent: true, urgentReason: '区城运中心紧急工单' });
    expect([urgent.policyCode, urgent.urgent, urgent.deadlines.reply.due]).toEqual(['urgent', true, endOfDay('2026-11-26')]);
    const [event] = await urgencyEvents(urgent.id);
    expect(event).toMatchObject({
      actorId: op.user.id,
      actorRole: 'operator',
      payload: { urgent: true, reason: '区城运中心紧急工单', previousPolicy: { code: 'hotline_default' }, policy: { code: 'urgent', version: 1 } },
    });
  });

  describe('a supervisor marks a ticket urgent with a reason', () => {
    let id = 0;
    const path = () => `/api/tickets/${id}/urgency`;
    beforeAll(async () => {
      at('2026-11-23T10:00:00+08:00');
      id = (await register()).id;
    });

    it('401, exact 400, 403 for every other role', async () => {
      const { version } = await detail(id);
      const anon = await ApiClient.anonymous(t.url).post(path(), { version, urgent: true, reason: '紧急' });
      expect([anon.status, anon.body.error.code]).toEqual([401, 'unauthenticated']);
      const bad = await sup.post(path(), { version, urgent: true });
      expect([bad.status, bad.body.error.fields]).toEqual([400, { reason: '请填写原因' }]);
      for (const c of [op, leader, unit]) {
        const res = await c.post(path(), { version, urgent: true, reason: '区城运中心紧急工单' });
        expect([res.status, res.body.error.code]).toEqual([403, 'forbidden_role']);
      }
      expect(await urgencyEvents(id)).toEqual([]);
    });

    it('switches the policy and moves the reply due from 5 to 3 working days; the event keeps both policies', async () => {
      at('2026-11-24T09:00:00+08:00');
      const before = await detail(id);
      expect(before.deadlines.reply.due).toBe(endOfDay('2026-11-30'));
      const res = await sup.post(path(), { version: before.version, urgent: true, reason: '区城运中心升级为紧急工单' });
      expect(res.status).toBe(200);
      const after = await detail(id);
      expect([after.urgent, after.policyCode, after.deadlines.reply.due, after.version]).toEqual([true, 'urgent', endOfDay('2026-11-26'), before.version + 1]);
      const [event] = await urgencyEvents(id);
      expect(event).toMatchObject({
        actorId: sup.user.id,
        actorRole: 'supervisor',
        payload: {
          urgent: true,
          reason: '区城运中心升级为紧急工单',
          previousPolicy: { code: 'hotline_default', version: 1 },
          policy: { code: 'urgent', version: 1 },
        },
      });
      expect(after.events.at(-1)).toMatchObject({ type: 'ticket.urgency_set' });
      // The same again is no change; after the reply it can no longer change.
      const again = await sup.post(path(), { version: after.version, urgent: true, reason: '重复' });
      expect([again.status, again.body.error.code, again.body.error.message]).toEqual([422, 'rule_violation', '该工单已是紧急工单']);
    });

    it('is refused after the reply', async () => {
      const run = async (c: ApiClient, command: 'accept' | 'reply', input: Record<string, unknown> = {}) =>
        c.post(ticketCommandPath(command, id), { version: (await detail(id)).version, ...input });
      expect((await run(unit, 'accept')).status).toBe(200);
      at('2026-11-24T10:00:00+08:00');
      const replied = await run(unit, 'reply', { outcome: 'resolved', facts: '属实', report: '已处理', citizenToldAt: now.toISOString() });
      expect(replied.status).toBe(200);
      const res = await sup.post(path(), { version: (await detail(id)).version, urgent: false, reason: '取消紧急' });
      expect([res.status, res.body.error.code]).toEqual([409, 'invalid_state']);
    });
  });

  it('maps a supervisor-published policy to a source and type: 002 附件1 consultation lights (warning day 1, yellow 3, red 5)', async () => {
    const { code: _c, version: _v, ...base } = DEFAULT_POLICIES.hotline_default;
    const consult = {
      ...base,
      name: { zh: '咨询、建议（002 附件1）', en: 'Consultations and suggestions (002 annex 1)' },
      clocks: {
        ...base.clocks,
        reply: {
          rounds: [
            {
              limit: { days: 5, kind: 'working' },
              lights: { warningFromDay: 1, yellowOnDay: 3, redOnDay: 5 },
              reminders: [{ when: 'light', light: 'yellow' }],
            },
          ],
        },
      },
    };
    expect((await sup.post('/api/policies/consult_002', consult)).status).toBe(201);
    const assignment = { source: 'hotline', type: 'consultation', urgent: false, policyCode: 'consult_002', note: '按002附件1：咨询、建议工单第1个工作日预警' };
    const refused = await op.post('/api/policy-assignments', assignment);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden_role']);
    const unknown = await sup.post('/api/policy-assignments', { ...assignment, policyCode: 'no_such_policy' });
    expect([unknown.status, unknown.body.error.fields]).toEqual([400, { policyCode: '没有这个时限策略，请先发布' }]);
    const made = await sup.post('/api/policy-assignments', assignment);
    expect(made.status).toBe(201);
    expect((await leader.get('/api/policy-assignments')).body).toEqual([
      expect.objectContaining({ source: 'hotline', type: 'consultation', policyCode: 'consult_002' }),
    ]);

    at('2026-11-23T10:00:00+08:00');
    const consultation = await register({ type: 'consultation' });
    const complaint = await register({ type: 'complaint_help' });
    expect([consultation.policyCode, complaint.policyCode]).toEqual(['consult_002', 'hotline_default']);
    // Tuesday is working day 1: the consultation warns (002 附件1), the complaint does not.
    at('2026-11-24T10:00:00+08:00');
    expect((await detail(consultation.id)).deadlines.reply.light).toBe('warning');
    expect((await detail(complaint.id)).deadlines.reply.light).toBe('normal');
  });

  it('maps urgent 12345 orders to 随申拍 (001 三.1: 3 natural days, weekends included)', async () => {
    const made = await sup.post('/api/policy-assignments', {
      source: 'district_12345',
      type: null,
      urgent: true,
      policyCode: 'suishenpai',
      note: '随申拍工单',
    });
    expect(made.status).toBe(201);
    at('2026-11-27T10:00:00+08:00'); // a Friday: 3 natural days end on Monday
    const order = await register({ source: 'district_12345', urgent: true, urgentReason: '随申拍工单' });
    expect([order.policyCode, order.deadlines.reply.due]).toEqual(['suishenpai', endOfDay('2026-11-30')]);
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
