/**
 * A hand-built month for the report tests (docs/REPORTS.md "The test month"): November 2026 in
 * Jiuting, with the two months before it and November 2025, driven through the real API with an
 * injected clock — every ticket and event is written by the same commands the console uses.
 * The expected figures are worked out by hand in server/reports/reports.test.ts.
 */
import { supervisionCommandPath, ticketCommandPath } from '../../shared/api/command-paths';
import type { TicketCommand } from '../../shared/ticket/commands';
import { ApiClient, intake, type TestServer } from './server';

export interface Clock {
  set(iso: string): void;
}

/** Addresses and the community each resolves to on the town's list. */
export const PLACES = {
  yiting: '涞坊路1111弄12号',
  huting: '沪亭北路99弄3号',
  aoyuan: '奥林匹克花园12号',
  yifu: '易富路88号',
  mingzhu: '明珠苑8号',
  banting: '伴亭路55号',
  jiuxin: '九新公路100号',
  laifangcun: '涞坊村5组',
  nowhere: '无名地点甲',
  dayincun: '大寅村2组',
} as const;

export type TicketKey = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7' | 'T8' | 'T9' | 'T10' | 'T11' | 'T12' | 'T13';

export interface TestMonth {
  tickets: Record<TicketKey, { id: number; number: string }>;
  /** Supervision sheets DB2026-0001..0003. */
  supervisions: { written: number; onSite: number; escalated: number };
}

class Driver {
  private clients = new Map<string, { client: ApiClient; at: number }>();
  private now = 0;
  constructor(
    private readonly t: TestServer,
    private readonly clock: Clock,
  ) {}

  at(iso: string): string {
    this.clock.set(iso);
    this.now = new Date(iso).getTime();
    return new Date(iso).toISOString();
  }

  /** Sessions live 30 days; the month travels a year, so log in again when needed. */
  async as(username: string): Promise<ApiClient> {
    const cached = this.clients.get(username);
    if (cached && this.now - cached.at < 20 * 24 * 3600_000 && this.now >= cached.at) return cached.client;
    const client = await this.t.login(username);
    this.clients.set(username, { client, at: this.now });
    return client;
  }

