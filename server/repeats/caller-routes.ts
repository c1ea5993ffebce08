/** PRODUCT.md §5 "shown to the operator during the call (caller history screen pop)". */
import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { ZCallerHistorySchema } from '../../shared/schemas/suggest';
import { ZPhoneSchema } from '../../shared/schemas/ticket';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { callerHistory } from './caller-history';

/** A body, never a query string: a number in a URL ends up in logs and proxies (docs/decisions/privacy.md). */
const ZHistoryRequestSchema = z.object({
  phone: ZPhoneSchema.optional(),
  address: z.string({ error: '诉求地址应为文字' }).trim().min(2, { error: '诉求地址至少2个字' }).max(200, { error: '诉求地址不能超过200个字' }).optional(),
  limit: z.coerce
    .number({ error: '数量应为1–50' })
    .int({ error: '数量应为1–50' })
    .min(1, { error: '数量应为1–50' })
    .max(50, { error: '数量应为1–50' })
    .default(20),
});

export function callerRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/callers';

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/callers/history',
      raises: [],
      access: roles('operator', 'supervisor'),
      summary: "A caller's earlier tickets and recent ones at the address (masked)",
      response: ZCallerHistorySchema,
      body: ZHistoryRequestSchema,
    },
    async ({ body }) => {
      if (!body.phone && !body.address) {
        throw new AppError('validation_failed', '输入有误：请提供来电号码或诉求地址', { phone: '请提供来电号码或诉求地址' });
      }
      return callerHistory(ctx.db, { phone: body.phone, address: body.address, now: ctx.now(), limit: body.limit });
    },
  );

  return router;
}
