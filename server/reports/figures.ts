/**
 * The figures of PRODUCT.md §10 for one period, from tickets and their rebuilt histories. Pure; every
 * figure's definition is in docs/REPORTS.md under the same R-number.
 */
import { normalizeAddress } from '../../shared/address/normalize-address';
import { shanghaiDate, addCalendarDays } from '../../shared/calendar/shanghai';
import { boundsOf, contains, type PeriodBounds, type ReportPeriod } from '../../shared/reports/period';
import type { CountRow, HotSpotRow, Rate, ReportFigures, RepeatRow } from '../../shared/schemas/reports';
import { maskPhone } from '../../shared/schemas/ticket';
import type { ClockSettlement, Evaluation, TicketHistory } from './handlings';
import { categoryName, SOURCE_NAMES, SUPERVISION_TYPE_NAMES, TYPE_NAMES, NO_ADDRESS, UNRESOLVED_PLACE } from './labels';

export interface ReportTicket {
  id: number;
  number: string;
  source: string;
  type: string;
  categoryCode: string | null;
  state: string;
  callAt: Date;
  address: string;
  description: string;
  /** Null: no number given (an Open311 filing without `phone`): never the same phone as another ticket. */
  contactPhone: string | null;
  /** The community (居委会/村) unit of the address, or null when it names none. */
  communityUnitId: number | null;
  /** 002 不纳入测评 / 客观件 approved: out of the satisfaction and resolution figures (R7–R9). */
  excluded: boolean;
  history: TicketHistory;
}

export interface ReportSupervision {
  id: number;
  number: string;
  type: string;
  state: string;
  unitId: number;
  ticketId: number;
  ticketNumber: string;
  startedAt: Date;
  dueAt: Date;
  firstRepliedAt: Date | null;
  closedAt: Date | null;
}

export interface ReportUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export interface ReportData {
  /** When the report is made; clocks still running then are pending. */
  asOf: Date;
  tickets: ReportTicket[];
  units: Map<number, ReportUnit>;
  supervisions: ReportSupervision[];
}

/** R12: a call within this many days of an earlier one from the same phone or place is a repeat. */
export const REPEAT_WINDOW_DAYS = 30;

export function rate(num: number, den: number): Rate {
  return { num, den, rate: den === 0 ? null : num / den };
}

/** Clocks of kind `kind` settled inside the period: on time / (on time + late). */
export function clockRate(clocks: readonly ClockSettlement[], kind: ClockSettlement['kind'], b: PeriodBounds): Rate {
  const settled = clocks.filter((c) => c.kind === kind && c.settledAt && contains(b, c.settledAt));
  return rate(settled.filter((c) => c.status === 'on_time').length, settled.length);
}

export function settledLate(clocks: readonly ClockSettlement[], b: PeriodBounds): ClockSettlement[] {
  return clocks.filter((c) => c.status === 'late' && c.settledAt && contains(b, c.settledAt));
}

