/**
 * The shape of a command handler: it gets a deep copy of the snapshot (`draft`) to turn into
 * `next`, and returns the event's type and payload. `decide` has already checked role, unit,
 * state, input and guards; a handler checks only the rules that need the clock or the input.
 */
import { AppError } from '../../errors';
import type { TicketDecisionEvent } from '../../events/ticket';
import type { TCommandInputs, TicketCommand } from '../commands';
import type { PendingRequest, RequestKind, TicketSnapshot } from '../snapshot';
import type { Actor, DecideContext } from '../types';

export interface HandlerArgs<C extends TicketCommand> {
  /** The snapshot as loaded; never changed. */
  before: Readonly<TicketSnapshot>;
  /** A deep copy of `before`; the handler changes it into `next` (decide bumps the version). */
  draft: TicketSnapshot;
  input: TCommandInputs[C];
  actor: Actor;
  ctx: DecideContext;
}

/** The event's type and the machine's payload for it (the event catalogue checks both). */
export type HandlerResult = TicketDecisionEvent;

export type Handler<C extends TicketCommand> = (args: HandlerArgs<C>) => HandlerResult;

export function ruleViolation(message: string): never {
  throw new AppError('rule_violation', message);
}

/** Normalises an ISO instant from the input to the `…Z` form stored in snapshots. */
export function isoOf(value: string | Date): string {
  return new Date(value).toISOString();
}

/** The actor's unit; the machine's unit scope guarantees it for liaison commands. */
export function unitOf(actor: Actor): number {
  if (actor.unitId === null) throw new Error(`user ${actor.userId} has no unit`);
  return actor.unitId;
}

/** A new pending request of `kind`, id'd by the version the command creates. */
export function newRequest(before: Readonly<TicketSnapshot>, kind: RequestKind, fields: Omit<PendingRequest, 'id' | 'kind'>): PendingRequest {
  return { id: `${kind}-${before.version + 1}`, kind, ...fields };
}

/** Takes the pending request of `kind` off the draft and returns it (guards ensure it exists). */
export function takeRequest(draft: TicketSnapshot, kind: RequestKind): PendingRequest {
  const request = draft.pendingRequests.find((r) => r.kind === kind);
  if (!request) throw new Error(`ticket ${draft.id} has no pending ${kind} request`);
  draft.pendingRequests = draft.pendingRequests.filter((r) => r !== request);
  return request;
}

/**
 * (Re-)dispatch the draft to `leadUnitId` (PRODUCT.md §3: "clocks restart for the new unit"): the
 * unit's clocks start now and what the previous handling recorded is cleared from the
 * snapshot (it stays in the events). Requests of other units lapse with their handling.
 */
export function restartHandling(draft: TicketSnapshot, leadUnitId: number, now: Date): void {
  draft.state = 'dispatched';
  draft.leadUnitId = leadUnitId;
  draft.assistUnitIds = draft.assistUnitIds.filter((id) => id !== leadUnitId);
  draft.dispatchedAt = now.toISOString();
  draft.acceptedAt = null;
  draft.firstContact = null;
  draft.siteVisit = null;
  draft.facts = null;
  draft.reply = null;
  draft.citizenToldAt = null;
  draft.revisitAttempts = [];
  draft.revisit = null;
  draft.extensions = [];
  draft.delayExplanations = [];
  draft.pendingRequests = draft.pendingRequests.filter((r) => r.unitId === leadUnitId);
}
