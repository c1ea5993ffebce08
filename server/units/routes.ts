/** Reference data the console needs on every screen: the units and the dispatch rule table. */
import { asc, desc, eq } from 'drizzle-orm';
import { Router } from 'express';
import { dispatchRules, units } from '../../db/schema';
import { ZDispatchRuleTableAnswerSchema } from '../../shared/schemas/rules';
import { ZUnitListSchema } from '../../shared/schemas/units';
import type { AppContext } from '../platform/context';
import { ANY_USER, defineRoute } from '../platform/define-route';

export function unitRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api';

  defineRoute(router, mount, { method: 'get', path: '/api/units', access: ANY_USER, summary: 'Handling units', response: ZUnitListSchema }, async () => {
    const rows = await ctx.db.select().from(units).where(eq(units.active, true)).orderBy(asc(units.kind), asc(units.id));
    return rows.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind }));
  });

  defineRoute(
    router,
    mount,
    { method: 'get', path: '/api/dispatch-rules', access: ANY_USER, summary: 'The current dispatch rule table', response: ZDispatchRuleTableAnswerSchema },
    async () => {
      const [latest] = await ctx.db.select({ version: dispatchRules.version }).from(dispatchRules).orderBy(desc(dispatchRules.version)).limit(1);
      if (!latest) return { version: 0, rules: [] };
      const rows = await ctx.db.select().from(dispatchRules).where(eq(dispatchRules.version, latest.version));
      return {
        version: latest.version,
        rules: rows.map((r) => ({ categoryCode: r.categoryCode, leadUnitId: r.leadUnitId, assistUnitIds: r.assistUnitIds })),
      };
    },
  );

  return router;
}
