/**
 * Rebuilds what happened to each ticket from its events (PRODUCT.md §3: the timeline is the event
 * list): the handlings (one lead unit from a (re-)dispatch to the next), their first-contact,
 * reply and revisit clocks, the citizens' evaluations, returns and send-backs. Pure: the due
 * function is bound by the caller to the ticket's policy version and the calendar.
 * Definitions: docs/REPORTS.md.
 */
import { firstContactStop } from '../../shared/clock/first-contact';
import type { Satisfaction } from '../../shared/domain';
import { assertUnreachable } from '../../shared/errors';
import { readEvent, type CatalogueEvent, type EventType } from '../../shared/events/catalogue';

/** A stored event of the ticket, as the events table has it; read here with the event catalogue. */
export interface ReportEvent {
  ticketId: number;
  seq: number;
  type: string;
  at: Date;
  fromState: string | null;
  payload: unknown;
}

type TicketEventType = Extract<EventType, `ticket.${string}`>;

export type ReportClockKind = 'first_contact' | 'reply' | 'revisit' | 'dispatch' | 'acceptance';

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
  /** First contact, reply and revisit (R4–R6, R11, R14). */
  clocks: ClockSettlement[];
  /**
   * Issue 15.3: the centre's dispatch clock (registration → first dispatch, 000 三(一); unit 0) and each
   * handling's acceptance clock (dispatch → the unit's accept, 001 二.1) — R20, R21, kept apart from R11.
   */
  stageClocks: ClockSettlement[];
  evaluations: Evaluation[];
  /** Archived as unreachable after the last revisit attempt. */
  unreachableAt: Date[];
  returns: ReturnRecord[];
  sentBackAt: { unitId: number; at: Date }[];
}

