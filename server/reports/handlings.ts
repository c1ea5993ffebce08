/**
 * Rebuilds what happened to each ticket from its events (SPEC 3: the timeline is the event
 * list): the handlings (one lead unit from a (re-)dispatch to the next), their first-contact,
 * reply and revisit clocks, the citizens' evaluations, returns and send-backs. Pure: the due
 * function is bound by the caller to the ticket's policy version and the calendar.
 * Definitions: docs/REPORTS.md.
 */
import type { Satisfaction } from '../../shared/domain';

export interface ReportEvent {
  ticketId: number;
  seq: number;
  type: string;
  at: Date;
  fromState: string | null;
  payload: Record<string, unknown>;
}

export type ReportClockKind = 'first_contact' | 'reply' | 'revisit';

/** Due instant of a clock of this ticket, started at `startedAt`, in handling round `round`; null when its policy runs no such clock. */
export type DueFn = (kind: ReportClockKind, startedAt: Date, round: number) => Date | null;

export type SettlementStatus = 'on_time' | 'late' | 'pending' | 'cancelled';

/**
 * A clock's verdict (docs/REPORTS.md "When a clock counts"): on time when it stopped by its due
 * time (settled at the stop), late when it had not stopped by then (settled at the due time),
 * cancelled when its handling ended before the due time without a stop, pending otherwise.
 */
export interface ClockSettlement {
  kind: ReportClockKind;
  ticketId: number;
  unitId: number;
  round: number;
  startedAt: Date;
  due: Date;
  stoppedAt: Date | null;
  status: SettlementStatus;
  settledAt: Date | null;
}

export interface Evaluation {
  ticketId: number;
  /** The unit whose reply the citizen judged. */
  unitId: number;
  at: Date;
  resolved: boolean;
  satisfaction: Satisfaction;
  words: string;
}

export interface ReturnRecord {
  ticketId: number;
  unitId: number;
  at: Date;
  reason: string;
  /** Settled later by a supervisor (approve/reject) or a designation; null while pending. */
  decision: 'approved' | 'rejected' | null;
  decidedAt: Date | null;
}

export interface Handling {
  ticketId: number;
  unitId: number;
  round: number;
  startedAt: Date;
}

export interface TicketHistory {
  handlings: Handling[];
  clocks: ClockSettlement[];
  evaluations: Evaluation[];
  /** Archived as unreachable after the last revisit attempt. */
  unreachableAt: Date[];
  returns: ReturnRecord[];
  sentBackAt: { unitId: number; at: Date }[];
}

interface OpenHandling extends Handling {
  endedAt: Date | null;
  firstContactAt: Date | null;
  citizenToldAt: Date | null;
  firstReplyAt: Date | null;
  extensionDue: Date | null;
}

