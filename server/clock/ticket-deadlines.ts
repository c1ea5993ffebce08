/**
 * The deadline of each action a workspace offers (SPEC 7: "actions with their deadlines
 * shown"), from the same pure clocks the core enforces, so the screen never promises a window
 * the server will refuse.
 */
import type { WorkCalendar } from '../../shared/calendar/types';
import { clockDue, type ClockState } from '../../shared/clock/clocks';
import { clockRuleFor, type TSlaPolicy } from '../../shared/clock/policy-schema';
import type { DeadlineView, TicketDeadlines } from '../../shared/schemas/workspaces';
import type { TicketSnapshot } from '../../shared/ticket/snapshot';

const view = (c: ClockState | undefined): DeadlineView | null =>
  c ? { due: c.due.toISOString(), light: c.light, status: c.status } : null;

export function ticketDeadlines(s: TicketSnapshot, clocks: ClockState[], policy: TSlaPolicy, calendar: WorkCalendar, now: Date): TicketDeadlines {
  return {
    returnWindow: returnWindow(s, policy, calendar, now),
    firstContact: view(clocks.find((c) => c.kind === 'first_contact')),
    reply: view(clocks.find((c) => c.kind === 'reply')),
    revisit: view(clocks.find((c) => c.kind === 'revisit')),
  };
}

/**
 * 000 三(二): 1 working day from dispatch, 3 with on-site determination (the policy's
 * `return_window`); none in a later round (000 二(一) first-handler responsibility) or for a
 * designated unit (001 二.2) — the same conditions as the machine's guards on request_return.
 */
function returnWindow(s: TicketSnapshot, policy: TSlaPolicy, calendar: WorkCalendar, now: Date): TicketDeadlines['returnWindow'] {
  if (s.state !== 'dispatched' && s.state !== 'in_progress') return null;
  if (s.round !== 1 || s.designatedUnitId !== null || s.dispatchedAt === null) return null;
  if (!clockRuleFor(policy, 'return_window', { round: 1, onSite: s.onSiteDetermination })) return null;
  const due = clockDue({ kind: 'return_window', startedAt: new Date(s.dispatchedAt), policy, calendar, round: 1, onSite: s.onSiteDetermination });
  return { due: due.toISOString(), open: now.getTime() <= due.getTime() };
}
