/**
 * Telephony (PRODUCT.md §8): one row per call leg the line tracks, and the append-only log of every
 * webhook and status callback Twilio (or the simulator) sent about it.
 *
 * A call's outcome is derived from set-once facts (queued, answered, ended), never from the
 * order callbacks arrive in: see server/telephony/call-status.ts and docs/decisions/telephony.md.
 */
import { bigserial, boolean, index, integer, jsonb, pgTable, serial, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { tickets, users } from './schema-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const calls = pgTable(
  'calls',
  {
    id: serial('id').primaryKey(),
    /** Twilio's CallSid (CA…); `pending-…` for an outbound call until Twilio answers the create request. */
    callSid: text('call_sid').notNull().unique(),
    /** inbound | outbound */
    direction: text('direction').notNull(),
    fromNumber: text('from_number').notNull(),
    toNumber: text('to_number').notNull(),
    /** The citizen's number in local form (13812345678, 02162112345): caller history and call-backs. */
    citizenPhone: text('citizen_phone'),
    /** Derived from the facts below (server/telephony/call-status.ts). */
    status: text('status').notNull(),
    /** Bumped on every change; live screens apply a call by version. */
    version: integer('version').notNull().default(1),
    /** Placed by the built-in simulator, not by Twilio. */
    simulated: boolean('simulated').notNull().default(false),
    queuedAt: at('queued_at'),
    ringingAt: at('ringing_at'),
    answeredAt: at('answered_at'),
    endedAt: at('ended_at'),
    /** completed | hangup | busy | no_answer | failed | canceled (what ended the call). */
    endReason: text('end_reason'),
    /** Outbound: how the citizen's leg went (the Dial action's DialCallStatus). */
    dialResult: text('dial_result'),
    waitSeconds: integer('wait_seconds'),
    talkSeconds: integer('talk_seconds'),
    /** The operator who took the call; set once by an atomic UPDATE … WHERE claimed_by IS NULL. */
    claimedBy: integer('claimed_by').references(() => users.id),
    claimedAt: at('claimed_at'),
    /** The (first) ticket logged from this call, or the ticket an outbound call was made for. */
    ticketId: integer('ticket_id').references(() => tickets.id),
    /** Outbound: who clicked to call. */
    requestedBy: integer('requested_by').references(() => users.id),
    /** Outbound: the abandoned call this one calls back. */
    callbackOf: integer('callback_of').references((): AnyPgColumn => calls.id),
    /** Abandoned inbound: the outbound call that called the citizen back (leaves the call-back queue). */
    callbackCallId: integer('callback_call_id').references((): AnyPgColumn => calls.id),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('calls_status_idx').on(t.status),
    index('calls_citizen_phone_idx').on(t.citizenPhone, t.id),
    index('calls_queued_at_idx').on(t.queuedAt),
    index('calls_ticket_idx').on(t.ticketId),
  ],
);

/**
 * Every signed request about a call, as received. `dedupe_key` (a hash of the path and the
 * sorted parameters) makes a retried callback a no-op: Twilio retries, and the same callback
 * twice must change nothing.
 */
export const callStatusEvents = pgTable(
  'call_status_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    callId: integer('call_id').references(() => calls.id),
    callSid: text('call_sid').notNull(),
    /** voice | status | queue | dial | child */
    source: text('source').notNull(),
    twilioStatus: text('twilio_status'),
    dedupeKey: text('dedupe_key').notNull().unique(),
    params: jsonb('params').notNull(),
    /** Whether it changed the call (false: late, out of order, or nothing new). */
    applied: boolean('applied').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [index('call_status_events_call_idx').on(t.callId, t.id)],
);
