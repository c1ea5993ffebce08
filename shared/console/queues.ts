/**
 * The ticket queues of PRODUCT.md §7, as data: which open tickets each holds. The client filters its
 * live store with these predicates; the server counts the same queues in SQL for the wallboard
 * (server/console/queue-counts.ts) and a test holds the two to the same answer.
 */
import type { TicketSummary } from '../schemas/ticket';

export const TICKET_QUEUES = [
  'registered',
  'awaiting_acceptance',
  'awaiting_first_contact',
  'in_progress',
  'reply_review',
  'awaiting_revisit',
  'decisions',
] as const;
export type TicketQueue = (typeof TICKET_QUEUES)[number];

/** Queues fed by other stores: calls (telephony) and supervision sheets. */
export const OTHER_QUEUES = ['waiting_calls', 'abandoned_calls', 'supervision_open'] as const;
export type OtherQueue = (typeof OTHER_QUEUES)[number];
export type QueueKey = TicketQueue | OtherQueue;

export interface QueueContext {
  /** Tickets whose current reply still awaits review (the decision queue's reply items); absent: every replied ticket. */
  replyUnderReview?: ReadonlySet<number>;
}

/** PRODUCT.md §7 queues over the ticket summary. `reply_review` needs to know which replies were accepted. */
export function inQueue(queue: TicketQueue, t: TicketSummary, qc: QueueContext = {}): boolean {
  switch (queue) {
    case 'registered':
      // Registered, not dispatched: still the line's own (000 三(八) unless closed on the call).
      return t.state === 'registered';
    case 'awaiting_acceptance':
      return t.state === 'dispatched';
    case 'awaiting_first_contact':
      // 003 第五条: first contact within 1 working day; its clock runs until the contact is recorded.
      return (t.state === 'dispatched' || t.state === 'in_progress') && t.clockKind === 'first_contact';
    case 'in_progress':
      return t.state === 'in_progress';
    case 'reply_review':
      // 000 三(五): the centre reviews every closing report before the matter is closed.
      return t.state === 'replied' && (qc.replyUnderReview?.has(t.id) ?? true);
    case 'awaiting_revisit':
      return t.state === 'replied';
    case 'decisions':
      // Returns, delay explanations, filing and 002 requests awaiting a supervisor.
      return t.pending.length > 0;
  }
}

export const LIGHT_RANK: Record<string, number> = { overdue: 0, red: 1, yellow: 2, warning: 3, normal: 4 };

/** Most urgent first: the running clock's due time, then the light, then the oldest ticket. */
export function byDue(a: TicketSummary, b: TicketSummary): number {
  const due = (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999');
  return due || (LIGHT_RANK[a.light ?? 'normal'] ?? 9) - (LIGHT_RANK[b.light ?? 'normal'] ?? 9) || a.id - b.id;
}
