/**
 * Operator presence (PRODUCT.md §7): the operator sets available / on a call / wrap-up / break;
 * offline is derived from their console being closed (server/presence/presence.ts). Every
 * change is a `presence.changed` event to supervisors, leaders and operators.
 */
import { Router } from 'express';
import { type PresenceView, ZPresenceInputSchema, ZPresenceListAnswerSchema, ZPresenceViewSchema } from '../../shared/schemas/presence';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { choosePresence, listPresence } from './presence';

export function presenceRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/presence';
  const deps = { db: ctx.db, live: ctx.live, now: ctx.now };

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/presence',
      access: roles('operator', 'supervisor', 'leader'),
      summary: 'Every operator with their status now',
      response: ZPresenceListAnswerSchema,
    },
    async (): Promise<{ operators: PresenceView[] }> => ({
      operators: await listPresence(ctx.db),
    }),
  );

  defineRoute(
    router,
    mount,
    {
      method: 'put',
      path: '/api/presence',
      raises: [],
      access: roles('operator'),
      summary: "Set the operator's own status (available, on_call, wrap_up, break)",
      response: ZPresenceViewSchema,
      body: ZPresenceInputSchema,
    },
    async ({ auth, body }) => choosePresence(deps, auth.user, body.status),
  );

  return router;
}
