/**
 * Rules of PRODUCT.md §3 that depend on the clock or on history, as pure functions the handlers,
 * the server and the UI share.
 */
import { formatShanghai } from '../calendar/shanghai';
import type { Satisfaction } from '../domain';
import { AppError } from '../errors';
import { pendingRequest, type TicketSnapshot } from './snapshot';
import type { DecideContext } from './types';

/** A time typed on a device a little ahead of the server still counts as "now". */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

function dispatchedAt(snapshot: TicketSnapshot): Date {
  if (snapshot.dispatchedAt === null) throw new Error(`ticket ${snapshot.id} has not been dispatched`);
  return new Date(snapshot.dispatchedAt);
}

/** The lead unit of a dispatched ticket (a bug if there is none). */
export function leadUnitOf(snapshot: TicketSnapshot): number {
  if (snapshot.leadUnitId === null) throw new Error(`ticket ${snapshot.id} has no lead unit`);
  return snapshot.leadUnitId;
}

/** 000 三(二), PRODUCT.md §3: a return must be asked by this instant (1 working day, 3 on site). */
export function returnWindowClosesAt(snapshot: TicketSnapshot, ctx: DecideContext): Date {
  return ctx.due('return_window', dispatchedAt(snapshot), { onSite: snapshot.onSiteDetermination });
}

/** PRODUCT.md §3/4: the reply is due per the policy, or by the last granted extension. */
export function replyDueAt(snapshot: TicketSnapshot, ctx: DecideContext): Date {
  const extension = snapshot.extensions.at(-1);
  return extension ? new Date(extension.due) : ctx.due('reply', dispatchedAt(snapshot));
}

/** The distinct units that will have returned the ticket if `unitId`'s return is approved. */
/** 000 二(一): the unit verified the matter in this handling — a recorded first contact or site visit. */
export function returnVerified(snapshot: TicketSnapshot): boolean {
  return snapshot.firstContact !== null || snapshot.siteVisit !== null;
}

/** 000 二(一) 首办责任制: why a return is refused before the unit verified the matter. */
export const RETURN_NEEDS_VERIFICATION_MESSAGE = '退单前须先核实：请先记录先行联系或现场查看（000 二(一) 首办责任制：严禁未经核实即发起退单）';

export function returnersWith(snapshot: TicketSnapshot, unitId: number): number[] {
  return [...new Set([...snapshot.returnedByUnitIds, unitId])];
}

/**
 * 001 二.2 签派: "针对有两个部门以上退单…报街道主要领导批办"; PRODUCT.md §3: when two different units
 * have returned a ticket it needs designation. True when the pending return cannot simply be
 * approved, because approving it would make two distinct units that returned the ticket: the
 * supervisor or leader must `designate` a unit instead (or reject the return).
 */
export function designationRequired(snapshot: TicketSnapshot): boolean {
  const request = pendingRequest(snapshot, 'return');
  return request !== undefined && returnersWith(snapshot, request.unitId).length >= 2;
}

/** PRODUCT.md §3: resolved and not dissatisfied → archived; otherwise dispatched again. */
export function revisitSucceeded(resolved: boolean, satisfaction: Satisfaction): boolean {
  return resolved && satisfaction !== 'dissatisfied';
}

/** A recorded time must lie between the dispatch of this round and now (PRODUCT.md §3 records). */
export function assertDuringHandling(at: string, snapshot: TicketSnapshot, now: Date, label: string): void {
  const instant = new Date(at).getTime();
  if (instant > now.getTime() + CLOCK_SKEW_MS) {
    throw new AppError('rule_violation', `${label}不能晚于当前时间`);
  }
  const start = dispatchedAt(snapshot);
  if (instant < start.getTime()) {
    throw new AppError('rule_violation', `${label}不能早于派单时间（${formatShanghai(start, 'minute')}）`);
  }
}
