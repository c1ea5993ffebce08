/**
 * Issue 4 (PRODUCT.md §7): the wallboard snapshot through the real API with an injected clock. Every
 * figure comes from the database on Shanghai day and month boundaries (the test process runs
 * in America/Los_Angeles, see vitest.config.ts), and the queue counts agree with the shared
 * queue predicates the screens filter with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { inQueue, TICKET_QUEUES } from '../../shared/console/queues';
import type { TicketSummary } from '../../shared/schemas/ticket';
import type { WallboardSnapshot } from '../../shared/schemas/wallboard';
import type { DecisionsAnswer } from '../../shared/schemas/workspaces';
import type { TicketCommand } from '../../shared/ticket/commands';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

let now = new Date('2026-10-30T10:00:00+08:00');
const at = (iso: string) => {
  now = new Date(iso);
  return now.toISOString();
};

describe(`supervisor wallboard (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let unit: ApiClient;
  let revisit: ApiClient;
  const board = async (): Promise<WallboardSnapshot> => {
    const res = await sup.get('/api/wallboard');
    expect(res.status).toBe(200);
    return res.body;
  };
  const version = async (id: number) => (await sup.get(`/api/tickets/${id}`)).body.version as number;
  const run = async (c: ApiClient, id: number, command: TicketCommand, input: Record<string, unknown> = {}) => {
    const res = await c.post(ticketCommandPath(command, id), { version: await version(id), ...input });
    expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };
  /** Dispatched to the city management squad, accepted, contacted and replied at `replyAt`. */
  const replied = async (createdAt: string, replyAt: string, phone: string) => {
    at(createdAt);
    const ticket = (await op.post('/api/tickets', intake({ contactPhone: phone, leadUnitId: t.units.d_chengguan }))).body;
    await run(unit, ticket.id, 'accept');
    await run(unit, ticket.id, 'record_first_contact', { at: now.toISOString(), channel: 'phone', note: '已电话联系市民' });
    at(replyAt);
    await run(unit, ticket.id, 'reply', { outcome: 'resolved', facts: '现场核实情况属实', report: '已责令整改完毕', citizenToldAt: now.toISOString() });
    return ticket.id as number;
  };
  const revisitAt = (id: number, when: string, satisfaction: string) => {
    at(when);
    return run(revisit, id, 'record_revisit', { resolved: satisfaction !== 'dissatisfied', satisfaction, words: '市民反馈' });
  };

  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
    op = await t.login('operator');
    sup = await t.login('supervisor');
    unit = await t.login('liaison-d-chengguan');
    revisit = await t.login('revisit');
  });
  afterAll(() => t.close());

  it('is for supervisors and leaders only', async () => {
    expect((await ApiClient.anonymous(t.url).get('/api/wallboard')).status).toBe(401);
    expect((await op.get('/api/wallboard')).status).toBe(403);
    expect((await unit.get('/api/wallboard')).status).toBe(403);
    expect((await (await t.login('leader')).get('/api/wallboard')).status).toBe(200);
  });

  it('counts today, this month and now on Shanghai boundaries, from the database', async () => {
    // Last month: a satisfied revisit that this month's figure must not count.
    const october = await replied('2026-10-29T10:00:00+08:00', '2026-10-30T10:00:00+08:00', '13800000001');
    await revisitAt(october, '2026-10-30T15:00:00+08:00', 'satisfied');
    // Earlier this month: basically satisfied.
    const early = await replied('2026-11-04T10:00:00+08:00', '2026-11-05T10:00:00+08:00', '13800000002');
    await revisitAt(early, '2026-11-06T10:00:00+08:00', 'basically_satisfied');
    // One minute before midnight (Shanghai) yesterday: dissatisfied → dispatched again, round 2.
    const lastNight = await replied('2026-11-19T10:00:00+08:00', '2026-11-20T10:00:00+08:00', '13800000003');
    await revisitAt(lastNight, '2026-11-22T23:59:00+08:00', 'dissatisfied');
    // Excluded from evaluation (002 不纳入测评): its satisfied revisit counts nowhere.
    const excluded = await replied('2026-11-19T11:00:00+08:00', '2026-11-20T11:00:00+08:00', '13800000004');
    await run(unit, excluded, 'request_not_counted', { reason: '市民诉求涉及历史遗留问题，无法解决' });
    await run(sup, excluded, 'decide_not_counted', { approve: true });
    // Just after midnight today: satisfied.
    const justAfter = await replied('2026-11-19T12:00:00+08:00', '2026-11-20T12:00:00+08:00', '13800000005');
    await revisitAt(justAfter, '2026-11-23T00:00:30+08:00', 'satisfied');
    await revisitAt(excluded, '2026-11-23T00:01:00+08:00', 'satisfied');
    // A ticket registered a minute before midnight is not today's.
    at('2026-11-22T23:59:00+08:00');
    await op.post('/api/tickets', intake({ contactPhone: '13800000006' }));
    // Today: dispatched, registered, and a consultation answered on the call.
    at('2026-11-23T09:00:00+08:00');
    await op.post('/api/tickets', intake({ contactPhone: '13800000007', leadUnitId: t.units.d_chengguan }));
    await op.post('/api/tickets', intake({ contactPhone: '13800000008' }));
    const consult = (await op.post('/api/tickets', intake({ type: 'consultation', contactPhone: '13800000009', description: '咨询居住证怎么办理' }))).body;
    await run(op, consult.id, 'close_on_call', { reason: 'answered_from_knowledge_base', note: '按知识库《居住证办理》答复' });
    // Calls: one offered yesterday 23:59:50, two today (one answered in 12 s, one abandoned), one waiting now.
    const call = (sid: string, queuedAt: string, extra: Partial<typeof calls.$inferInsert>) =>
      ({
        callSid: sid,
        direction: 'inbound',
        fromNumber: '+8613900000000',
        toNumber: '+862162112345',
        citizenPhone: '13900000000',
        status: 'completed',
        queuedAt: new Date(queuedAt),
        ...extra,
      }) as typeof calls.$inferInsert;
    await t.database.db.insert(calls).values([
      call('CAyesterday', '2026-11-22T23:59:50+08:00', { answeredAt: new Date('2026-11-23T00:00:05+08:00'), waitSeconds: 15 }),
      call('CAanswered', '2026-11-23T08:10:00+08:00', { answeredAt: new Date('2026-11-23T08:10:12+08:00'), waitSeconds: 12, ticketId: consult.id }),
      call('CAabandoned', '2026-11-23T08:20:00+08:00', {
        status: 'abandoned',
        endedAt: new Date('2026-11-23T08:21:00+08:00'),
        waitSeconds: 60,
        citizenPhone: '13900000001',
      }),
      call('CAwaiting', '2026-11-23T08:59:15+08:00', { status: 'queued' }),
    ]);

    at('2026-11-23T09:00:00+08:00');
    const b = await board();
    expect(b.day).toBe('2026-11-23');
    expect(b.asOf).toBe(now.toISOString());
    // Records and calls told apart (issue 16 item 12): one of today's three came from a call, two were typed in.
    expect(b.tickets.today).toEqual({ registered: 3, fromCalls: 1, dispatched: 1, closedOnCall: 1, archived: 2 });
    // Open now: yesterday's and today's registered, today's and the round-2 ticket dispatched.
    expect(b.tickets.byState).toEqual({ registered: 2, dispatched: 2, in_progress: 0, replied: 0 });
    expect(b.satisfaction.today).toEqual({ evaluated: 1, satisfied: 1, basicallySatisfied: 0, dissatisfied: 0, rate: 1 });
    expect(b.satisfaction.month).toEqual({ evaluated: 3, satisfied: 1, basicallySatisfied: 1, dissatisfied: 1, rate: 2 / 3 });
    expect(b.calls).toMatchObject({ offered: 3, answered: 1, abandoned: 1, answeredWithinTarget: 1, waitingNow: 1, longestWaitSeconds: 45 });
    expect(b.calls.oldestQueuedAt).toBe(new Date('2026-11-23T08:59:15+08:00').toISOString());
    expect(b.queues).toMatchObject({
      registered: 2,
      awaiting_acceptance: 2,
      awaiting_first_contact: 2,
      waiting_calls: 1,
      abandoned_calls: 1,
      supervision_open: 0,
    });
    expect(b.operators.counts).toEqual({ available: 0, on_call: 0, wrap_up: 0, break: 0, offline: 2 });
    expect(b.overdueByUnit).toEqual([]);
    expect(b.tickets.byLight.overdue).toBe(0);
    // Screens share a snapshot for 2 s — but never one older than the last event.
    expect((await board()).asOf).toBe(b.asOf);
    await op.post('/api/tickets', intake({ contactPhone: '13800000010' }));
    expect((await board()).tickets.byState.registered).toBe(3);
    await run(op, (await sup.get('/api/queues')).body.tickets.find((x: TicketSummary) => x.contactPhoneMasked === '138****0010').id, 'close_on_call', {
      reason: 'no_handling_needed',
      note: '市民表示无需处理',
    });

    // Wednesday: the first contact of today's ticket and of the round-2 ticket (due Tuesday) are overdue.
    at('2026-11-25T10:00:00+08:00');
    const later = await board();
    expect(later.day).toBe('2026-11-25');
    expect(later.tickets.today).toEqual({ registered: 0, fromCalls: 0, dispatched: 0, closedOnCall: 0, archived: 0 });
    expect(later.tickets.byState.registered).toBe(2);
    expect(later.satisfaction.today.evaluated).toBe(0);
    expect(later.satisfaction.month.evaluated).toBe(3);
    // …and the two records still registered since Monday missed their dispatch clock (issue 15.3, 000 三(一)).
    expect(later.tickets.byLight.overdue).toBe(4);
    expect(later.overdueByUnit).toEqual([{ unitId: t.units.d_chengguan, unitName: '九亭镇城管中队', count: 2 }]);
    // New month: the month's figures start again.
    at('2026-12-01T00:00:01+08:00');
    sup = await t.login('supervisor'); // the session began in October
    expect((await board()).satisfaction.month.evaluated).toBe(0);
  });

  it('counts each queue exactly as the screens filter it', async () => {
    at('2026-11-25T11:00:00+08:00');
    // Put one ticket in every queue: in progress, replied (one reviewed, one not), a pending return.
    const inProgress = (await op.post('/api/tickets', intake({ contactPhone: '13700000001', leadUnitId: t.units.d_chengguan }))).body.id;
    await run(unit, inProgress, 'accept');
    await run(unit, inProgress, 'record_site_visit', { at: now.toISOString(), note: '现场核实' });
    await run(unit, inProgress, 'request_return', { reason: '不属于本单位职责', suggestedUnitId: t.units.d_housing });
    const reviewed = await replied('2026-11-25T11:10:00+08:00', '2026-11-25T11:20:00+08:00', '13700000002');
    expect((await sup.post(`/api/decisions/replies/${reviewed}/accept`, { version: await version(reviewed), note: '' })).status).toBe(200);
    await replied('2026-11-25T11:30:00+08:00', '2026-11-25T11:40:00+08:00', '13700000003');

    const b = await board();
    const snapshot = (await sup.get('/api/queues')).body as { tickets: TicketSummary[]; truncated: boolean };
    expect(snapshot.truncated).toBe(false);
    const decisions = (await sup.get('/api/decisions')).body as DecisionsAnswer;
    const replyUnderReview = new Set(decisions.items.filter((i) => i.kind === 'reply').map((i) => i.ticket.id));
    for (const queue of TICKET_QUEUES) {
      expect(b.queues[queue], queue).toBe(snapshot.tickets.filter((x) => inQueue(queue, x, { replyUnderReview })).length);
    }
    expect(b.queues).toMatchObject({ in_progress: 1, reply_review: 1, awaiting_revisit: 2, decisions: 1 });
    expect(b.revisit).toEqual({ backlog: 2, overdue: 0 });
    // The queue snapshot is most urgent first.
    const dues = snapshot.tickets.map((x) => x.dueAt ?? '9999');
    expect(dues).toEqual([...dues].sort());
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
