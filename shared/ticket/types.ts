/**
 * What `decide` takes besides the snapshot, and what it returns. The core does no I/O and
 * reads no clock: the server passes `now` and the due-date function of the ticket's SLA policy
 * and the working-day calendar (PRODUCT.md §4).
 */
import type { Role, TicketState } from '../domain';
import type { TicketDecisionEvent } from '../events/ticket';
import type { TicketSnapshot } from './snapshot';

export interface Actor {
  userId: number;
  role: Role;
  /** The handling unit a liaison works for; null for the line's own staff. */
  unitId: number | null;
}

/** The clocks the rules of PRODUCT.md §3 consult (PRODUCT.md §4 table). */
export type ClockName = 'return_window' | 'first_contact' | 'reply' | 'revisit';

export interface DecideContext {
  /** The instant the command happens; every timestamp the core writes is this one. */
  now: Date;
  /**
   * Due instant of `clock` started at `startedAt`, bound by the server to the ticket's policy
   * version, its round (001 再次处置) and the working-day calendar (shared/clock).
   */
  due: (clock: ClockName, startedAt: Date, opts?: { onSite?: boolean }) => Date;
  /** Unreachable revisit attempts before the ticket is archived as unreachable (the policy's; DEFAULT_REVISIT_ATTEMPTS). */
  maxRevisitAttempts?: number;
  /**
   * 000 二(一): a return needs a recorded first contact or site visit in this handling first (the
   * policy's `returnNeedsVerification`; on when not given).
   */
  returnNeedsVerification?: boolean;
  /** Least minutes between two revisit attempts to count as "different times" (the policy's; DEFAULT_REVISIT_ATTEMPTS). */
  revisitAttemptGapMinutes?: number;
}

/**
 * `<resource>.<verb>` names of the events a command can write (STYLE: events), and each one's
 * payload: the event catalogue's part for the machine (shared/events/ticket.ts).
 */
export { TICKET_DECISION_TYPES as TICKET_EVENT_TYPES, type TicketDecisionType as TicketEventType } from '../events/ticket';

/** The event row written in the same transaction as `next`; the server adds actor, time and the ticket's summary. */
export type TicketEvent = TicketDecisionEvent & {
  fromState: TicketState;
  toState: TicketState;
};

export interface Decision {
  /** The ticket after the command, with `version` one higher than the input's. */
  next: TicketSnapshot;
  event: TicketEvent;
}
