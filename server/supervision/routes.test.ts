/**
 * PRODUCT.md §6 / 004 through the real API on a real database with an injected clock: open a written
 * sheet, the unit's signed reply, send back, progress to on-site coordination and escalation,
 * close; the refusals; unit isolation; events on the ticket's timeline and the live stream.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisionReplies, supervisions } from '../../db/schema';
import { supervisionCommandPath } from '../../shared/api/command-paths';
import type { SupervisionCommand } from '../../shared/supervision/machine';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, waitFor, type TestServer } from '../../test/support/server';

/** Monday 2026-11-23 10:00 in Shanghai. */
let now = new Date('2026-11-23T10:00:00+08:00');
const at = (iso: string) => (now = new Date(iso));

const written = (ticketId: number, extra: Record<string, unknown> = {}) => ({
  ticketId,
  type: 'written',
  scope: 'repeat_no_progress',
  situation: '市民反映饭店油烟问题三次，仍未解决',
  opinion: '请于5个工作日内落实整改并书面反馈',
  ...extra,
});
const signedReply = (extra: Record<string, unknown> = {}) => ({
  progress: 'in_progress',
  content: '已约谈店主，安装油烟净化设备中',
  headName: '张建国',
  signedAt: '2026-11-25',
  sealed: true,
  ...extra,
});
const notice = {
  subject: '饭店油烟扰民问题现场协调',
  place: '涞坊路1111弄12号楼下',
  meetingAt: '2026-11-30T14:00:00+08:00',
  procedure: '1. 实地踏勘；2. 明确处置责任和时限',
  attendees: '镇生态环境办、市场监管所、涞坊居委会',
  contactName: '陈刚',
  contactPhone: '021-62112345',
};