interface RevisitClock {
  unitId: number;
  round: number;
  startedAt: Date;
  stoppedAt: Date | null;
  cancelledAt: Date | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const date = (v: unknown): Date | null => (typeof v === 'string' ? new Date(v) : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function ticketHistory(ticketId: number, events: readonly ReportEvent[], due: DueFn, asOf: Date): TicketHistory {
  const handlings: OpenHandling[] = [];
  const revisits: RevisitClock[] = [];
  const evaluations: Evaluation[] = [];
  const unreachableAt: Date[] = [];
  const returns: ReturnRecord[] = [];
  const sentBackAt: { unitId: number; at: Date }[] = [];
  let current: OpenHandling | null = null;
  let lastRevisit: RevisitClock | null = null;

  const start = (unitId: number | null, at: Date, round: number) => {
    if (unitId === null) return;
    if (current) current.endedAt = at;
    current = { ticketId, unitId, round, startedAt: at, endedAt: null, firstContactAt: null, citizenToldAt: null, firstReplyAt: null, extensionDue: null };
    handlings.push(current);
  };
  const pendingReturn = () => returns.findLast((r) => r.decision === null);
  const stopRevisit = (at: Date) => {
    if (lastRevisit && !lastRevisit.stoppedAt && !lastRevisit.cancelledAt) lastRevisit.stoppedAt = at;
  };

  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const p = e.payload;
    const h = current as OpenHandling | null;
    switch (e.type) {
      case 'ticket.dispatched': {
        // A correction that keeps the lead unit (assisting units, on-site flag) is the same handling.
        const lead = num(p.leadUnitId);
        if (!h || e.fromState === 'registered' || lead !== num(p.previousLeadUnitId)) start(lead, e.at, num(p.round) ?? h?.round ?? 1);
        break;
      }
      case 'ticket.return_requested':
        returns.push({ ticketId, unitId: num(p.unitId) ?? h?.unitId ?? 0, at: e.at, reason: str(p.reason), decision: null, decidedAt: null });
        break;
      case 'ticket.return_approved':
      case 'ticket.return_rejected': {
        const r = pendingReturn();
        if (r) Object.assign(r, { decision: e.type === 'ticket.return_approved' ? 'approved' : 'rejected', decidedAt: e.at });
        if (e.type === 'ticket.return_approved') start(num(p.newLeadUnitId), e.at, h?.round ?? 1);
        break;
      }
      case 'ticket.designated': {
        const settled = p.settledReturn as { approved?: boolean } | null | undefined;
        const r = settled ? pendingReturn() : undefined;
        if (r) Object.assign(r, { decision: settled?.approved ? 'approved' : 'rejected', decidedAt: e.at });
        const unitId = num(p.unitId);
        if (unitId !== num(p.previousLeadUnitId)) start(unitId, e.at, h?.round ?? 1);
        break;
      }
      case 'ticket.first_contacted':
        if (h && !h.firstContactAt) h.firstContactAt = date(p.at) ?? e.at;
        break;
      case 'ticket.extension_granted':
        if (h) h.extensionDue = date(p.newDue);
        break;
      case 'ticket.replied':
        if (h) {
          h.firstReplyAt ??= e.at;
          h.citizenToldAt ??= date(p.citizenToldAt);
          lastRevisit = { unitId: num(p.unitId) ?? h.unitId, round: h.round, startedAt: e.at, stoppedAt: null, cancelledAt: null };
          revisits.push(lastRevisit);
        }
        break;
      case 'ticket.reply_sent_back':
        if (lastRevisit && !lastRevisit.stoppedAt) lastRevisit.cancelledAt = e.at;
        if (h) sentBackAt.push({ unitId: h.unitId, at: e.at });
        break;
      case 'ticket.revisit_attempted':
        if (p.archivedAs === 'unreachable') {
          stopRevisit(e.at);
          unreachableAt.push(e.at);
          if (h) h.endedAt = e.at;
        }
        break;
      case 'ticket.revisited': {
        const revisit = (p.revisit ?? {}) as { resolved?: boolean; satisfaction?: Satisfaction; words?: string };
        stopRevisit(e.at);
        evaluations.push({
          ticketId,
          unitId: lastRevisit?.unitId ?? h?.unitId ?? 0,
          at: e.at,
          resolved: revisit.resolved === true,
          satisfaction: revisit.satisfaction ?? 'dissatisfied',
          words: revisit.words ?? '',
        });
        if (p.outcome === 'redispatched') start(num(p.leadUnitId), e.at, num(p.round) ?? (h?.round ?? 1) + 1);
        else if (h) h.endedAt = e.at;
        break;
      }
      case 'ticket.filing_approved':
        if (h) h.endedAt = e.at;
        break;
      default:
        break;
    }
  }

  const clocks: ClockSettlement[] = [];
  const add = (base: Omit<ClockBase, 'due'>, dueAt: Date | null, stop: Date | null, endedAt: Date | null) => {
    if (dueAt) clocks.push(settle({ ...base, due: dueAt }, stop, endedAt, asOf));
  };
  for (const h of handlings) {
    const base = { ticketId, unitId: h.unitId, round: h.round, startedAt: h.startedAt };
    // Telling the citizen the result is contact with the citizen too (SPEC 3 reply: "when the citizen was told").
    add({ ...base, kind: 'first_contact' }, due('first_contact', h.startedAt, h.round), earliest(h.firstContactAt, h.citizenToldAt), h.endedAt);
    add({ ...base, kind: 'reply' }, h.extensionDue ?? due('reply', h.startedAt, h.round), h.firstReplyAt, h.endedAt);
  }
  for (const r of revisits) {
    add(
      { ticketId, unitId: r.unitId, round: r.round, startedAt: r.startedAt, kind: 'revisit' },
      due('revisit', r.startedAt, r.round),
      r.stoppedAt,
      r.cancelledAt,
    );
  }
  return {
    handlings: handlings.map(({ ticketId: t, unitId, round, startedAt }) => ({ ticketId: t, unitId, round, startedAt })),
    clocks,
    evaluations,
    unreachableAt,
    returns,
    sentBackAt,
  };
}

type ClockBase = Omit<ClockSettlement, 'stoppedAt' | 'status' | 'settledAt'>;

/** docs/REPORTS.md "When a clock counts". Events after `asOf` do not exist yet. */
export function settle(base: ClockBase, stop: Date | null, endedAt: Date | null, asOf: Date): ClockSettlement {
  const dueMs = base.due.getTime();
  const stoppedAt = stop && stop.getTime() <= asOf.getTime() ? stop : null;
  if (stoppedAt && stoppedAt.getTime() <= dueMs) return { ...base, stoppedAt, status: 'on_time', settledAt: stoppedAt };
  if (!stoppedAt && endedAt && endedAt.getTime() <= dueMs) return { ...base, stoppedAt: null, status: 'cancelled', settledAt: null };
  if (stoppedAt || dueMs < asOf.getTime()) return { ...base, stoppedAt, status: 'late', settledAt: base.due };
  return { ...base, stoppedAt: null, status: 'pending', settledAt: null };
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}
