/**
 * A ticket's timeline (PRODUCT.md §3: the timeline is the event list): which events belong to it and
 * what of each one GET /api/tickets/:id shows. Every catalogue type is listed, so a new type
 * fails typecheck here until someone decides whether screens show it on the ticket's page; the
 * client's timeline then switches over the types marked `true`.
 */
import type { CatalogueEvent, EventPayload, EventType } from './catalogue';

/** True: an event about one ticket, shown on its page. False: about the line, a unit or a user. */
export const ON_TICKET_TIMELINE = {
  'ticket.registered': true,
  'ticket.dispatched': true,
  'ticket.closed_on_call': true,
  'ticket.accepted': true,
  'ticket.first_contacted': true,
  'ticket.site_visited': true,
  'ticket.facts_recorded': true,
  'ticket.delay_explained': true,
  'ticket.extension_granted': true,
  'ticket.extension_refused': true,
  'ticket.return_requested': true,
  'ticket.return_approved': true,
  'ticket.return_rejected': true,
  'ticket.designated': true,
  'ticket.replied': true,
  'ticket.reply_sent_back': true,
  'ticket.revisit_attempted': true,
  'ticket.revisited': true,
  'ticket.filing_requested': true,
  'ticket.filing_approved': true,
  'ticket.filing_rejected': true,
  'ticket.not_counted_requested': true,
  'ticket.not_counted_approved': true,
  'ticket.not_counted_rejected': true,
  'ticket.objective_case_requested': true,
  'ticket.objective_case_approved': true,
  'ticket.objective_case_rejected': true,
  'ticket.note_added': true,
  'ticket.urged': true,
  'ticket.emergency_overridden': true,
  'ticket.contact_revealed': true,
  'ticket.reply_accepted': true,
  'ticket.reply_signed_off': true,
  'ticket.call_time_corrected': true,
  'ticket.urgency_set': true,
  'ticket.light_changed': true,
  'ticket.reminded': true,
  'ticket.due_recomputed': true,
  // Issue 6: the calls a ticket was taken from or made for.
  'call.claimed': true,
  'call.released': true,
  'call.linked': true,
  'call.dialing': true,
  'call.called_back': true,
  'call.ringing': true,
  'call.queued': true,
  'call.answered': true,
  'call.abandoned': true,
  'call.ended': true,
  'call.updated': true,
  // A screen pop's number read, before any ticket exists (ticketId is null).
  'call.number_revealed': false,
  // Issue 16.6: a phone search names no one ticket (ticketId is null); its tickets are in the payload.
  'search.phone_searched': false,
  'shift.defined': false,
  'shift.retired': false,
  'shift.assigned': false,
  'shift.unassigned': false,
  'handover.written': false,
  'handover.acknowledged': false,
  // 004: the ticket's supervision sheets.
  'supervision.opened': true,
  'supervision.progressed': true,
  'supervision.replied': true,
  'supervision.outcome_recorded': true,
  'supervision.instructed': true,
  'supervision.sent_back': true,
  'supervision.closed': true,
  'supervision.light_changed': true,
  'supervision.reminded': true,
  // A candidate is about a matter of several tickets (supervisors' board).
  'supervision.candidate': false,
  'supervision.candidate_updated': false,
  'calendar.day_set': false,
  'calendar.year_confirmed': false,
  'policy.versioned': false,
  'policy.assigned': false,
  'dispatch_rules.versioned': false,
  'repeat_settings.versioned': false,
  'api_key.issued': false,
  'api_key.revoked': false,
  'knowledge.article_saved': false,
  /** The article an operator answered this ticket's caller from. */
  'knowledge.used': true,
  'presence.changed': false,
  'cluster.alert': false,
  'cluster.updated': false,
  // Issue 15 item 11: accounts and units, not tickets.
  'user.created': false,
  'user.updated': false,
  'user.disabled': false,
  'user.enabled': false,
  'user.password_reset': false,
  'unit.created': false,
  'unit.renamed': false,
  'unit.deactivated': false,
  'unit.reactivated': false,
} as const satisfies Record<EventType, boolean>;

export type TimelineEventType = { [T in EventType]: (typeof ON_TICKET_TIMELINE)[T] extends true ? T : never }[EventType];

/** Every type a ticket's timeline shows (the OpenAPI document's enum of GET /api/tickets/:id events). */
export const TIMELINE_EVENT_TYPES = (Object.keys(ON_TICKET_TIMELINE) as EventType[]).filter((t): t is TimelineEventType => ON_TICKET_TIMELINE[t]) as [
  TimelineEventType,
  ...TimelineEventType[],
];

export function isTimelineEventType(type: EventType): type is TimelineEventType {
  return ON_TICKET_TIMELINE[type];
}

type WithoutTicket<P> = P extends unknown ? Omit<P, 'ticket'> : never;

/** A timeline entry's payload: the event's, without the ticket summary screens already have. */
export type TimelinePayload<T extends TimelineEventType> = WithoutTicket<EventPayload<T>>;

/** A timeline event: narrow on `type` to read its payload. */
export type TimelineEvent = { [T in TimelineEventType]: { type: T; payload: TimelinePayload<T> } }[TimelineEventType];

/** The part of a stored event the ticket's page shows. */
export function timelineEvent(event: CatalogueEvent<TimelineEventType>): TimelineEvent {
  const payload: Record<string, unknown> = { ...event.payload };
  delete payload.ticket;
  return { type: event.type, payload } as TimelineEvent;
}
