/** Issue 15.9: the supervisor's correction of a ticket's call time (PRODUCT.md §2). */
import { Router } from 'express';
import { AppError } from '../../shared/errors';
import { ZIdParamSchema } from '../../shared/schemas/ids';
import { ZCorrectCallTimeInputSchema } from '../../shared/schemas/ticket';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { correctCallTime } from './commands/correct-call-time';
import { presentTicketSummary } from './presenter';

export function callTimeRoutes(ctx: AppContext): Router {
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
    },
    async ({ auth, params, body }) => {
      const id = ZIdParamSchema.safeParse(params.id);
      if (!id.success) throw new AppError('not_found', '工单不存在');
      const row = await correctCallTime({
        ctx,
        actor: auth.user,
        ticketId: id.data,
        expectedVersion: body.version,
        callAt: new Date(body.callAt),
        reason: body.reason,
      });
      return presentTicketSummary(row);
    },
  );
  return router;
}
