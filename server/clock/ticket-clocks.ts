/**
 * Which clocks a ticket is running, from its snapshot alone (PRODUCT.md §4 table): first contact and
 * reply from dispatch, revisit from the reply. Pure; the server stores the earliest due and its
 * light on the row for queues and the sweeper.
 */
import type { WorkCalendar } from '../../shared/calendar/types';
import { computeClock, type ClockState } from '../../shared/clock/clocks';
import { firstContactStop } from '../../shared/clock/first-contact';
import type { ClockKind, TSlaPolicy } from '../../shared/clock/policy-schema';
import type { Light } from '../../shared/domain';
import type { TicketSnapshot } from '../../shared/ticket/snapshot';

export function ticketClocks(s: TicketSnapshot, policy: TSlaPolicy, calendar: WorkCalendar, now: Date): ClockState[] {
  const base = { policy, calendar, now, round: s.round, onSite: s.onSiteDetermination };
  const clocks: ClockState[] = [];
  // Issue 15.3, 000 三(一): the centre dispatches within 1 working day of registration.
  if (s.state === 'registered' && s.registeredAt) {
    clocks.push(computeClock({ ...base, round: 1, kind: 'dispatch', startedAt: new Date(s.registeredAt) }));
  }
  if ((s.state === 'dispatched' || s.state === 'in_progress') && s.dispatchedAt) {
    const startedAt = new Date(s.dispatchedAt);
    if (policy.clocks.first_contact) {
      clocks.push(computeClock({ ...base, kind: 'first_contact', startedAt, stoppedAt: firstContactStopOf(s) }));
    }
    if (policy.clocks.reply) {
      const extension = s.extensions.at(-1);
      clocks.push(computeClock({ ...base, kind: 'reply', startedAt, extendedDue: extension ? new Date(extension.due) : null }));
    }
    // 001 二.1 先行接单: the unit accepts within 1 working day of the dispatch (stops at acceptance).
    // Last, so that on the same due the queue keeps showing first contact, the citizen's clock.
    clocks.push(computeClock({ ...base, kind: 'acceptance', startedAt, stoppedAt: s.acceptedAt ? new Date(s.acceptedAt) : null }));
  }
  if (s.state === 'replied' && s.reply && policy.clocks.revisit) {
    clocks.push(computeClock({ ...base, kind: 'revisit', startedAt: new Date(s.reply.at) }));
  }
  return clocks;
}

/** Issue 15.6: the recorded contact or the first reply's "citizen told", the report's rule too. */
export function firstContactStopOf(s: TicketSnapshot): Date | null {
  return firstContactStop(s.firstContact ? new Date(s.firstContact.at) : null, s.citizenToldAt ? new Date(s.citizenToldAt) : null);
}

export interface PrimaryClock {
  clockKind: ClockKind | null;
  dueAt: Date | null;
  light: Light | null;
  /** The due counts days of a year whose holidays are computed (PRODUCT.md §4). */
  dueProvisional: boolean;
}

/** The clock a queue sorts and colours by: the running one due first. */
export function primaryClock(clocks: ClockState[]): PrimaryClock {
  const running = clocks.filter((c) => c.status === 'running').sort((a, b) => a.due.getTime() - b.due.getTime());
  const first = running[0];
  return first
    ? { clockKind: first.kind, dueAt: first.due, light: first.light, dueProvisional: first.provisional }
    : { clockKind: null, dueAt: null, light: null, dueProvisional: false };
}
