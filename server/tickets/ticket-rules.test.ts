/**
 * The rules of PRODUCT.md §3 that span several actors, through the real API with an injected clock:
 * designation after two returns, unreachable revisits, filing, not-counted, a vague reply sent
 * back, a delay explained and an extension granted, closing on the call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { TicketCommand } from '../../shared/ticket/commands';
import { engineName } from '../../test/support/db';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

let now = new Date('2026-11-23T10:00:00+08:00');
const at = (iso: string) => void (now = new Date(iso));

describe(`PRODUCT.md §3 rules through the API (${engineName()})`, () => {
  let t: TestServer;
  let c: Record<'op' | 'sup' | 'leader' | 'revisit' | 'chengguan' | 'housing' | 'market', ApiClient>;

  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
    const [op, sup, leader, revisit, chengguan, housing, market] = await Promise.all(
      ['operator', 'supervisor', 'leader', 'revisit', 'liaison-d-chengguan', 'liaison-d-housing', 'liaison-d-market'].map((u) => t.login(u)),
    );
    c = { op: op!, sup: sup!, leader: leader!, revisit: revisit!, chengguan: chengguan!, housing: housing!, market: market! };
  });
  afterAll(() => t.close());

  const version = async (id: number) => (await c.sup.get(`/api/tickets/${id}`)).body.version as number;
  const run = async (who: ApiClient, id: number, command: TicketCommand, input: Record<string, unknown> = {}) =>
    who.post(ticketCommandPath(command, id), { version: await version(id), ...input });
  const ok = async (who: ApiClient, id: number, command: TicketCommand, input: Record<string, unknown> = {}) => {
    const res = await run(who, id, command, input);
    expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };
  const newTicket = async (unit: string) => (await c.op.post('/api/tickets', intake({ leadUnitId: t.units[unit] }))).body.id as number;

  it('two units returned it: approval is refused, designation names the unit, which cannot return it', async () => {
    at('2026-11-23T10:00:00+08:00');
    const id = await newTicket('d_chengguan');
    await ok(c.chengguan, id, 'record_site_visit', { at: now.toISOString(), note: '现场核实' });
    await ok(c.chengguan, id, 'request_return', { reason: '属于房屋维修', suggestedUnitId: t.units.d_housing });
    await ok(c.sup, id, 'decide_return', { approve: true, newLeadUnitId: t.units.d_housing, note: '转房管办' });
    at('2026-11-23T15:00:00+08:00');
    await ok(c.housing, id, 'record_first_contact', { at: now.toISOString(), channel: 'phone', note: '已联系市民核实' });
    await ok(c.housing, id, 'request_return', { reason: '属于市场监管', suggestedUnitId: t.units.d_market });
    const refused = await run(c.sup, id, 'decide_return', { approve: true, newLeadUnitId: t.units.d_market, note: '转市场所' });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'rule_violation']);
    const designated = await ok(c.leader, id, 'designate', { unitId: t.units.d_market, note: '由市场监管所办理' });
    expect(designated).toMatchObject({ state: 'dispatched', leadUnitId: t.units.d_market });
    const again = await run(c.market, id, 'request_return', { reason: '也不归我们', suggestedUnitId: t.units.d_chengguan });
    expect([again.status, again.body.error.code]).toEqual([422, 'rule_violation']);
  });

  it('three unreachable revisit calls at different times archive the ticket as unreachable', async () => {
    at('2026-11-23T10:00:00+08:00');
    const id = await newTicket('d_chengguan');
    await ok(c.chengguan, id, 'accept');
    await ok(c.chengguan, id, 'reply', { outcome: 'explained', facts: '经核实', report: '已解释说明', citizenToldAt: now.toISOString() });
    at('2026-11-23T16:00:00+08:00');
    await ok(c.revisit, id, 'record_revisit_attempt', { reached: false, note: '无人接听' });
    at('2026-11-23T16:10:00+08:00');
    const tooSoon = await run(c.revisit, id, 'record_revisit_attempt', { reached: false, note: '无人接听' });
    expect([tooSoon.status, tooSoon.body.error.code]).toEqual([422, 'rule_violation']);
    at('2026-11-23T19:00:00+08:00');
    await ok(c.revisit, id, 'record_revisit_attempt', { reached: false, note: '关机' });
    at('2026-11-24T09:30:00+08:00');
    const last = await ok(c.revisit, id, 'record_revisit_attempt', { reached: false, note: '仍无人接听' });
    expect(last.state).toBe('archived');
    expect((await c.sup.get(`/api/tickets/${id}`)).body.detail.archivedAs).toBe('unreachable');
  });

  it('filing, not-counted and a vague reply sent back', async () => {
    at('2026-11-23T10:00:00+08:00');
    const filed = await newTicket('d_housing');
    await ok(c.housing, filed, 'accept');
    await ok(c.housing, filed, 'request_filing', { reason: '该房屋纠纷已进入诉讼程序' });
    expect((await ok(c.sup, filed, 'decide_filing', { approve: true, note: '同意备案' })).state).toBe('filed');

    const vague = await newTicket('d_housing');
    await ok(c.housing, vague, 'accept');
    await ok(c.housing, vague, 'request_not_counted', { reason: '市民诉求超出政策范围' });
    await ok(c.sup, vague, 'decide_not_counted', { approve: true });
    await ok(c.housing, vague, 'reply', { outcome: 'resolved', facts: '已处理', report: '已处理', citizenToldAt: now.toISOString() });
    const back = await ok(c.sup, vague, 'send_back_reply', { note: '答复模棱两可，请写明处理结果' });
    expect(back.state).toBe('in_progress');
    expect((await c.sup.get(`/api/tickets/${vague}`)).body.detail.flags.notCounted).toBe(true);
  });

  it('a delay explained before the due time, and an extension granted, moves the reply due', async () => {
    at('2026-11-23T10:00:00+08:00');
    const id = await newTicket('d_chengguan');
    await ok(c.chengguan, id, 'accept');
    await ok(c.chengguan, id, 'record_first_contact', { at: now.toISOString(), channel: 'phone', note: '已联系' });
    at('2026-11-27T10:00:00+08:00');
    const newDue = new Date('2026-12-04T23:59:59.999+08:00').toISOString();
    await ok(c.chengguan, id, 'explain_delay', { reason: '需等待第三方检测报告', requestedDue: newDue });
    const granted = await ok(c.sup, id, 'decide_extension', { approve: true, note: '同意延期' });
    expect(granted.dueAt).toBe(newDue);
  });

  it('a consultation answered on the call is closed with its reason', async () => {
    const { body } = await c.op.post('/api/tickets', intake({ type: 'consultation', description: '咨询居住证办理需要哪些材料' }));
    const closed = await ok(c.op, body.id, 'close_on_call', { reason: 'answered_from_knowledge_base', note: '已告知所需材料' });
    expect(closed.state).toBe('closed_on_call');
  });

  it("the unreachable-revisit rule is the policy version's: 2 attempts 30 minutes apart for tickets registered under it, 3 and 60 for the others", async () => {
    at('2026-11-25T10:00:00+08:00');
    const older = await newTicket('d_chengguan');
    const current = (await c.sup.get('/api/policies')).body
      .filter((p: { code: string }) => p.code === 'hotline_default')
      .sort((a: { version: number }, b: { version: number }) => b.version - a.version)[0].definition;
    const { code: _code, version: _version, ...definition } = current;
    const bad = await c.sup.post('/api/policies/hotline_default', { ...definition, revisitAttempts: { max: 0, minGapMinutes: 30 } });
    expect(bad.status).toBe(400);
    const published = await c.sup.post('/api/policies/hotline_default', { ...definition, revisitAttempts: { max: 2, minGapMinutes: 30 } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const newer = await newTicket('d_chengguan');
    for (const id of [older, newer]) {
      await ok(c.chengguan, id, 'accept');
      await ok(c.chengguan, id, 'reply', { outcome: 'explained', facts: '经核实', report: '已解释说明', citizenToldAt: now.toISOString() });
    }
    // The ticket page tells the revisit caller the rule the server will apply.
    const rules = async (id: number) => (await c.revisit.get(`/api/tickets/${id}`)).body.deadlines.revisitAttempts;
    expect([await rules(older), await rules(newer)]).toEqual([
      { max: 3, minGapMinutes: 60 },
      { max: 2, minGapMinutes: 30 },
    ]);
    at('2026-11-25T16:00:00+08:00');
    for (const id of [older, newer]) await ok(c.revisit, id, 'record_revisit_attempt', { reached: false, note: '无人接听' });
    at('2026-11-25T16:35:00+08:00');
    const tooSoon = await run(c.revisit, older, 'record_revisit_attempt', { reached: false, note: '无人接听' });
    expect([tooSoon.status, tooSoon.body.error.code]).toEqual([422, 'rule_violation']);
    const last = await ok(c.revisit, newer, 'record_revisit_attempt', { reached: false, note: '关机' });
    expect(last.state).toBe('archived');
    expect((await c.sup.get(`/api/tickets/${newer}`)).body.detail.archivedAs).toBe('unreachable');
    // Back to the shipped rule for whatever runs after this.
    expect((await c.sup.post('/api/policies/hotline_default', definition)).status).toBe(201);
  });
});
