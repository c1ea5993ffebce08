/**
 * Events of a ticket's life (PRODUCT.md §3: the timeline is the event list). The decisions are what the
 * pure core (`shared/ticket`) returns for each command; the server adds the ticket's summary for
 * the screens (`ticket`). The others are written by the server around the machine: registration,
 * the reveal of a number, the review of a reply, the clock's notices and recomputations.
 */
import { z } from 'zod';
import { CLOCK_KINDS } from '../clock/policy-schema';
import { CLOSE_ON_CALL_REASONS, EMERGENCY_NUMBERS, LIGHTS, OUTCOMES, SATISFACTIONS } from '../domain';
import { REVEAL_PURPOSES } from '../schemas/contact';
import { ARCHIVED_AS, CONTACT_CHANNELS } from '../ticket/snapshot';
import { count, id, instant, isoDay, payload } from './fields';
import { ZTicketSummarySchema } from './views';

/** Reply (办结汇报) as the snapshot keeps it. */
const ZReplySchema = z.object({
  outcome: z.enum(OUTCOMES),
  facts: z.string(),
  report: z.string(),
  citizenToldAt: instant,
  at: instant,
  unitId: id,
});

/** Revisit result; satisfaction is always recorded (the command requires it, PRODUCT.md §3). */
const ZRevisitSchema = z.object({ resolved: z.boolean(), satisfaction: z.enum(SATISFACTIONS), words: z.string(), at: instant });

const requestOpened = payload({ requestId: z.string(), reason: z.string(), unitId: id });
const requestClosed = payload({ requestId: z.string(), unitId: id, approve: z.boolean(), note: z.string().nullable() });

/** What `decide` returns per event type: the machine's part of the payload. */
export const TICKET_DECISION_PAYLOADS = {
  'ticket.dispatched': payload({
    leadUnitId: id,
    assistUnitIds: z.array(id),
    onSiteDetermination: z.boolean(),
    previousLeadUnitId: id.nullable(),
    round: z.number().int().positive(),
  }),
  /** Issue 16.3: `transferredTo`, the 110/119/120 an emergency was handed to (absent before it and for other reasons). */
  'ticket.closed_on_call': payload({ reason: z.enum(CLOSE_ON_CALL_REASONS), note: z.string(), transferredTo: z.enum(EMERGENCY_NUMBERS).optional() }),
  'ticket.accepted': payload({ unitId: id }),
  'ticket.first_contacted': payload({ at: instant, channel: z.enum(CONTACT_CHANNELS), note: z.string(), unitId: id }),
  'ticket.site_visited': payload({ at: instant, note: z.string(), unitId: id }),
  'ticket.facts_recorded': payload({ facts: z.string(), unitId: id }),
  'ticket.delay_explained': payload({ requestId: z.string(), reason: z.string(), requestedDue: instant.nullable(), due: instant, unitId: id }),
  'ticket.extension_granted': payload({ requestId: z.string(), approve: z.boolean(), note: z.string(), newDue: instant }),
  'ticket.extension_refused': payload({ requestId: z.string(), approve: z.boolean(), note: z.string() }),
  'ticket.return_requested': payload({ requestId: z.string(), reason: z.string(), suggestedUnitId: id, unitId: id }),
  'ticket.return_approved': payload({ requestId: z.string(), unitId: id, approve: z.boolean(), note: z.string(), newLeadUnitId: id }),
  'ticket.return_rejected': payload({ requestId: z.string(), unitId: id, approve: z.boolean(), note: z.string() }),
  'ticket.designated': payload({
    unitId: id,
    note: z.string(),
    previousLeadUnitId: id.nullable(),
    settledReturn: z.object({ requestId: z.string(), unitId: id, approved: z.boolean() }).nullable(),
  }),
  'ticket.replied': ZReplySchema.strict(),
  'ticket.reply_sent_back': payload({ note: z.string(), reply: ZReplySchema.nullable() }),
  'ticket.revisit_attempted': payload({
    at: instant,
    reached: z.boolean(),
    note: z.string(),
    attempts: count,
    maxAttempts: count,
    archivedAs: z.enum(ARCHIVED_AS).nullable(),
  }),
  'ticket.revisited': z.discriminatedUnion('outcome', [
    payload({ revisit: ZRevisitSchema, outcome: z.literal('archived'), round: z.number().int().positive() }),
    payload({ revisit: ZRevisitSchema, outcome: z.literal('redispatched'), round: z.number().int().positive(), leadUnitId: id }),
  ]),
  'ticket.filing_requested': requestOpened,
  'ticket.filing_approved': requestClosed,
  'ticket.filing_rejected': requestClosed,
  'ticket.not_counted_requested': requestOpened,
  'ticket.not_counted_approved': requestClosed,
  'ticket.not_counted_rejected': requestClosed,
  'ticket.objective_case_requested': requestOpened,
  'ticket.objective_case_approved': requestClosed,
  'ticket.objective_case_rejected': requestClosed,
  'ticket.note_added': payload({ note: z.string(), unitId: id }),
  'ticket.urged': payload({ note: z.string(), unitId: id.nullable() }),
};

