/**
 * Events of a call (PRODUCT.md §8). Every one carries the call as lists show it (number masked). The
 * status events (`call.ringing` … `call.ended`, `call.updated`) are written when Twilio or the
 * simulator says something changed, with the callback that said it (`source`).
 */
import { z } from 'zod';
import { id, payload } from './fields';
import { ZCallViewSchema } from './views';

const call = ZCallViewSchema;

/** Which callback reported the change (server/telephony/commands/record-call-signal.ts). */
export const CALLBACK_SOURCES = ['voice', 'status', 'queue', 'dial', 'child'] as const;
export type CallbackSource = (typeof CALLBACK_SOURCES)[number];

const signalled = payload({ call, source: z.enum(CALLBACK_SOURCES) });

/** Why a caller's full number was shown: the screen pop of a waiting or taken call, or the answer to taking it. */
export const CALLER_NUMBER_PURPOSES = ['screen_pop', 'taken'] as const;
export type CallerNumberPurpose = (typeof CALLER_NUMBER_PURPOSES)[number];

export const CALL_EVENTS = {
  /** An operator took a waiting call (browser softphone or desk phone). */
  'call.claimed': payload({ call, via: z.enum(['browser', 'desk']) }),
  /** A claimed call went back to the queue (the operator let go, or nobody answered). */
  'call.released': payload({ call }),
  /** The intake record taken from the call was saved: the call names its ticket. */
  'call.linked': payload({ call, ticketNumber: z.string() }),
  /**
   * An outbound call starts: placed by staff (`via`: their desk phone or browser), or first
   * heard of in a callback (`source`).
   */
  'call.dialing': z.union([payload({ call, via: z.enum(['phone', 'browser']) }), signalled]),
  /** An abandoned call was called back by `callbackCallId`. */
  'call.called_back': payload({ call, callbackCallId: id }),
  'call.ringing': signalled,
  'call.queued': signalled,
  'call.answered': signalled,
  'call.abandoned': signalled,
  'call.ended': signalled,
  /** Facts changed without a new status (e.g. the Dial result of an outbound call). */
  'call.updated': signalled,
  /** PRODUCT.md §9: a caller's full number was shown to this actor, and why; the number is never in the log. */
  'call.number_revealed': payload({ callId: id, purpose: z.enum(CALLER_NUMBER_PURPOSES) }),
};
