/** Shared boundaries of the call API (PRODUCT.md §8): the server validates with them, the client types with them. */
import { z } from 'zod';
import { rowId } from './ids';
import { ZPhoneSchema, ZTicketSummarySchema } from './ticket';

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/**
 * A call's status, derived from its facts. `queued`: waiting for an operator; `abandoned`: the
 * caller hung up while queued (lands in the call-back queue).
 */
export const CALL_STATUSES = ['initiated', 'ringing', 'queued', 'in_progress', 'completed', 'abandoned', 'busy', 'no_answer', 'failed', 'canceled'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const TERMINAL_CALL_STATUSES: readonly CallStatus[] = ['completed', 'abandoned', 'busy', 'no_answer', 'failed', 'canceled'];

/** A call as lists and live events carry it: the citizen's number masked (PRODUCT.md §9). */
export const ZCallViewSchema = z.object({
  id: z.number().int(),
  direction: z.enum(CALL_DIRECTIONS),
  status: z.enum(CALL_STATUSES),
  /** Rises with every change: a late event never overwrites a newer state. */
  version: z.number().int(),
  simulated: z.boolean(),
  citizenPhoneMasked: z.string().nullable(),
  queuedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  waitSeconds: z.number().nullable(),
  talkSeconds: z.number().nullable(),
  claimedBy: z.number().int().nullable(),
  claimedByName: z.string().nullable(),
  ticketId: z.number().int().nullable(),
  callbackOf: z.number().int().nullable(),
  callbackCallId: z.number().int().nullable(),
  requestedBy: z.number().int().nullable(),
  createdAt: z.string(),
});
export type TCallView = z.output<typeof ZCallViewSchema>;
/** The same type under the name the server and older code use. */
export type CallView = TCallView;

/** A call with the caller's full number, for the people answering it (null when withheld). */
export const ZCallWithPhoneSchema = ZCallViewSchema.extend({ citizenPhone: z.string().nullable() });

/** The screen pop: the full caller number for the people answering, and the caller's history. */
export const ZCallDetailSchema = z.object({
  call: ZCallWithPhoneSchema,
  history: z.object({ tickets: z.array(ZTicketSummarySchema), calls: z.array(ZCallViewSchema) }),
});
export type CallDetail = z.output<typeof ZCallDetailSchema>;

/** GET /api/calls. */
export const ZCallListAnswerSchema = z.object({
  /** Stream position the snapshot was read at; later changes arrive as live events. */
  seq: z.number().int().min(0),
  /** Waiting and active calls, and abandoned calls not yet called back. */
  calls: z.array(ZCallViewSchema),
});
export type CallListAnswer = z.output<typeof ZCallListAnswerSchema>;

/** POST /api/calls/:id/claim: the call taken, with the caller's number for the intake record. */
export const ZClaimCallAnswerSchema = z.object({ call: ZCallWithPhoneSchema });
export type TClaimCallAnswer = z.output<typeof ZClaimCallAnswerSchema>;

/** POST /api/calls/outbound (click to call) and /api/calls/:id/callback. */
export const ZCallAnswerSchema = z.object({ call: ZCallViewSchema });
export type TCallAnswer = z.output<typeof ZCallAnswerSchema>;

/** GET /api/calls/voice-token. */
export const ZTelephonyInfoSchema = z.object({
  mode: z.enum(['twilio', 'simulator']),
  /** A Twilio access token for the browser softphone (twilio mode with an API key and TwiML app). */
  token: z.string().nullable(),
  identity: z.string(),
});
export type TelephonyInfo = z.output<typeof ZTelephonyInfoSchema>;

/** GET /api/calls/stats: today's call figures. */
export const ZCallStatsSchema = z.object({
  offered: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  answeredWithinTarget: z.number().int(),
  /** answeredWithinTarget / offered; null with no calls offered. */
  serviceLevel: z.number().nullable(),
  /** Average speed of answer in seconds; null with no answered calls. */
  averageSpeedOfAnswer: z.number().nullable(),
  waitingNow: z.number().int(),
  longestWaitSeconds: z.number().nullable(),
  /** Seconds within which an answer counts for the service level (20). */
  targetSeconds: z.number(),
});
export type CallStats = z.output<typeof ZCallStatsSchema>;

/** The simulator's answer to a citizen's call (POST /api/calls/simulator/inbound, /telephony/simulator/calls). */
export const ZSimulatedCallAnswerSchema = z.object({ callSid: z.string() });

export const ZClaimCallSchema = z.object({
  /** browser: the softphone rings; desk: the operator answers on a desk phone. */
  via: z.enum(['browser', 'desk'], { error: '接听方式应为浏览器或座机' }).default('desk'),
  /** A desk phone Twilio should connect the caller to (optional). */
  deskPhone: ZPhoneSchema.optional(),
});
export type TClaimCallInput = z.input<typeof ZClaimCallSchema>;

export const ZOutboundCallSchema = z.object({
  ticketId: rowId('工单不正确'),
  /** The staff member's own phone; without it the browser softphone is called. */
  agentPhone: ZPhoneSchema.optional(),
});
export type TOutboundCallInput = z.input<typeof ZOutboundCallSchema>;

export const ZCallbackSchema = z.object({
  agentPhone: ZPhoneSchema.optional(),
});

const seconds = (label: string) =>
  z.coerce
    .number({ error: `${label}应为秒数` })
    .int({ error: `${label}应为整数秒` })
    .min(1, { error: `${label}至少1秒` })
    .max(3600, { error: `${label}不能超过3600秒` });

export const ZSimulateCallSchema = z.object({
  from: ZPhoneSchema,
  /** The simulated caller hangs up after this many seconds in the queue unless taken first. */
  abandonAfter: seconds('放弃等待时间').optional(),
  /** Seconds of conversation once an operator takes the call. */
  talk: seconds('通话时长').optional(),
});
export type TSimulateCallInput = z.input<typeof ZSimulateCallSchema>;
