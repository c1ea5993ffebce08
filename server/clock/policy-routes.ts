/** SLA policies (SPEC 4): read by everyone, edited by supervisors as new versions. */
import { asc, desc, eq } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { slaPolicies } from '../../db/schema';
import { ZSlaPolicySchema } from '../../shared/clock/policy-schema';
import { AppError } from '../../shared/errors';
import { appendEvents } from '../platform/append-events';
import type { AppContext } from '../platform/context';
import { ANY_USER, defineRoute, roles } from '../platform/define-route';
import { roleRoom } from '../platform/live/rooms';

const ZNewVersionSchema = ZSlaPolicySchema.omit({ code: true, version: true });

export function policyRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/policies';

  defineRoute(router, mount, { method: 'get', path: '/api/policies', access: ANY_USER, summary: 'SLA policies, every version' }, async () => {
    const rows = await ctx.db.select().from(slaPolicies).orderBy(asc(slaPolicies.code), desc(slaPolicies.version));
    return rows.map((r) => ({ code: r.code, version: r.version, definition: r.definition, createdAt: r.createdAt.toISOString(), createdBy: r.createdBy }));
  });

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/policies/:code',
      access: roles('supervisor'),
      summary: 'Publish a new version of a policy',
      body: ZNewVersionSchema,
      status: 201,
    },
    async ({ body, params, auth }) => {
      const code = z
        .string()
        .regex(/^[a-z][a-z0-9_]{1,47}$/)
        .safeParse(params.code);
      if (!code.success) throw new AppError('validation_failed', '输入有误：策略代码不正确', { code: '策略代码应为小写字母、数字和下划线' });
      const now = ctx.now();
      const { created, published } = await ctx.db.transaction(async (tx) => {
        // Lock the policy's rows so two supervisors cannot publish the same version number.
        const [latest] = await tx.select().from(slaPolicies).where(eq(slaPolicies.code, code.data)).orderBy(desc(slaPolicies.version)).limit(1).for('update');
        const definition = ZSlaPolicySchema.parse({ ...body, code: code.data, version: (latest?.version ?? 0) + 1 });
        const [row] = await tx
          .insert(slaPolicies)
          .values({ code: definition.code, version: definition.version, definition, createdAt: now, createdBy: auth.user.id })
          .returning();
        const events = await appendEvents(tx, [
          {
            type: 'policy.versioned',
            actorId: auth.user.id,
            actorRole: 'supervisor',
            at: now,
            payload: { code: definition.code, version: definition.version },
            rooms: [roleRoom('supervisor')],
          },
        ]);
        return { created: row!, published: events };
      });
      ctx.live.publish(published);
      return { code: created.code, version: created.version, definition: created.definition };
    },
  );

  return router;
}
