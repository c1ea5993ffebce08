import { Router } from 'express';
import type { AppContext } from '../context';

/** Operator-facing call actions under /api/calls (SPEC 8). Filled in by the telephony work. */
export function callRoutes(_ctx: AppContext): Router {
  return Router();
}