export type TicketDecisionType = keyof typeof TICKET_DECISION_PAYLOADS;
export const TICKET_DECISION_TYPES = Object.keys(TICKET_DECISION_PAYLOADS) as TicketDecisionType[];

/** One decision's event: its type and the machine's payload, correlated. */
export type TicketDecisionEvent = {
  [T in TicketDecisionType]: { type: T; payload: z.output<(typeof TICKET_DECISION_PAYLOADS)[T]> };
}[TicketDecisionType];

const ticket = ZTicketSummarySchema;
const withTicket = <S extends z.ZodRawShape>(s: z.ZodObject<S>) => s.extend({ ticket });

/** Decision payloads as stored: the machine's part plus the ticket's summary after the command. */
const TICKET_DECISION_EVENTS = {
  'ticket.dispatched': withTicket(TICKET_DECISION_PAYLOADS['ticket.dispatched']),
  'ticket.closed_on_call': withTicket(TICKET_DECISION_PAYLOADS['ticket.closed_on_call']),
  'ticket.accepted': withTicket(TICKET_DECISION_PAYLOADS['ticket.accepted']),
  'ticket.first_contacted': withTicket(TICKET_DECISION_PAYLOADS['ticket.first_contacted']),
  'ticket.site_visited': withTicket(TICKET_DECISION_PAYLOADS['ticket.site_visited']),
  'ticket.facts_recorded': withTicket(TICKET_DECISION_PAYLOADS['ticket.facts_recorded']),
  'ticket.delay_explained': withTicket(TICKET_DECISION_PAYLOADS['ticket.delay_explained']),
  'ticket.extension_granted': withTicket(TICKET_DECISION_PAYLOADS['ticket.extension_granted']),
  'ticket.extension_refused': withTicket(TICKET_DECISION_PAYLOADS['ticket.extension_refused']),
  'ticket.return_requested': withTicket(TICKET_DECISION_PAYLOADS['ticket.return_requested']),
  'ticket.return_approved': withTicket(TICKET_DECISION_PAYLOADS['ticket.return_approved']),
  'ticket.return_rejected': withTicket(TICKET_DECISION_PAYLOADS['ticket.return_rejected']),
  'ticket.designated': withTicket(TICKET_DECISION_PAYLOADS['ticket.designated']),
  'ticket.replied': withTicket(TICKET_DECISION_PAYLOADS['ticket.replied']),
  'ticket.reply_sent_back': withTicket(TICKET_DECISION_PAYLOADS['ticket.reply_sent_back']),
  'ticket.revisit_attempted': withTicket(TICKET_DECISION_PAYLOADS['ticket.revisit_attempted']),
  'ticket.revisited': z.discriminatedUnion('outcome', [
    withTicket(TICKET_DECISION_PAYLOADS['ticket.revisited'].options[0]),
    withTicket(TICKET_DECISION_PAYLOADS['ticket.revisited'].options[1]),
  ]),
  'ticket.filing_requested': withTicket(requestOpened),
  'ticket.filing_approved': withTicket(requestClosed),
  'ticket.filing_rejected': withTicket(requestClosed),
  'ticket.not_counted_requested': withTicket(requestOpened),
  'ticket.not_counted_approved': withTicket(requestClosed),
  'ticket.not_counted_rejected': withTicket(requestClosed),
  'ticket.objective_case_requested': withTicket(requestOpened),
  'ticket.objective_case_approved': withTicket(requestClosed),
  'ticket.objective_case_rejected': withTicket(requestClosed),
  'ticket.note_added': withTicket(TICKET_DECISION_PAYLOADS['ticket.note_added']),
  'ticket.urged': withTicket(TICKET_DECISION_PAYLOADS['ticket.urged']),
} satisfies Record<TicketDecisionType, z.ZodType>;

