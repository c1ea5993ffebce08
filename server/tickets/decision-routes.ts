/**
 * The supervisor's decision queue (PRODUCT.md §7: "returns and delay requests awaiting a decision",
 * "replies awaiting review") and the acceptance of a reviewed reply. Every other decision is a
 * ticket command (POST /api/tickets/:id/decide-return, designate, send-back-reply, …).
 */
import { Router } from 'express';
import { ZTicketSummarySchema } from '../../shared/schemas/ticket';
import {
  ZAcceptReplyInputSchema,
  ZDecisionsAnswerSchema,
  ZDecisionsQuerySchema,
  ZSignOffReplyInputSchema,
  type DecisionsAnswer,
} from '../../shared/schemas/workspaces';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { acceptReply } from './commands/accept-reply';
import { signOffReply } from './commands/sign-off-reply';
import { readDecisionQueue } from './decision-queue';
import { asSeenBy } from './presenter';
import { ticketChangeHandler } from './ticket-change-handler';

/** Leaders designate units too (001 二.2 报街道主要领导批办), so they see the queue. */
const DECIDERS = roles('supervisor', 'leader');

export function decisionRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/decisions';

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/decisions',
      access: DECIDERS,
      summary: 'Requests and replies awaiting a decision, oldest first, a page at a time, with the counts of the whole queue',
      query: ZDecisionsQuerySchema,
      response: ZDecisionsAnswerSchema,
    },
    async ({ auth, query }): Promise<DecisionsAnswer> => {
      const { items, total, counts } = await readDecisionQueue(ctx.db, query.offset, query.limit);
      // Issue 14 item 7: a leader reads the reasons and replies with numbers masked.
      return { items: items.map((item) => asSeenBy(auth.user, item.ticket, item)), total, counts };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/decisions/replies/:id/accept',
      access: roles('supervisor'),
      summary: 'Accept a reviewed closing report (000 三(五))',
      body: ZAcceptReplyInputSchema,
      response: ZTicketSummarySchema,
    },
    ticketChangeHandler(({ body, ...change }) => acceptReply({ ctx, ...change, note: body.note })),
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/decisions/replies/:id/sign-off',
      access: roles('liaison'),
      summary: "Record the unit head's sign-off on the closing report (000 三(四), 002 一.6)",
      body: ZSignOffReplyInputSchema,
      response: ZTicketSummarySchema,
    },
    ticketChangeHandler(({ body, ...change }) => signOffReply({ ctx, ...change, signer: body.signer, note: body.note })),
  );

  return router;
}
