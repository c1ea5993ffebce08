/**
 * Issue 16.6 (PRODUCT.md §7): the search box of every staff screen. POST, not GET: a phone number
 * or a citizen's words never sit in a URL, a proxy's log or the request log (docs/decisions/privacy.md).
 */
import { Router } from 'express';
import type { Role } from '../../shared/domain';
import { ZSearchInputSchema, ZSearchAnswerSchema } from '../../shared/schemas/search';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { searchTickets } from './search-tickets';

/** The staff roles that read tickets; a person with several is logged under the first that reads them all. */
const SEARCHERS: Role[] = ['operator', 'revisit', 'supervisor', 'leader', 'liaison'];

export function searchRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/search';

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/search',
      raises: [],
      access: roles(...SEARCHERS),
      summary: 'Find tickets by number, full phone number (logged), or words of the address and description',
      body: ZSearchInputSchema,
      response: ZSearchAnswerSchema,
    },
    async ({ auth, body }) => {
      const actorRole = SEARCHERS.find((r) => auth.user.roles.includes(r)) ?? 'liaison';
      return searchTickets({ db: ctx.db, live: ctx.live, user: auth.user, actorRole, q: body.q, limit: body.limit, now: ctx.now() });
    },
  );

  return router;
}
