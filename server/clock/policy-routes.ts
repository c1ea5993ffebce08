/** SLA policies (PRODUCT.md §4): read by everyone, edited by supervisors as new versions. */
import { asc, desc } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { slaPolicies } from '../../db/schema';
import { ZSlaPolicySchema, type TSlaPolicy } from '../../shared/clock/policy-schema';
import { AppError } from '../../shared/errors';
import { ZPolicyListSchema, ZPublishedPolicySchema } from '../../shared/schemas/policies';
import type { AppContext } from '../platform/context';
import { ANY_USER, defineRoute, roles } from '../platform/define-route';
import { publishPolicyVersion } from './commands/publish-policy-version';

const ZNewVersionSchema = ZSlaPolicySchema.omit({ code: true, version: true });

export function policyRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/policies';

  defineRoute(
    router,
    mount,
    { method: 'get', path: '/api/policies', access: ANY_USER, summary: 'SLA policies, every version', response: ZPolicyListSchema },
    async () => {
      const rows = await ctx.db.select().from(slaPolicies).orderBy(asc(slaPolicies.code), desc(slaPolicies.version));
      return rows.map((r) => ({
        code: r.code,
        version: r.version,
        definition: r.definition as TSlaPolicy,
        createdAt: r.createdAt.toISOString(),
        createdBy: r.createdBy,
      }));
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/policies/:code',
      raises: [],
      access: roles('supervisor'),
      summary: 'Publish a new version of a policy',
      body: ZNewVersionSchema,
      response: ZPublishedPolicySchema,
      status: 201,
    },
    async ({ body, params, auth }) => {
      const code = z
        .string()
        .regex(/^[a-z][a-z0-9_]{1,47}$/)
        .safeParse(params.code);
      if (!code.success) throw new AppError('validation_failed', '输入有误：策略代码不正确', { code: '策略代码应为小写字母、数字和下划线' });
      const created = await publishPolicyVersion({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), code: code.data, definition: body });
      return { code: created.code, version: created.version, definition: created.definition as TSlaPolicy };
    },
  );

  return router;
}
