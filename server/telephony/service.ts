/**
 * One telephony per running console: the carrier gateway (Twilio REST, or the simulator) that
 * the webhook routes and the call routes share.
 */
import type { Request } from 'express';
import type { AppContext } from '../platform/context';
import { twilioGateway, type CarrierGateway } from './gateway';
import { localBaseUrl, telephonyMode, type TelephonyMode } from './settings';
import { CallSimulator } from './simulator';

export interface Telephony {
  mode: TelephonyMode;
  gateway: CarrierGateway;
  /** Present in simulator mode only. */
  simulator: CallSimulator | null;
  /** Remember where this console listens, for the simulator's loopback requests. */
  noteRequest(req: Request): void;
}

const byContext = new WeakMap<AppContext, Telephony>();

export function telephonyFor(ctx: AppContext): Telephony {
  const existing = byContext.get(ctx);
  if (existing) return existing;
  const mode = telephonyMode(ctx.config);
  const simulator = mode === 'simulator' ? new CallSimulator({ config: ctx.config, logger: ctx.logger, now: ctx.now }) : null;
  const telephony: Telephony = {
    mode,
    gateway: simulator ?? twilioGateway(ctx.config),
    simulator,
    noteRequest: (req) => simulator?.noteSelfUrl(localBaseUrl(req)),
  };
  byContext.set(ctx, telephony);
  return telephony;
}