  async intake(fields: Record<string, unknown>): Promise<{ id: number; number: string }> {
    const res = await (await this.as('operator')).post('/api/tickets', intake(fields));
    if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, number: res.body.number };
  }

  async run(username: string, ticket: { id: number }, command: TicketCommand, input: Record<string, unknown> = {}): Promise<void> {
    const { version } = (await (await this.as('supervisor')).get(`/api/tickets/${ticket.id}`)).body;
    const res = await (await this.as(username)).post(ticketCommandPath(command, ticket.id), { version, ...input });
    if (res.status !== 200) throw new Error(`${command} on ${ticket.id} by ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async supervise(username: string, path: string, body: Record<string, unknown>): Promise<{ id: number; version: number }> {
    const res = await (await this.as(username)).post(path, body);
    if (res.status !== 200 && res.status !== 201) throw new Error(`${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

const liaison = (code: string) => `liaison-${code.replaceAll('_', '-')}`;
const A = 'd_environment';
const B = 'd_housing';
const C = 'd_chengguan';
const D = 'd_market';
const E = 'd_police';

export async function buildTestMonth(t: TestServer, clock: Clock): Promise<TestMonth> {
  const d = new Driver(t, clock);
  const u = t.units;
  const run = d.run.bind(d);
  const contact = (iso: string) => ({ at: d.at(iso), channel: 'phone', note: '已电话联系市民' });
  let currentIso = '';
  const reply = (outcome = 'resolved') => ({
    outcome,
    facts: '经现场核实情况属实',
    report: '已处置并告知市民',
    citizenToldAt: new Date(currentIso).toISOString(),
  });
  const at = (iso: string) => {
    currentIso = iso;
    d.at(iso);
  };
  const revisit = (resolved: boolean, satisfaction: string) => ({ resolved, satisfaction, words: resolved ? '已解决' : '问题依旧' });

  /** One ticket of a unit through reply and a revisit, Monday to Thursday of a week. */
  const evaluated = async (unit: string, monday: string, phone: string, address: string) => {
    at(`${monday}T09:00:00+08:00`);
    const tk = await d.intake({ contactPhone: phone, address, categoryCode: 'other', leadUnitId: u[unit], description: '历史月份用于排名的工单' });
    at(`${monday}T09:30:00+08:00`);
    await run(liaison(unit), tk, 'accept');
    await run(liaison(unit), tk, 'record_first_contact', contact(`${monday}T09:40:00+08:00`));
    return tk;
  };
  const finish = async (unit: string, tk: { id: number }, wed: string, thu: string, resolved: boolean, satisfaction: string) => {
    at(`${wed}T10:00:00+08:00`);
    await run(liaison(unit), tk, 'reply', reply());
    at(`${thu}T10:00:00+08:00`);
    await run('revisit', tk, 'record_revisit', revisit(resolved, satisfaction));
    if (resolved && satisfaction !== 'dissatisfied') return;
    // Re-dispatched: the unit files it the same morning, so the second handling ends that day.
    at(`${thu}T10:10:00+08:00`);
    await run(liaison(unit), tk, 'accept');
    await run(liaison(unit), tk, 'record_first_contact', contact(`${thu}T10:15:00+08:00`));
    at(`${thu}T10:20:00+08:00`);
    await run(liaison(unit), tk, 'request_filing', { reason: '历史遗留问题，无法解决' });
    at(`${thu}T10:30:00+08:00`);
    await run('supervisor', tk, 'decide_filing', { approve: true, note: '同意备案' });
  };
  const rankingWeek = async (monday: string, wed: string, thu: string, plan: [string, boolean, string][], phoneBase: number, places: string[]) => {
    const made: { id: number }[] = [];
    for (const [i, [unit]] of plan.entries()) made.push(await evaluated(unit, monday, `1370000${phoneBase + i}`, places[i]!));
    for (const [i, [unit, resolved, satisfaction]] of plan.entries()) await finish(unit, made[i]!, wed, thu, resolved, satisfaction);
  };

  // November 2025: the year-ago month — one ticket, satisfied.
  await rankingWeek('2025-11-03', '2025-11-05', '2025-11-06', [[A, true, 'satisfied']], 1000, ['无名地点壬']);
  // September and October 2026: E, D, A, C evaluated so that A and C are in the bottom three.
  await rankingWeek(
    '2026-09-14',
    '2026-09-16',
    '2026-09-17',
    [
      [E, true, 'satisfied'],
      [D, false, 'satisfied'],
      [A, true, 'dissatisfied'],
      [C, false, 'dissatisfied'],
    ],
    2000,
    ['无名地点甲', '无名地点乙', '无名地点丙', '无名地点丁'],
  );
  await rankingWeek(
    '2026-10-12',
    '2026-10-14',
    '2026-10-15',
    [
      [D, true, 'satisfied'],
      [E, false, 'basically_satisfied'],
      [A, true, 'dissatisfied'],
      [C, false, 'dissatisfied'],
    ],
    3000,
    ['无名地点戊', '无名地点己', '无名地点庚', '无名地点辛'],
  );

  // T12: received Friday 30 October, its clocks settle in November.
  at('2026-10-30T10:00:00+08:00');
  const T12 = await d.intake({ contactPhone: '13900000012', address: PLACES.huting, categoryCode: 'noise', leadUnitId: u[A] });

  // ---- November 2026 ----
  at('2026-11-02T09:00:00+08:00');
  const T1 = await d.intake({ contactPhone: '13900000001', address: PLACES.yiting, categoryCode: 'cooking_fumes', leadUnitId: u[A] });
  at('2026-11-02T10:00:00+08:00');
  await run(liaison(A), T1, 'accept');
  await run(liaison(A), T1, 'record_first_contact', contact('2026-11-02T10:30:00+08:00'));
  at('2026-11-02T11:00:00+08:00');
  const T2 = await d.intake({ contactPhone: '13900000002', address: PLACES.huting, categoryCode: 'noise', leadUnitId: u[A] });
  at('2026-11-02T14:00:00+08:00');
  await run(liaison(A), T12, 'accept');
  at('2026-11-02T16:00:00+08:00');
  await run(liaison(A), T12, 'record_first_contact', contact('2026-11-02T16:00:00+08:00'));

  at('2026-11-03T09:00:00+08:00');
  await run(liaison(A), T2, 'accept');
  at('2026-11-03T10:00:00+08:00');
  const T3 = await d.intake({ contactPhone: '13900000003', address: PLACES.aoyuan, categoryCode: 'group_renting', leadUnitId: u[B] });
  at('2026-11-03T15:00:00+08:00');
  // 000 二(一): verified on site before asking to return (a site visit changes no figure).
  await run(liaison(B), T3, 'record_site_visit', { at: '2026-11-03T15:00:00+08:00', note: '现场核实' });
  await run(liaison(B), T3, 'request_return', { reason: '属于违法搭建，不属于房管职责', suggestedUnitId: u[C] });

  at('2026-11-04T09:00:00+08:00');
  await run(liaison(A), T2, 'record_first_contact', contact('2026-11-04T09:00:00+08:00'));
  at('2026-11-04T09:05:00+08:00');
  await run('supervisor', T3, 'decide_return', { approve: true, newLeadUnitId: u[C], note: '同意转派城管中队' });
  at('2026-11-04T09:10:00+08:00');
  const T4 = await d.intake({ contactPhone: '13900000004', address: PLACES.yifu, categoryCode: 'street_vending', leadUnitId: u[C] });
  at('2026-11-04T09:20:00+08:00');
  await run(liaison(C), T4, 'accept');
  await run(liaison(C), T4, 'record_first_contact', contact('2026-11-04T09:30:00+08:00'));
  at('2026-11-04T10:00:00+08:00');
  await run(liaison(A), T12, 'reply', reply());
  at('2026-11-04T14:00:00+08:00');
  await run(liaison(C), T3, 'accept');
  await run(liaison(C), T3, 'record_first_contact', contact('2026-11-04T14:00:00+08:00'));

  at('2026-11-05T10:00:00+08:00');
  await run('revisit', T12, 'record_revisit', revisit(true, 'satisfied'));
  at('2026-11-05T10:10:00+08:00');
  const T5 = await d.intake({
    type: 'consultation',
    contactPhone: '13900000005',
    address: PLACES.mingzhu,
    categoryCode: 'social_insurance',
    description: '咨询灵活就业人员医保缴费办法',
  });
  at('2026-11-05T10:15:00+08:00');
  await run('operator', T5, 'close_on_call', { reason: 'answered_from_knowledge_base', note: '已按知识库答复' });
  at('2026-11-05T15:00:00+08:00');
  await run(liaison(A), T1, 'reply', reply());

  at('2026-11-06T10:00:00+08:00');
  await run('revisit', T1, 'record_revisit', revisit(true, 'satisfied'));
  at('2026-11-06T10:05:00+08:00');
  const T6 = await d.intake({ source: 'walk_in', contactPhone: '13900000006', address: PLACES.banting, categoryCode: 'property_management', leadUnitId: u[B] });
  at('2026-11-06T10:30:00+08:00');
  await run(liaison(B), T6, 'accept');
  await run(liaison(B), T6, 'record_first_contact', contact('2026-11-06T11:00:00+08:00'));
  at('2026-11-06T17:00:00+08:00');
  await run(liaison(C), T4, 'reply', reply());

  at('2026-11-09T09:00:00+08:00');
  await run('revisit', T4, 'record_revisit', revisit(true, 'dissatisfied'));
  at('2026-11-09T09:10:00+08:00');
  // The same caller as T1: a repeat by phone.
  const T7 = await d.intake({ source: 'district_12345', contactPhone: '13900000001', address: PLACES.jiuxin, categoryCode: 'parking', leadUnitId: u[E] });
  at('2026-11-09T09:30:00+08:00');
  await run(liaison(E), T7, 'accept');
  await run(liaison(E), T7, 'record_first_contact', contact('2026-11-09T10:00:00+08:00'));
  at('2026-11-09T10:00:00+08:00');
  await run(liaison(C), T3, 'reply', reply());

  at('2026-11-10T09:00:00+08:00');
  await run(liaison(A), T2, 'reply', reply());
  at('2026-11-10T09:05:00+08:00');
  // The same place and problem as T1: a repeat by place.
  const T8 = await d.intake({ contactPhone: '13900000008', address: PLACES.yiting, categoryCode: 'cooking_fumes', leadUnitId: u[A] });
  at('2026-11-10T09:20:00+08:00');
  await run(liaison(A), T8, 'accept');
  await run(liaison(A), T8, 'record_first_contact', contact('2026-11-10T09:30:00+08:00'));
  at('2026-11-10T10:00:00+08:00');
  await run(liaison(B), T6, 'request_not_counted', { reason: '来电人诉求有悖社会公德' });
  at('2026-11-10T10:30:00+08:00');
  await run('supervisor', T6, 'decide_not_counted', { approve: true, note: '同意不纳入测评' });
  at('2026-11-10T11:00:00+08:00');
  await run('revisit', T3, 'record_revisit', revisit(true, 'satisfied'));
  at('2026-11-10T16:00:00+08:00');
  await run('revisit', T2, 'record_revisit', revisit(false, 'dissatisfied'));

  at('2026-11-11T09:00:00+08:00');
  await run(liaison(A), T2, 'accept');
  await run(liaison(A), T2, 'record_first_contact', contact('2026-11-11T09:30:00+08:00'));
  at('2026-11-11T09:05:00+08:00');
  const T9 = await d.intake({ contactPhone: '13900000009', address: PLACES.laifangcun, categoryCode: 'market_food_safety', leadUnitId: u[D] });
  at('2026-11-11T09:30:00+08:00');
  await run(liaison(D), T9, 'accept');
  await run(liaison(D), T9, 'record_first_contact', contact('2026-11-11T10:00:00+08:00'));

  at('2026-11-12T09:00:00+08:00');
  const T10 = await d.intake({ type: 'suggestion', contactPhone: '13900000010', address: PLACES.nowhere, categoryCode: 'greenery', leadUnitId: u[D] });
  at('2026-11-12T09:30:00+08:00');
  await run(liaison(D), T10, 'record_site_visit', { at: '2026-11-12T09:30:00+08:00', note: '现场核实' });
  await run(liaison(D), T10, 'request_return', { reason: '不属于市场监管职责', suggestedUnitId: u[C] });
  at('2026-11-12T09:45:00+08:00');
  await run('supervisor', T10, 'decide_return', { approve: false, note: '属于本单位协调范围，请继续办理' });
  at('2026-11-12T10:00:00+08:00');
  await run(liaison(D), T9, 'reply', reply());
  at('2026-11-12T10:05:00+08:00');
  await run(liaison(B), T6, 'reply', reply());
  at('2026-11-12T10:15:00+08:00');
  await run(liaison(D), T10, 'accept');
  await run(liaison(D), T10, 'record_first_contact', contact('2026-11-12T10:20:00+08:00'));

  at('2026-11-13T09:00:00+08:00');
  await run('revisit', T9, 'record_revisit', revisit(false, 'basically_satisfied'));
  at('2026-11-13T10:00:00+08:00');
  await run(liaison(A), T2, 'reply', reply());
  at('2026-11-13T10:05:00+08:00');
  await run('revisit', T6, 'record_revisit', revisit(false, 'dissatisfied'));
  at('2026-11-13T10:10:00+08:00');
  await run(liaison(A), T8, 'explain_delay', { reason: '需协调市场监管所联合检测', requestedDue: '2026-11-24T23:59:59+08:00' });
  at('2026-11-13T10:20:00+08:00');
  await run('supervisor', T8, 'decide_extension', { approve: true, newDue: '2026-11-24T23:59:59+08:00', note: '同意延期' });

  at('2026-11-16T09:10:00+08:00');
  await run(liaison(B), T6, 'accept');
  await run(liaison(B), T6, 'record_first_contact', contact('2026-11-16T09:10:00+08:00'));
  at('2026-11-16T09:20:00+08:00');
  await run(liaison(D), T9, 'accept');
  at('2026-11-16T09:30:00+08:00');
  const T13 = await d.intake({ contactPhone: '13900000013', address: PLACES.dayincun, categoryCode: 'pets', leadUnitId: u[E] });
  at('2026-11-16T09:40:00+08:00');
  await run(liaison(E), T13, 'accept');
  await run(liaison(E), T13, 'record_first_contact', contact('2026-11-16T09:45:00+08:00'));
  at('2026-11-16T10:00:00+08:00');
  await run(liaison(D), T9, 'request_filing', { reason: '涉及诉讼，已进入司法程序' });
  at('2026-11-16T10:30:00+08:00');
  await run('revisit', T2, 'record_revisit', revisit(true, 'basically_satisfied'));
  at('2026-11-16T11:00:00+08:00');
  await run(liaison(D), T10, 'reply', reply());

  at('2026-11-17T09:00:00+08:00');
  await run('supervisor', T9, 'decide_filing', { approve: true, note: '同意备案' });
  at('2026-11-17T10:00:00+08:00');
  await run('revisit', T10, 'record_revisit', revisit(true, 'satisfied'));
  at('2026-11-17T10:30:00+08:00');
  await run(liaison(E), T13, 'reply', reply());
  at('2026-11-17T11:00:00+08:00');
  const written = await d.supervise('supervisor', '/api/supervisions', {
    ticketId: T4.id,
    type: 'written',
    scope: 'repeat_no_progress',
    situation: '占道经营问题回访不满意，再次派单后未接单',
    opinion: '请城管中队5个工作日内落实整改并书面反馈',
  });

  at('2026-11-18T09:00:00+08:00');
  await run('revisit', T13, 'record_revisit_attempt', { reached: false, note: '无人接听' });
  at('2026-11-18T10:30:00+08:00');
  await run('revisit', T13, 'record_revisit_attempt', { reached: false, note: '无人接听' });
  at('2026-11-18T12:00:00+08:00');
  await run('revisit', T13, 'record_revisit_attempt', { reached: false, note: '关机' });
  at('2026-11-18T14:00:00+08:00');
  await run(liaison(B), T6, 'reply', reply());

  at('2026-11-19T10:00:00+08:00');
  await run('revisit', T6, 'record_revisit', revisit(true, 'satisfied'));

  at('2026-11-20T10:00:00+08:00');
  await run(liaison(E), T7, 'reply', reply());
  at('2026-11-20T11:00:00+08:00');
  await run('supervisor', T7, 'send_back_reply', { note: '答复未说明停车位调整方案' });
  at('2026-11-20T15:00:00+08:00');
  await run(liaison(E), T7, 'reply', reply());
  at('2026-11-20T16:00:00+08:00');
  const writtenReplied = await d.supervise(liaison(C), supervisionCommandPath('reply', written.id), {
    version: written.version,
    progress: 'in_progress',
    content: '已安排队员每日巡查，摊贩仍有反复',
    headName: '李明',
    signedAt: '2026-11-20',
    sealed: true,
  });

  at('2026-11-23T10:00:00+08:00');
  await run('revisit', T7, 'record_revisit', revisit(true, 'satisfied'));
  at('2026-11-23T10:30:00+08:00');
  await run(liaison(A), T8, 'reply', reply());

  at('2026-11-25T10:00:00+08:00');
  await run('revisit', T8, 'record_revisit', revisit(true, 'satisfied'));
  at('2026-11-25T11:00:00+08:00');
  const onSite = await d.supervise('supervisor', supervisionCommandPath('progress', written.id), {
    version: writtenReplied.version,
    toType: 'on_site',
    reason: '书面督办后摊贩仍反复出现',
    opinion: '现场明确处置责任与时限',
    onSite: {
      subject: '易富路占道经营问题现场协调',
      place: '易富路88号',
      meetingAt: '2026-11-27T14:00:00+08:00',
      procedure: '实地踏勘，明确处置责任和时限',
      attendees: '城管中队、市场监管所、易富居委会',
      contactName: '陈刚',
      contactPhone: '021-62112345',
    },
  });

  at('2026-11-30T10:00:00+08:00');
  const T11 = await d.intake({ contactPhone: '13900000011', address: PLACES.huting, categoryCode: 'noise', leadUnitId: u[A] });
  at('2026-11-30T11:00:00+08:00');
  const escalated = await d.supervise('supervisor', '/api/supervisions', {
    ticketId: T11.id,
    type: 'escalated',
    scope: 'leader_instruction',
    situation: '镇领导批示关注沪亭北路夜间噪声',
    opinion: '报请镇分管领导批办',
    escalation: { mode: 'leader_instruction', leader: '周伟' },
  });

  return {
    tickets: { T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13 },
    supervisions: { written: written.id, onSite: onSite.id, escalated: escalated.id },
  };
}
