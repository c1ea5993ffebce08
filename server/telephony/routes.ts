import { Router } from 'express';
import type { AppContext } from '../context';

/** Twilio webhooks and call actions (SPEC 8). Filled in by the telephony work. */
export function telephonyRoutes(_ctx: AppContext): Router {
  return Router();
}