export function countBy<T>(items: readonly T[], keyOf: (t: T) => string, labelOf: (key: string) => string): CountRow[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return [...counts.entries()]
    .map(([key, count]) => ({ key, label: labelOf(key), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'));
}

/** Issue 16: a record kept without an address (a consultation, an emergency handed on) is not an address the list failed to read. */
export const communityKey = (t: ReportTicket) =>
  t.communityUnitId !== null ? String(t.communityUnitId) : t.address.trim() === '' ? 'no_address' : 'unresolved';

export function unitLabel(units: Map<number, ReportUnit>) {
  return (key: string) => (key === 'unresolved' ? UNRESOLVED_PLACE : key === 'no_address' ? NO_ADDRESS : (units.get(Number(key))?.name ?? `#${key}`));
}

export function allClocks(data: ReportData): ClockSettlement[] {
  return data.tickets.flatMap((t) => t.history.clocks);
}

/** Issue 15.3: the dispatch and acceptance clocks (R20, R21). */
export function stageClocks(data: ReportData): ClockSettlement[] {
  return data.tickets.flatMap((t) => t.history.stageClocks);
}

/** Evaluations (reached revisits) in the period, split into counted and excluded (R7). */
export function evaluationsIn(data: ReportData, b: PeriodBounds): { counted: Evaluation[]; excluded: Evaluation[] } {
  const counted: Evaluation[] = [];
  const excluded: Evaluation[] = [];
  for (const t of data.tickets) {
    for (const e of t.history.evaluations) if (contains(b, e.at)) (t.excluded ? excluded : counted).push(e);
  }
  return { counted, excluded };
}

/** R8 实际解决率 and R9 满意率 over counted evaluations. */
export function evaluationRates(counted: readonly Evaluation[]) {
  return {
    resolutionRate: rate(counted.filter((e) => e.resolved).length, counted.length),
    satisfactionRate: rate(counted.filter((e) => e.satisfaction !== 'dissatisfied').length, counted.length),
  };
}

export function computeFigures(data: ReportData, period: ReportPeriod): ReportFigures {
  const b = boundsOf(period);
  const received = data.tickets.filter((t) => contains(b, t.callAt));
  const handlings = data.tickets.flatMap((t) => t.history.handlings).filter((h) => contains(b, h.startedAt));
  const clocks = allClocks(data);
  const { counted, excluded } = evaluationsIn(data, b);
  const unreachable = data.tickets.flatMap((t) => t.history.unreachableAt).filter((at) => contains(b, at));
  const returns = data.tickets.flatMap((t) => t.history.returns);
  const unitName = unitLabel(data.units);
  const sup = supervisionFigures(data, b);
  return {
    period,
    received: received.length,
    closedOnCall: received.filter((t) => t.state === 'closed_on_call').length,
    bySource: countBy(
      received,
      (t) => t.source,
      (k) => SOURCE_NAMES[k as keyof typeof SOURCE_NAMES] ?? k,
    ),
    byType: countBy(
      received,
      (t) => t.type,
      (k) => TYPE_NAMES[k as keyof typeof TYPE_NAMES] ?? k,
    ),
    byCategory: countBy(
      received,
      (t) => t.categoryCode ?? 'uncategorised',
      (k) => categoryName(k === 'uncategorised' ? null : k),
    ),
    byCommunity: countBy(received, communityKey, unitName),
    dispatched: handlings.length,
    byUnit: countBy(handlings, (h) => String(h.unitId), unitName),
    daily: dailyCounts(received, period),
    firstContactOnTime: clockRate(clocks, 'first_contact', b),
    replyOnTime: clockRate(clocks, 'reply', b),
    revisitOnTime: clockRate(clocks, 'revisit', b),
    dispatchOnTime: clockRate(stageClocks(data), 'dispatch', b),
    acceptanceOnTime: clockRate(stageClocks(data), 'acceptance', b),
    evaluations: {
      counted: counted.length,
      excluded: excluded.length,
      resolved: counted.filter((e) => e.resolved).length,
      satisfied: counted.filter((e) => e.satisfaction === 'satisfied').length,
      basicallySatisfied: counted.filter((e) => e.satisfaction === 'basically_satisfied').length,
      dissatisfied: counted.filter((e) => e.satisfaction === 'dissatisfied').length,
      unreachable: unreachable.length,
    },
    ...evaluationRates(counted),
    // 003 二(二)2 "提高…市民参评率": of the revisits that ended in the period, those the citizen evaluated.
    participationRate: rate(counted.length + excluded.length, counted.length + excluded.length + unreachable.length),
    returns: {
      requested: returns.filter((r) => contains(b, r.at)).length,
      approved: returns.filter((r) => r.decision === 'approved' && r.decidedAt && contains(b, r.decidedAt)).length,
      rejected: returns.filter((r) => r.decision === 'rejected' && r.decidedAt && contains(b, r.decidedAt)).length,
    },
    sentBack: data.tickets.flatMap((t) => t.history.sentBackAt).filter((s) => contains(b, s.at)).length,
    overdue: settledLate(clocks, b).length,
    repeats: repeatsIn(data.tickets, b).length,
    supervision: sup,
  };
}

function dailyCounts(received: readonly ReportTicket[], period: ReportPeriod) {
  const days: { date: string; count: number }[] = [];
  for (let d = period.from; d <= period.to; d = addCalendarDays(d, 1)) days.push({ date: d, count: 0 });
  const index = new Map(days.map((d, i) => [d.date, i]));
  for (const t of received) {
    const day = days[index.get(shanghaiDate(t.callAt)) ?? -1];
    if (day) day.count++;
  }
  return days;
}

/** R13: sheets opened, closed and progressed in the period; their reply clocks settled in it. */
function supervisionFigures(data: ReportData, b: PeriodBounds): ReportFigures['supervision'] {
  const opened = data.supervisions.filter((s) => contains(b, s.startedAt));
  const settled = data.supervisions
    .map((s) => supervisionSettlement(s, data.asOf))
    .filter((x): x is { onTime: boolean; at: Date } => x !== null && contains(b, x.at));
  return {
    opened: opened.length,
    byType: countBy(
      opened,
      (s) => s.type,
      (k) => SUPERVISION_TYPE_NAMES[k as keyof typeof SUPERVISION_TYPE_NAMES] ?? k,
    ),
    closed: data.supervisions.filter((s) => s.state === 'closed' && s.closedAt && contains(b, s.closedAt)).length,
    progressed: data.supervisions.filter((s) => s.state === 'progressed' && s.closedAt && contains(b, s.closedAt)).length,
    replyOnTime: rate(settled.filter((x) => x.onTime).length, settled.length),
    activeAtEnd: data.supervisions.filter((s) => s.startedAt.getTime() <= b.end.getTime() && (!s.closedAt || s.closedAt.getTime() > b.end.getTime())).length,
  };
}

/** The supervision reply clock, settled like the ticket clocks (docs/REPORTS.md R13). */
export function supervisionSettlement(s: ReportSupervision, asOf: Date): { onTime: boolean; at: Date } | null {
  const due = s.dueAt.getTime();
  if (s.firstRepliedAt && s.firstRepliedAt.getTime() <= due) return { onTime: true, at: s.firstRepliedAt };
  if (!s.firstRepliedAt && s.closedAt && s.closedAt.getTime() <= due) return null;
  if (s.firstRepliedAt || due < asOf.getTime()) return { onTime: false, at: s.dueAt };
  return null;
}

/**
 * R12 重复来电: a ticket received in the period whose caller's phone, or whose address (as
 * normalised) and category, matches a ticket received in the REPEAT_WINDOW_DAYS days before it.
 */
export function repeatsIn(tickets: readonly ReportTicket[], b: PeriodBounds): RepeatRow[] {
  return repeatIndex(tickets).filter((r) => contains(b, new Date(r.callAt)));
}

/** Every repeat among the loaded tickets, oldest first; computed once per load (it does not depend on the period). */
const repeatCache = new WeakMap<readonly ReportTicket[], RepeatRow[]>();

function repeatIndex(tickets: readonly ReportTicket[]): RepeatRow[] {
  const cached = repeatCache.get(tickets);
  if (cached) return cached;
  const windowMs = REPEAT_WINDOW_DAYS * 24 * 3600_000;
  const sorted = [...tickets].sort((x, y) => x.callAt.getTime() - y.callAt.getTime() || x.id - y.id);
  const byPhone = new Map<string, ReportTicket[]>();
  const byPlace = new Map<string, ReportTicket[]>();
  const rows: RepeatRow[] = [];
  const normalised = new Map<string, string>();
  const placeOf = (address: string) => {
    let text = normalised.get(address);
    if (text === undefined) normalised.set(address, (text = normalizeAddress(address).text));
    return text;
  };
  for (const t of sorted) {
    // A record without an address (issue 16) shares no place with another one.
    const place = placeOf(t.address);
    const placeKey = t.categoryCode && place ? `${t.categoryCode}|${place}` : null;
    const recent = (list: ReportTicket[] | undefined) => (list ?? []).filter((e) => t.callAt.getTime() - e.callAt.getTime() <= windowMs);
    const samePhone = t.contactPhone === null ? [] : recent(byPhone.get(t.contactPhone));
    const samePlace = placeKey ? recent(byPlace.get(placeKey)) : [];
    if (samePhone.length > 0 || samePlace.length > 0) {
      const earlier = [...new Map([...samePhone, ...samePlace].map((e) => [e.id, e])).values()].sort((x, y) => x.id - y.id);
      rows.push({
        ticketId: t.id,
        ticketNumber: t.number,
        callAt: t.callAt.toISOString(),
        categoryCode: t.categoryCode,
        categoryLabel: categoryName(t.categoryCode),
        address: t.address,
        phoneMasked: maskPhone(t.contactPhone),
        reasons: [...(samePhone.length ? ['same_phone'] : []), ...(samePlace.length ? ['same_place'] : [])],
        earlierTicketNumbers: earlier.map((e) => e.number),
      });
    }
    if (t.contactPhone !== null) push(byPhone, t.contactPhone, t);
    if (placeKey) push(byPlace, placeKey, t);
  }
  repeatCache.set(tickets, rows);
  return rows;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * R16 热点: categories and places (communities) with more tickets received than in the period
 * before, most added first; at most `limit`.
 */
export function hotSpots(current: readonly CountRow[], previous: readonly CountRow[], limit = 5): HotSpotRow[] {
  const before = new Map(previous.map((r) => [r.key, r.count]));
  return current
    .map((r) => ({ key: r.key, label: r.label, count: r.count, previous: before.get(r.key) ?? 0, change: r.count - (before.get(r.key) ?? 0) }))
    .filter((r) => r.change > 0)
    .sort((a, b) => b.change - a.change || b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'))
    .slice(0, limit);
}
