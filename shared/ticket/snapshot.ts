/**
 * The ticket as the domain core sees it (PRODUCT.md §3): everything the rules of its life need, and
 * nothing else. It is plain JSON (instants are ISO strings), so the server can load it from the
 * row, hand it to `decide`, and write `next` back unchanged. What earlier rounds or units did
 * lives on in the event list (PRODUCT.md §3: "the ticket's timeline is the event list").
 */
import type { CloseOnCallReason, Outcome, Satisfaction, TicketSource, TicketState, TicketType } from '../domain';

/** Requests a unit makes and a supervisor decides (PRODUCT.md §3: return, delay, filing, 002 forms). */
export const REQUEST_KINDS = ['return', 'extension', 'filing', 'not_counted', 'objective_case'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** PRODUCT.md §3: first contact is recorded with its channel. */
export const CONTACT_CHANNELS = ['phone', 'sms', 'visit', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** How an archived ticket ended (PRODUCT.md §3: archived, or archived as "unreachable"). */
export const ARCHIVED_AS = ['resolved', 'unreachable'] as const;
export type ArchivedAs = (typeof ARCHIVED_AS)[number];

/** An ISO-8601 instant, e.g. `2026-11-23T01:00:00.000Z`. */
export type Instant = string;

export interface PendingRequest {
  /** `<kind>-<version of the ticket that created it>`: unique within the ticket. */
  id: string;
  kind: RequestKind;
  /** The requesting unit (always the lead unit at the time). */
  unitId: number;
  at: Instant;
  reason: string;
  /** return only: the unit the requester suggests (000 三(二) 建议转派单位). */
  suggestedUnitId?: number;
  /** extension only: the due date the unit asks for. */
  requestedDue?: Instant;
}

export interface FirstContact {
  at: Instant;
  channel: ContactChannel;
  note: string;
}

export interface SiteVisit {
  at: Instant;
  note: string;
}

/** The closing report (办结汇报, PRODUCT.md §2 / 002 附件2). */
export interface Reply {
  outcome: Outcome;
  facts: string;
  report: string;
  /** When the unit told the citizen the result. */
  citizenToldAt: Instant;
  /** When the reply was submitted. */
  at: Instant;
  unitId: number;
}

export interface RevisitAttempt {
  at: Instant;
  reached: boolean;
  note: string;
}

export interface Revisit {
  resolved: boolean;
  satisfaction: Satisfaction;
  /** The citizen's words, as noted by the revisit caller. */
  words: string;
  at: Instant;
}

export interface Extension {
  due: Instant;
  grantedAt: Instant;
}

export interface DelayExplanation {
  at: Instant;
  unitId: number;
  reason: string;
}

export interface TicketFlags {
  /** 001 二.1 预警工单: re-dispatched after a failed revisit. */
  warning: boolean;
  /** 002 附件3 不纳入测评: approved; excluded from satisfaction figures. */
  notCounted: boolean;
  /** 002 附件4 客观件: approved; excluded from satisfaction figures. */
  objectiveCase: boolean;
}

export interface TicketSnapshot {
  id: number;
  state: TicketState;
  /** Optimistic-concurrency version; `decide` returns `next.version = version + 1`. */
  version: number;
  type: TicketType;
  source: TicketSource;
  /** 1-based handling round; a failed revisit starts the next one (001 二.1 再次处置). */
  round: number;
  leadUnitId: number | null;
  assistUnitIds: number[];
  /** 001 二.2 签派 / 000 二(二): the designated unit cannot return the ticket. */
  designatedUnitId: number | null;
  /** Distinct units whose return was approved (or settled by a designation). */
  returnedByUnitIds: number[];
  /** 000 三(二): on-site determination needed → return window of 3 working days. */
  onSiteDetermination: boolean;
  /**
   * When the record was registered: the dispatch clock's start (issue 15.3, 000 三(一)). Read from the
   * ticket row (`snapshotOf`); absent in a bare snapshot.
   */
  registeredAt?: Instant | null;
  /** Start of the current unit's clocks; reset on every (re-)dispatch. */
  dispatchedAt: Instant | null;
  acceptedAt: Instant | null;
  firstContact: FirstContact | null;
  siteVisit: SiteVisit | null;
  facts: string | null;
  reply: Reply | null;
  /**
   * When this handling's first reply told the citizen the result; kept when the reply is sent back
   * (the citizen was reached), cleared by a new handling. Stops the first-contact clock with the
   * recorded contact (shared/clock/first-contact.ts, issue 15.6). Absent in snapshots stored before.
   */
  citizenToldAt: Instant | null;
  /** Unreachable revisit calls of the current reply. */
  revisitAttempts: RevisitAttempt[];
  revisit: Revisit | null;
  closedReason: CloseOnCallReason | null;
  /** At most one pending request of each kind. */
  pendingRequests: PendingRequest[];
  /** Granted extensions of the reply due date in this round; the last one is in force. */
  extensions: Extension[];
  delayExplanations: DelayExplanation[];
  flags: TicketFlags;
  archivedAs: ArchivedAs | null;
}

export interface TNewTicket {
  id: number;
  type: TicketType;
  source: TicketSource;
}

/** A ticket just registered from the intake record (PRODUCT.md §2), before dispatch. */
export function newTicketSnapshot({ id, type, source }: TNewTicket): TicketSnapshot {
  return {
    id,
    state: 'registered',
    version: 1,
    type,
    source,
    round: 1,
    leadUnitId: null,
    assistUnitIds: [],
    designatedUnitId: null,
    returnedByUnitIds: [],
    onSiteDetermination: false,
    dispatchedAt: null,
    acceptedAt: null,
    firstContact: null,
    siteVisit: null,
    facts: null,
    reply: null,
    citizenToldAt: null,
    revisitAttempts: [],
    revisit: null,
    closedReason: null,
    pendingRequests: [],
    extensions: [],
    delayExplanations: [],
    flags: { warning: false, notCounted: false, objectiveCase: false },
    archivedAs: null,
  };
}

export function pendingRequest(snapshot: TicketSnapshot, kind: RequestKind): PendingRequest | undefined {
  return snapshot.pendingRequests.find((r) => r.kind === kind);
}