describe(`supervision through the API (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let leader: ApiClient;
  let unitA: ApiClient;
  let unitB: ApiClient;

  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
    op = await t.login('operator');
    sup = await t.login('supervisor');
    leader = await t.login('leader');
    unitA = await t.login('liaison-d-environment');
    unitB = await t.login('liaison-d-housing');
  });
  afterAll(() => t.close());

  const newTicket = async () => (await op.post('/api/tickets', intake({ leadUnitId: t.units.d_environment }))).body as { id: number; number: string };
  const run = async (c: ApiClient, id: number, command: SupervisionCommand, input: Record<string, unknown>) => {
    const { version } = (await sup.get(`/api/supervisions/${id}`)).body;
    return c.post(supervisionCommandPath(command, id), { version, ...input });
  };

  it('refuses the anonymous, bad input with Chinese messages, and the wrong roles — storing nothing', async () => {
    at('2026-11-23T10:00:00+08:00');
    const ticket = await newTicket();
    expect((await ApiClient.anonymous(t.url).get('/api/supervisions')).status).toBe(401);

    const empty = await sup.post('/api/supervisions', {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toMatchObject({
      ticketId: '请选择工单',
      type: '请选择督办类型',
      scope: '请选择督办事由类别',
      situation: '请填写相关情况',
      opinion: '请填写督办意见',
    });

    const noNotice = await sup.post('/api/supervisions', written(ticket.id, { type: 'on_site' }));
    expect(noNotice.status).toBe(400);
    expect(noNotice.body.error.fields.onSite).toMatch(/现场协调督办须填写通知内容/);

    expect((await op.post('/api/supervisions', written(ticket.id))).body.error.code).toBe('forbidden_role');
    expect((await leader.post('/api/supervisions', written(ticket.id))).status).toBe(403);
    expect((await unitA.post('/api/supervisions', written(ticket.id))).status).toBe(403);
    expect((await t.database.db.select().from(supervisions)).length).toBe(0);
  });

  it('runs a written sheet through reply, send back, on-site coordination and escalation to closing', async () => {
    at('2026-11-23T10:00:00+08:00');
    const ticket = await newTicket();
    const liveA = unitA.socket();
    const liveB = unitB.socket();
    await Promise.all([waitFor(liveA, 'ready'), waitFor(liveB, 'ready')]);
    const heardB: string[] = [];
    liveB.on('event', (e: { type: string }) => heardB.push(e.type));
    const heard = waitFor<{ type: string; data: { supervision: { number: string } } }>(liveA, 'event');

    const opened = await sup.post('/api/supervisions', written(ticket.id));
    expect(opened.status).toBe(201);
    const first = opened.body;
    expect(first).toMatchObject({ number: 'DB2026-0001', type: 'written', state: 'open', unitId: t.units.d_environment, light: 'normal', onTime: null });
    expect(first.ticket).toEqual(expect.objectContaining({ id: ticket.id, number: ticket.number, address: '涞坊路1111弄12号' }));
    expect(JSON.stringify(first)).not.toContain('13812345678');
    // 004 三(一)2: 5 working days; opened Monday → due at the end of the next Monday.
    expect(first.dueAt).toBe(new Date('2026-11-30T23:59:59.999+08:00').toISOString());
    expect((await heard).type).toBe('supervision.opened');

    // Another unit sees nothing of it.
    expect((await unitB.get(`/api/supervisions/${first.id}`)).status).toBe(404);
    expect((await unitB.get('/api/supervisions')).body.supervisions).toEqual([]);
    expect((await unitA.get('/api/supervisions')).body.supervisions.map((s: { number: string }) => s.number)).toEqual(['DB2026-0001']);
    expect((await run(unitB, first.id, 'reply', signedReply())).status).toBe(404);

    // A second sheet on the same matter while this one runs is refused.
    const twice = await sup.post('/api/supervisions', written(ticket.id));
    expect([twice.status, twice.body.error.code]).toEqual([422, 'rule_violation']);

    at('2026-11-25T15:00:00+08:00');
    const unsealed = await run(unitA, first.id, 'reply', signedReply({ sealed: false }));
    expect([unsealed.status, unsealed.body.error.message]).toEqual([422, '书面反馈须由单位主要领导签字并加盖单位公章']);
    const future = await run(unitA, first.id, 'reply', signedReply({ signedAt: '2026-11-26' }));
    expect(future.status).toBe(422);
    const replied = await run(unitA, first.id, 'reply', signedReply());
    expect(replied.status).toBe(200);
    // 正在处置 is no answer (issue 15 item 4): recorded, and the clock keeps running.
    expect(replied.body).toMatchObject({ state: 'replied', onTime: null, light: 'normal' });
    expect(replied.body.replies).toEqual([expect.objectContaining({ headName: '张建国', signedAt: '2026-11-25', sealed: true, progress: 'in_progress' })]);
    expect(await t.database.db.select().from(supervisionReplies).where(eq(supervisionReplies.supervisionId, first.id))).toHaveLength(1);

    const stale = await unitA.post(supervisionCommandPath('reply', first.id), { version: first.version, ...signedReply() });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict']);

    const back = await run(sup, first.id, 'send_back', { note: '未说明整改完成时间' });
    expect(back.body.state).toBe('open');
    // An answer stops the clock on time; sent back, it no longer counts and the clock runs again.
    at('2026-11-26T10:00:00+08:00');
    const answered = await run(unitA, first.id, 'reply', signedReply({ progress: 'resolved', content: '已完成整改', signedAt: '2026-11-26' }));
    expect(answered.body).toMatchObject({ state: 'replied', onTime: true });
    const backAgain = await run(sup, first.id, 'send_back', { note: '整改未经核实' });
    expect(backAgain.body).toMatchObject({ state: 'open', onTime: null });
    at('2026-12-01T09:00:00+08:00'); // past the due time of Monday 11-30
    expect((await sup.get(`/api/supervisions/${first.id}`)).body).toMatchObject({ light: 'overdue', onTime: false });

    // 004 三(一)3: no progress after the written sheet → on-site coordination, a new sheet.
    const noInput = await run(sup, first.id, 'progress', { toType: 'on_site', reason: '书面督办后仍未整改', opinion: '现场协调' });
    expect(noInput.status).toBe(400);
    const onSite = await run(sup, first.id, 'progress', { toType: 'on_site', reason: '书面督办后仍未整改', opinion: '现场明确处置责任', onSite: notice });
    expect(onSite.status).toBe(200);
    expect(onSite.body).toMatchObject({ number: 'DB2026-0002', type: 'on_site', state: 'open', previousId: first.id });
    expect(onSite.body.situation).toContain('经书面督办（DB2026-0001）仍未有处置进展');
    expect(onSite.body.onSite).toMatchObject({ ...notice, remarks: null, outcome: null, deadline: null });
    const ended = (await sup.get(`/api/supervisions/${first.id}`)).body;
    expect(ended).toMatchObject({ state: 'progressed', nextId: onSite.body.id, allowedCommands: [] });

    at('2026-12-01T16:00:00+08:00');
    const early = await run(sup, onSite.body.id, 'record_outcome', { outcome: '明确由生态环境办牵头整改', deadline: '2026-11-30' });
    expect(early.status).toBe(422);
    const outcome = await run(sup, onSite.body.id, 'record_outcome', { outcome: '明确由生态环境办牵头整改', deadline: '2026-12-04' });
    expect(outcome.body.dueAt).toBe(new Date('2026-12-04T23:59:59.999+08:00').toISOString());
    expect(outcome.body.onSite).toMatchObject({ outcome: '明确由生态环境办牵头整改', deadline: '2026-12-04' });
    // Only an on-site sheet records an outcome; only leaders and supervisors give instructions.
    expect((await run(unitA, onSite.body.id, 'instruct', { leader: '周伟', instruction: '抓紧' })).status).toBe(403);

    const escalated = await run(sup, onSite.body.id, 'progress', {
      toType: 'escalated',
      reason: '现场协调后仍推诿',
      opinion: '报请镇分管领导批办',
      escalation: { mode: 'leader_instruction', leader: '周伟' },
    });
    expect(escalated.body).toMatchObject({ number: 'DB2026-0003', type: 'escalated', escalation: { mode: 'leader_instruction', leader: '周伟' } });
    const instructed = await run(leader, escalated.body.id, 'instruct', { leader: '周伟', instruction: '请生态环境办一周内解决' });
    expect(instructed.body.instructions).toEqual([expect.objectContaining({ leader: '周伟', instruction: '请生态环境办一周内解决' })]);
    const top = await run(sup, escalated.body.id, 'progress', {
      toType: 'escalated',
      reason: '仍未解决',
      opinion: '再提级',
      escalation: { mode: 'special_report', leader: '镇长' },
    });
    expect([top.status, top.body.error.message]).toEqual([422, '提级协调督办已是最高一级，不能再提级']);
    const wrongStep = await run(sup, escalated.body.id, 'record_outcome', { outcome: 'x', deadline: '2026-12-09' });
    expect(wrongStep.status).toBe(422);

    at('2026-12-03T10:00:00+08:00');
    expect(
      (await run(unitA, escalated.body.id, 'reply', signedReply({ progress: 'resolved', content: '净化设备已安装，经检测达标', signedAt: '2026-12-03' })))
        .status,
    ).toBe(200);
    const closed = await run(sup, escalated.body.id, 'close', { note: '经回访核实已解决' });
    expect(closed.body).toMatchObject({ state: 'closed', outcomeNote: '经回访核实已解决', onTime: true });
    expect((await run(sup, escalated.body.id, 'send_back', { note: 'x' })).body.error.code).toBe('invalid_state');

    // Every step is an event on the ticket's timeline.
    const timeline = (await sup.get(`/api/tickets/${ticket.id}`)).body.events
      .map((e: { type: string }) => e.type)
      .filter((type: string) => type.startsWith('supervision.'));
    expect(timeline).toEqual([
      'supervision.opened',
      'supervision.replied',
      'supervision.sent_back',
      'supervision.replied',
      'supervision.sent_back',
      'supervision.progressed',
      'supervision.opened',
      'supervision.outcome_recorded',
      'supervision.progressed',
      'supervision.opened',
      'supervision.instructed',
      'supervision.replied',
      'supervision.closed',
    ]);
    const detail = (await unitA.get(`/api/supervisions/${first.id}`)).body;
    expect(detail.events.map((e: { type: string; actorRole: string }) => `${e.type}/${e.actorRole}`)).toEqual([
      'supervision.opened/supervisor',
      'supervision.replied/liaison',
      'supervision.sent_back/supervisor',
      'supervision.replied/liaison',
      'supervision.sent_back/supervisor',
      'supervision.progressed/supervisor',
    ]);
    expect(heardB.filter((type) => type.startsWith('supervision.'))).toEqual([]);
    liveA.close();
    liveB.close();
  });

  // Issue 19.1: every status and body these routes answered is in the OpenAPI document.
  it('answered only what the OpenAPI document declares', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