interface OpenHandling extends Handling {
  endedAt: Date | null;
  acceptedAt: Date | null;
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

/**
 * The event as the catalogue defines it. A row that does not match (a revisit without its
 * satisfaction, say) throws EventPayloadError naming the row: the report refuses to guess a value
 * that would change its figures (docs/decisions/events.md).
 */
function readTicketEvent(row: ReportEvent): CatalogueEvent<TicketEventType> {
  const event = readEvent(row);
  if (!event.type.startsWith('ticket.')) throw new Error(`event #${row.seq} (${event.type}) is not a ticket's event`);
  return event as CatalogueEvent<TicketEventType>;
}

export function ticketHistory(ticketId: number, events: readonly ReportEvent[], due: DueFn, asOf: Date): TicketHistory {
  const handlings: OpenHandling[] = [];
  const revisits: RevisitClock[] = [];
  const evaluations: Evaluation[] = [];
  const unreachableAt: Date[] = [];
  const returns: ReturnRecord[] = [];
  const sentBackAt: { unitId: number; at: Date }[] = [];
  let current: OpenHandling | null = null;
  let registeredAt: Date | null = null;
  let firstDispatchAt: Date | null = null;
  let closedOnCallAt: Date | null = null;
  let lastRevisit: RevisitClock | null = null;

  const start = (unitId: number, at: Date, round: number) => {
    if (current) current.endedAt = at;
    current = {
      ticketId,
      unitId,
      round,
      startedAt: at,
      endedAt: null,
      acceptedAt: null,
      firstContactAt: null,
      citizenToldAt: null,
      firstReplyAt: null,
      extensionDue: null,
    };
    handlings.push(current);
  };
  const pendingReturn = () => returns.findLast((r) => r.decision === null);
  const stopRevisit = (at: Date) => {
    if (lastRevisit && !lastRevisit.stoppedAt && !lastRevisit.cancelledAt) lastRevisit.stoppedAt = at;
  };

  for (const row of [...events].sort((a, b) => a.seq - b.seq)) {
    const e = readTicketEvent(row);
    const at = row.at;
    const h = current as OpenHandling | null;
    switch (e.type) {
      case 'ticket.dispatched': {
        // A correction that keeps the lead unit (assisting units, on-site flag) is the same handling.
        const p = e.payload;
        if (row.fromState === 'registered') firstDispatchAt ??= at;
        if (!h || row.fromState === 'registered' || p.leadUnitId !== p.previousLeadUnitId) start(p.leadUnitId, at, p.round);
        break;
      }
      case 'ticket.return_requested':
        returns.push({ ticketId, unitId: e.payload.unitId, at, reason: e.payload.reason, decision: null, decidedAt: null });
        break;
      case 'ticket.return_approved':
      case 'ticket.return_rejected': {
        const r = pendingReturn();
        if (r) Object.assign(r, { decision: e.type === 'ticket.return_approved' ? 'approved' : 'rejected', decidedAt: at });
        if (e.type === 'ticket.return_approved') start(e.payload.newLeadUnitId, at, h?.round ?? 1);
        break;
      }
      case 'ticket.designated': {
        const settled = e.payload.settledReturn;
        const r = settled ? pendingReturn() : undefined;
        if (r) Object.assign(r, { decision: settled?.approved ? 'approved' : 'rejected', decidedAt: at });
        if (e.payload.unitId !== e.payload.previousLeadUnitId) start(e.payload.unitId, at, h?.round ?? 1);
        break;
      }
      case 'ticket.first_contacted':
        if (h && !h.firstContactAt) h.firstContactAt = new Date(e.payload.at);
        break;
      case 'ticket.extension_granted':
        if (h) h.extensionDue = new Date(e.payload.newDue);
        break;
      case 'ticket.replied':
        if (h) {
          h.firstReplyAt ??= at;
          h.citizenToldAt ??= new Date(e.payload.citizenToldAt);
          lastRevisit = { unitId: e.payload.unitId, round: h.round, startedAt: at, stoppedAt: null, cancelledAt: null };
          revisits.push(lastRevisit);
        }
        break;
      case 'ticket.reply_sent_back':
        if (lastRevisit && !lastRevisit.stoppedAt) lastRevisit.cancelledAt = at;
        if (h) sentBackAt.push({ unitId: h.unitId, at });
        break;
      case 'ticket.revisit_attempted':
        if (e.payload.archivedAs === 'unreachable') {
          stopRevisit(at);
          unreachableAt.push(at);
          if (h) h.endedAt = at;
        }
        break;
      case 'ticket.revisited': {
        // The catalogue requires the satisfaction: a revisit is never counted as "dissatisfied" by default.
        const { revisit } = e.payload;
        stopRevisit(at);
        evaluations.push({
          ticketId,
          unitId: lastRevisit?.unitId ?? h?.unitId ?? 0,
          at,
          resolved: revisit.resolved,
          satisfaction: revisit.satisfaction,
          words: revisit.words,
        });
        if (e.payload.outcome === 'redispatched') start(e.payload.leadUnitId, at, e.payload.round);
        else if (h) h.endedAt = at;
        break;
      }
      case 'ticket.filing_approved':
        if (h) h.endedAt = at;
        break;
      // Events that change none of the report's figures (docs/REPORTS.md). Flags (not counted,
      // objective case) are read from the ticket row.
      case 'ticket.registered':
        registeredAt ??= at;
        break;
      case 'ticket.closed_on_call':
        closedOnCallAt ??= at;
        break;
      case 'ticket.accepted':
        if (h && !h.acceptedAt) h.acceptedAt = at;
        break;
      case 'ticket.emergency_overridden':
      case 'ticket.site_visited':
      case 'ticket.facts_recorded':
      case 'ticket.delay_explained':
      case 'ticket.extension_refused':
      case 'ticket.filing_requested':
      case 'ticket.filing_rejected':
      case 'ticket.not_counted_requested':
      case 'ticket.not_counted_approved':
      case 'ticket.not_counted_rejected':
      case 'ticket.objective_case_requested':
      case 'ticket.objective_case_approved':
      case 'ticket.objective_case_rejected':
      case 'ticket.note_added':
      case 'ticket.urged':
      case 'ticket.contact_revealed':
      case 'ticket.reply_accepted':
      case 'ticket.reply_signed_off':
      case 'ticket.call_time_corrected': // the period a ticket counts in is read from its row's (corrected) call time
      case 'ticket.urgency_set': // dues are computed with the ticket row's (current) policy
      case 'ticket.light_changed':
      case 'ticket.reminded':
      case 'ticket.due_recomputed':
        break;
      default:
        assertUnreachable(e);
    }
  }

  const clocks: ClockSettlement[] = [];
  const add = (base: Omit<ClockBase, 'due'>, dueAt: Date | null, stop: Date | null, endedAt: Date | null) => {
    if (dueAt) clocks.push(settle({ ...base, due: dueAt }, stop, endedAt, asOf));
  };
  for (const h of handlings) {
    const base = { ticketId, unitId: h.unitId, round: h.round, startedAt: h.startedAt };
    // Telling the citizen the result is contact with the citizen too: the live clock's rule (issue 15.6).
    add({ ...base, kind: 'first_contact' }, due('first_contact', h.startedAt, h.round), firstContactStop(h.firstContactAt, h.citizenToldAt), h.endedAt);
    add({ ...base, kind: 'reply' }, h.extensionDue ?? due('reply', h.startedAt, h.round), h.firstReplyAt, h.endedAt);
  }
  const stageClocks: ClockSettlement[] = [];
  const addStage = (base: Omit<ClockBase, 'due'>, dueAt: Date | null, stop: Date | null, endedAt: Date | null) => {
    if (dueAt) stageClocks.push(settle({ ...base, due: dueAt }, stop, endedAt, asOf));
  };
  if (registeredAt) {
    // 000 三(一): the centre's clock, no unit's; a record answered on the call never needed a dispatch.
    addStage({ ticketId, unitId: 0, round: 1, startedAt: registeredAt, kind: 'dispatch' }, due('dispatch', registeredAt, 1), firstDispatchAt, closedOnCallAt);
  }
  for (const h of handlings) {
    addStage(
      { ticketId, unitId: h.unitId, round: h.round, startedAt: h.startedAt, kind: 'acceptance' },
      due('acceptance', h.startedAt, h.round),
      h.acceptedAt,
      h.endedAt,
    );
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
    stageClocks,
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
