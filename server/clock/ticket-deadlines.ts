/**
 * The deadline of each action a workspace offers (PRODUCT.md §7: "actions with their deadlines
 * shown"), from the same pure clocks the core enforces, so the screen never promises a window
 * the server will refuse. Unlike the running clocks, a met or missed deadline stays visible
 * (met / late) for the rest of the round: the ticket page and the printed forms report it.
 */
import type { WorkCalendar } from '../../shared/calendar/types';
import { clockDue, computeClock } from '../../shared/clock/clocks';
import {
  clockRuleFor,
  replyNeedsSignOffOf,
  returnNeedsVerificationOf,
  revisitAttemptsFor,
  type ClockKind,
  type TSlaPolicy,
} from '../../shared/clock/policy-schema';
import type { DeadlineView, TicketDeadlines } from '../../shared/schemas/workspaces';
import { returnVerified } from '../../shared/ticket/rules';
import type { TicketSnapshot } from '../../shared/ticket/snapshot';
import { firstContactStopOf } from './ticket-clocks';

interface Base {
  policy: TSlaPolicy;
  calendar: WorkCalendar;
  now: Date;
  round: number;
}

export function ticketDeadlines(
  s: TicketSnapshot,
  policy: TSlaPolicy,
  calendar: WorkCalendar,
  now: Date,
  /** The ticket's number (null: none given), which sets how many revisit attempts it gets. */
  contact: { contactPhone: string | null },
): TicketDeadlines {
  const base: Base = { policy, calendar, now, round: s.round };
  const dispatched = s.dispatchedAt ? new Date(s.dispatchedAt) : null;
  const extension = s.extensions.at(-1);
  return {
    asOf: now.toISOString(),
    returnWindow: returnWindow(s, base),
    dispatch: dispatchDeadline(s, base),
    acceptance: dispatched ? deadline(base, 'acceptance', dispatched, s.acceptedAt ?? undefined) : null,
    firstContact: dispatched ? deadline(base, 'first_contact', dispatched, firstContactStopOf(s)?.toISOString()) : null,
    reply: dispatched ? deadline(base, 'reply', dispatched, s.reply?.at, extension?.due) : null,
    // 003 第五条(四): revisit within 1 working day of the reply received.
    revisit: s.reply ? deadline(base, 'revisit', new Date(s.reply.at), s.revisit?.at) : null,
    revisitAttempts: revisitAttemptsFor(policy, contact),
    replyNeedsSignOff: replyNeedsSignOffOf(policy),
  };
}

/** The first dispatch's deadline: from registration; met or late once the ticket left the centre (round 1 only). */
function dispatchDeadline(s: TicketSnapshot, b: Base): DeadlineView | null {
  if (!s.registeredAt || s.round !== 1 || s.state === 'closed_on_call') return null;
  if (s.state !== 'registered' && !s.dispatchedAt) return null;
  return deadline({ ...b, round: 1 }, 'dispatch', new Date(s.registeredAt), s.state === 'registered' ? undefined : (firstDispatchOf(s) ?? undefined));
}

/** The snapshot keeps the current handling's dispatch; in round 1 without a return it is the first one. */
function firstDispatchOf(s: TicketSnapshot): string | null {
  return s.returnedByUnitIds.length === 0 && s.designatedUnitId === null ? s.dispatchedAt : null;
}

function deadline(b: Base, kind: ClockKind, startedAt: Date, stoppedAt?: string, extendedDue?: string): DeadlineView | null {
  if (!clockRuleFor(b.policy, kind, { round: b.round })) return null;
  const c = computeClock({
    kind,
    startedAt,
    policy: b.policy,
    calendar: b.calendar,
    now: b.now,
    round: b.round,
    stoppedAt: stoppedAt ? new Date(stoppedAt) : null,
    extendedDue: extendedDue ? new Date(extendedDue) : null,
  });
  return { due: c.due.toISOString(), light: c.light, status: c.status, ...(c.provisional && c.status === 'running' ? { provisional: true as const } : {}) };
}

/**
 * 000 三(二): 1 working day from dispatch, 3 with on-site determination (the policy's
 * `return_window`); none in a later round (000 二(一) first-handler responsibility) or for a
 * designated unit (001 二.2) — the same conditions as the machine's guards on request_return.
 */
function returnWindow(s: TicketSnapshot, b: Base): TicketDeadlines['returnWindow'] {
  if (s.state !== 'dispatched' && s.state !== 'in_progress') return null;
  if (s.round !== 1 || s.designatedUnitId !== null || s.dispatchedAt === null) return null;
  if (!clockRuleFor(b.policy, 'return_window', { round: 1, onSite: s.onSiteDetermination })) return null;
  const due = clockDue({
    kind: 'return_window',
    startedAt: new Date(s.dispatchedAt),
    policy: b.policy,
    calendar: b.calendar,
    round: 1,
    onSite: s.onSiteDetermination,
  });
  return { due: due.toISOString(), open: b.now.getTime() <= due.getTime(), needsVerification: returnNeedsVerificationOf(b.policy) && !returnVerified(s) };
}
