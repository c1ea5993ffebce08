/**
 * The call status machine, as data and pure functions. Twilio retries callbacks and does not
 * promise their order, so a call is a set of set-once facts (queued, ringing, answered, ended)
 * and its status is derived from them. Applying a signal twice, or a stale one (a 'ringing'
 * after 'completed'), changes nothing; any order of the same signals gives the same record.
 */
import { assertUnreachable } from '../../shared/errors';
import type { CallDirection, CallStatus } from '../../shared/schemas/call';

/** What ended a call, from Twilio's CallStatus or the queue's QueueResult. */
export const END_REASONS = ['completed', 'hangup', 'busy', 'no_answer', 'failed', 'canceled'] as const;
export type EndReason = (typeof END_REASONS)[number];

/** How the citizen's leg of an outbound call went (the Dial action's DialCallStatus). */
export const DIAL_RESULTS = ['completed', 'busy', 'no_answer', 'failed', 'canceled'] as const;
export type DialResult = (typeof DIAL_RESULTS)[number];

export type CallSignal =
  | { kind: 'ringing'; at: Date }
  | { kind: 'queued'; at: Date }
  | { kind: 'answered'; at: Date }
  | { kind: 'ended'; at: Date; reason: EndReason }
  | { kind: 'dial_result'; at: Date; result: DialResult };

export interface CallFacts {
  direction: CallDirection;
  status: CallStatus;
  queuedAt: Date | null;
  ringingAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  endReason: EndReason | null;
  dialResult: DialResult | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
}

/** The facts after a signal, or null when the signal adds nothing (duplicate, stale or late). */
export function applyCallSignal(facts: CallFacts, signal: CallSignal): CallFacts | null {
  const next = { ...facts };
  const endedBefore = (at: Date) => facts.endedAt === null || at.getTime() <= facts.endedAt.getTime();
  switch (signal.kind) {
    case 'ringing':
      // Only news while nothing later is known; a late 'ringing' never moves a call back.
      if (facts.ringingAt || facts.answeredAt || facts.endedAt) return null;
      next.ringingAt = signal.at;
      break;
    case 'queued':
      if (facts.queuedAt || facts.answeredAt || !endedBefore(signal.at)) return null;
      next.queuedAt = signal.at;
      break;
    case 'answered':
      // An answer that happened before the hang-up we already know of is still a fact
      // (callbacks from different legs race); one reported after the end is not.
      if (facts.answeredAt || !endedBefore(signal.at)) return null;
      next.answeredAt = signal.at;
      break;
    case 'ended':
      if (facts.endedAt) return null;
      next.endedAt = signal.at;
      next.endReason = signal.reason;
      break;
    case 'dial_result':
      if (facts.dialResult) return null;
      next.dialResult = signal.result;
      break;
    default:
      return assertUnreachable(signal);
  }
  return derive(next);
}

/** Status and durations from the facts. */
export function derive(f: CallFacts): CallFacts {
  const secs = (from: Date | null, to: Date | null) => (from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null);
  const waitEnd = f.answeredAt ?? f.endedAt;
  return {
    ...f,
    status: deriveStatus(f),
    waitSeconds: f.direction === 'inbound' ? secs(f.queuedAt, waitEnd) : null,
    talkSeconds: secs(f.answeredAt, f.endedAt),
  };
}

export function deriveStatus(f: Pick<CallFacts, 'direction' | 'queuedAt' | 'ringingAt' | 'answeredAt' | 'endedAt' | 'endReason' | 'dialResult'>): CallStatus {
  if (f.endedAt) {
    if (f.direction === 'inbound') {
      if (f.answeredAt) return 'completed';
      // Not answered: the caller gave up, unless the line itself failed (queue full, error).
      return f.endReason === 'failed' ? 'failed' : 'abandoned';
    }
    if (f.dialResult && f.dialResult !== 'completed') return f.dialResult;
    if (f.answeredAt || f.endReason === 'completed' || f.endReason === 'hangup' || !f.endReason) return 'completed';
    return f.endReason;
  }
  if (f.answeredAt) return 'in_progress';
  if (f.direction === 'inbound') return f.queuedAt ? 'queued' : 'ringing';
  return f.ringingAt ? 'ringing' : 'initiated';
}

/** The live event a status change publishes (`call.<verb>`). */
export function callEventType(status: CallStatus): 'call.dialing' | 'call.ringing' | 'call.queued' | 'call.answered' | 'call.abandoned' | 'call.ended' {
  switch (status) {
    case 'initiated':
      return 'call.dialing';
    case 'ringing':
      return 'call.ringing';
    case 'queued':
      return 'call.queued';
    case 'in_progress':
      return 'call.answered';
    case 'abandoned':
      return 'call.abandoned';
    case 'completed':
    case 'busy':
    case 'no_answer':
    case 'failed':
    case 'canceled':
      return 'call.ended';
    default:
      return assertUnreachable(status);
  }
}

/** Twilio's CallStatus → a signal. An inbound call's own 'in-progress' only means our TwiML answered it. */
export function signalFromTwilioStatus(status: string, direction: CallDirection, at: Date): CallSignal | null {
  switch (status) {
    case 'queued':
    case 'initiated':
      return null;
    case 'ringing':
      return { kind: 'ringing', at };
    case 'in-progress':
      return direction === 'outbound' ? { kind: 'answered', at } : null;
    case 'completed':
      return { kind: 'ended', at, reason: 'completed' };
    case 'busy':
      return { kind: 'ended', at, reason: 'busy' };
    case 'no-answer':
      return { kind: 'ended', at, reason: 'no_answer' };
    case 'failed':
      return { kind: 'ended', at, reason: 'failed' };
    case 'canceled':
      return { kind: 'ended', at, reason: 'canceled' };
    default:
      return null;
  }
}

/** The Enqueue action's QueueResult → a signal (bridged = an operator took it; hangup = abandoned). */
export function signalFromQueueResult(result: string, at: Date): CallSignal | null {
  switch (result) {
    case 'bridged':
      return { kind: 'answered', at };
    case 'hangup':
      return { kind: 'ended', at, reason: 'hangup' };
    case 'queue-full':
    case 'error':
    case 'system-error':
      return { kind: 'ended', at, reason: 'failed' };
    default:
      // redirected (claimed and sent to an operator), leave, bridging-in-process: nothing to record.
      return null;
  }
}

export function dialResultFrom(dialCallStatus: string): DialResult | null {
  const map: Record<string, DialResult> = {
    completed: 'completed',
    answered: 'completed',
    busy: 'busy',
    'no-answer': 'no_answer',
    failed: 'failed',
    canceled: 'canceled',
  };
  return map[dialCallStatus] ?? null;
}
