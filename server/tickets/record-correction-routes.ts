/** A supervisor's corrections of a ticket's record: its call time (issue 15.9, PRODUCT.md §2) and its urgency (issue 15.2, 001 三.1). */
import { Router } from 'express';
import { ZSetUrgencyInputSchema } from '../../shared/schemas/policies';
import { ZCorrectCallTimeInputSchema, ZTicketSummarySchema } from '../../shared/schemas/ticket';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { correctCallTime } from './commands/correct-call-time';
import { setUrgency } from './commands/set-urgency';
import { ticketChangeHandler } from './ticket-change-handler';

export function recordCorrectionRoutes(ctx: AppContext): Router {
  const router = Router();
  defineRoute(
    router,
    '/api/tickets',
    {
      method: 'post',
      path: '/api/tickets/:id/call-time',
      access: roles('supervisor'),
      summary: 'Correct the call time, with a reason (supervisors; PRODUCT.md §2)',
      body: ZCorrectCallTimeInputSchema,
      response: ZTicketSummarySchema,
    },
    ticketChangeHandler(({ body, ...change }) => correctCallTime({ ctx, ...change, callAt: new Date(body.callAt), reason: body.reason })),
  );
  defineRoute(
    router,
    '/api/tickets',
    {
      method: 'post',
      path: '/api/tickets/:id/urgency',
      access: roles('supervisor'),
      summary: 'Mark a ticket urgent or not, with a reason (001 三.1; its policy follows)',
      body: ZSetUrgencyInputSchema,
      response: ZTicketSummarySchema,
    },
    ticketChangeHandler(({ body, ...change }) => setUrgency({ ctx, ...change, urgent: body.urgent, reason: body.reason })),
  );
  return router;
}