/** A clock notice (PRODUCT.md §4): a light turned, or a reminder is due; sent once per key. */
const clockNotice = payload({ clock: z.enum(CLOCK_KINDS), light: z.enum(LIGHTS), due: instant, key: z.string(), ticket });

export const TICKET_EVENTS = {
  /** PRODUCT.md §2: the intake record is stored. */
  'ticket.registered': payload({ ticket }),
  ...TICKET_DECISION_EVENTS,
  /**
   * Issue 16.3 (003 第五条(三)): the description read as a 110/119/120 emergency and the operator kept
   * the record as an ordinary ticket anyway, saying why. Written with the registration.
   */
  'ticket.emergency_overridden': payload({ number: z.enum(EMERGENCY_NUMBERS), reason: z.string() }),
  /** PRODUCT.md §9: a full number was shown, and why; the number itself is never in the log. */
  'ticket.contact_revealed': payload({ purpose: z.enum(REVEAL_PURPOSES), confidential: z.boolean() }),
  /** 000 三(五): the centre accepted a closing report (the send-back is a decision). */
  'ticket.reply_accepted': payload({ replyAt: instant, unitId: id, note: z.string(), ticket }),
  /** Issue 15.8 (000 三(四), 002 一.6): the unit head's sign-off on the closing report, recorded by the liaison. */
  'ticket.reply_signed_off': payload({ replyAt: instant, unitId: id, signer: z.string(), note: z.string(), ticket }),
  /**
   * Issue 15.9 (PRODUCT.md §2 "editable only by supervisors"): a supervisor corrected the call time,
   * with the reason. No clock starts at the call (they start at dispatch), so no due moves.
   */
  'ticket.call_time_corrected': payload({ previousCallAt: instant, callAt: instant, reason: z.string(), ticket }),
  /**
   * Issue 15.2 / 001 三.1: the ticket was marked urgent (or no longer urgent) with a reason. It then
   * runs under the policy chosen for its source, type and urgency (its newest version): the one
   * change of a ticket's policy during its life; its clocks are recomputed from their start.
   */
  'ticket.urgency_set': payload({
    urgent: z.boolean(),
    reason: z.string(),
    previousPolicy: z.object({ code: z.string(), version: z.number().int() }),
    policy: z.object({ code: z.string(), version: z.number().int() }),
    ticket,
  }),
  'ticket.light_changed': clockNotice,
  'ticket.reminded': clockNotice,
  /**
   * PRODUCT.md §4: a correction of the working-day calendar moved this ticket's due time. One per
   * ticket and correction (the recompute job, server/clock/recompute-dues.ts).
   */
  'ticket.due_recomputed': payload({
    calendarDayId: id,
    date: isoDay,
    /** Set when the change is a year's published schedule confirmed (issue 15); `date` is then its last day. */
    confirmedYear: z.number().int().optional(),
    clock: z.enum(CLOCK_KINDS).nullable(),
    previousDue: instant.nullable(),
    due: instant.nullable(),
    light: z.enum(LIGHTS).nullable(),
    ticket,
  }),
};
