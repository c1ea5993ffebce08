/**
 * PRODUCT.md §5 / PRODUCT.md §7: cluster alerts (mass complaints) for the wallboard and supervision candidates
 * (repeats without progress). Both are raised at intake (server/repeats); these routes list them.
 */
import { and, desc, gte, inArray } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { clusters, supervisionCandidates, tickets } from '../../db/schema';
import { ZCandidateListAnswerSchema, ZClusterListAnswerSchema } from '../../shared/schemas/clusters';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { presentCandidate, presentCluster } from './present';
import { currentRepeatSettings, DAY_MS, MINUTE_MS } from './settings';

const ZClusterQuerySchema = z.object({
  active: z
    .enum(['0', '1', 'true', 'false'], { error: 'active 应为 0 或 1' })
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  days: z.coerce
    .number({ error: '天数应为1–90' })
    .int({ error: '天数应为1–90' })
    .min(1, { error: '天数应为1–90' })
    .max(90, { error: '天数应为1–90' })
    .default(7),
});
const ZCandidateQuerySchema = z.object({
  days: z.coerce
    .number({ error: '天数应为1–365' })
    .int({ error: '天数应为1–365' })
    .min(1, { error: '天数应为1–365' })
    .max(365, { error: '天数应为1–365' })
    .default(30),
});

export function clusterRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api';

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/clusters',
      access: roles('supervisor', 'leader'),
      summary: 'Cluster alerts (mass complaints); active=1 for the ones still taking calls',
      query: ZClusterQuerySchema,
      response: ZClusterListAnswerSchema,
    },
    async ({ query }) => {
      const now = ctx.now();
      const { settings } = await currentRepeatSettings(ctx.db);
      const windowMs = settings.clusterWindowMinutes * MINUTE_MS;
      const since = new Date(now.getTime() - (query.active ? windowMs : query.days * DAY_MS));
      const rows = await ctx.db.select().from(clusters).where(gte(clusters.lastAt, since)).orderBy(desc(clusters.lastAt)).limit(200);
      const list = rows.map((r) => presentCluster(r, windowMs, now));
      return {
        windowMinutes: settings.clusterWindowMinutes,
        minCallers: settings.clusterMinCallers,
        clusters: query.active ? list.filter((c) => c.active) : list,
      };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/supervision/candidates',
      access: roles('supervisor', 'leader'),
      summary: 'Matters repeated without progress (supervision candidates)',
      query: ZCandidateQuerySchema,
      response: ZCandidateListAnswerSchema,
    },
    async ({ query }) => {
      const since = new Date(ctx.now().getTime() - query.days * DAY_MS);
      const rows = await ctx.db
        .select()
        .from(supervisionCandidates)
        .where(and(gte(supervisionCandidates.updatedAt, since)))
        .orderBy(desc(supervisionCandidates.updatedAt))
        .limit(200);
      const ids = [...new Set(rows.flatMap((r) => r.ticketIds))];
      const refs = ids.length
        ? await ctx.db
            .select({ id: tickets.id, number: tickets.number, state: tickets.state, address: tickets.address })
            .from(tickets)
            .where(inArray(tickets.id, ids))
        : [];
      const addressOf = new Map(refs.map((t) => [t.id, t.address] as const));
      return { candidates: rows.map((r) => presentCandidate(r, refs, addressOf.get(r.ticketId) ?? null)) };
    },
  );

  return router;
}
