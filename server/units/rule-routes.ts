/**
 * 000 四 派单规则: the dispatch rule table, versioned as a whole and edited by supervisors. Every
 * new version is an audited event; tickets keep the version their category was confirmed under
 * (tickets.rule_version).
 */
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { dispatchRules, units, users } from '../../db/schema';
import { CATEGORY_CODES } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { ZDispatchRuleTableInputSchema, ZRulePublishAnswerSchema, ZRuleTableViewSchema, ZRuleVersionListSchema } from '../../shared/schemas/rules';
import { categoryLabel } from '../classify/suggest';
import type { AppContext } from '../platform/context';
import { ANY_USER, defineRoute, roles } from '../platform/define-route';
import { publishDispatchRules } from './commands/publish-dispatch-rules';
import { byCategory, changesBetween, type Rule } from './rule-versions';

export function ruleRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api';

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/dispatch-rules/versions',
      access: ANY_USER,
      summary: 'Every version of the dispatch rule table: who, when, what changed',
      response: ZRuleVersionListSchema,
    },
    async () => {
      const rows = await ctx.db.select().from(dispatchRules).orderBy(asc(dispatchRules.version));
      const authors = await authorNames(
        ctx,
        rows.map((r) => r.createdBy),
      );
      const versions = [...new Set(rows.map((r) => r.version))];
      let previous = new Map<string, Rule>();
      const list = versions.map((version) => {
        const of = rows.filter((r) => r.version === version);
        const first = firstRow(of);
        const current = byCategory(of);
        const entry = {
          version,
          createdAt: first.createdAt.toISOString(),
          createdBy: first.createdBy === null ? null : { id: first.createdBy, name: authors.get(first.createdBy) ?? null },
          changes: previous.size ? changesBetween(previous, current) : [],
        };
        previous = current;
        return entry;
      });
      return list.reverse();
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/dispatch-rules/versions/:version',
      access: ANY_USER,
      summary: 'One version of the dispatch rule table (or "latest"), with unit names and category labels',
      response: ZRuleTableViewSchema,
    },
    async ({ params }) => {
      const asked = params.version === 'latest' ? null : z.coerce.number().int().positive().max(2_147_483_647).safeParse(params.version);
      if (asked && !asked.success) throw new AppError('not_found', '派单规则版本不存在');
      const version = asked
        ? asked.data
        : ((await ctx.db.select({ v: dispatchRules.version }).from(dispatchRules).orderBy(desc(dispatchRules.version)).limit(1))[0]?.v ?? 0);
      const rows = await ctx.db.select().from(dispatchRules).where(eq(dispatchRules.version, version));
      const [first] = rows;
      if (!first) throw new AppError('not_found', '派单规则版本不存在');
      const ids = [...new Set(rows.flatMap((r) => [...(r.leadUnitId ? [r.leadUnitId] : []), ...r.assistUnitIds]))];
      const named = ids.length ? await ctx.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids)) : [];
      const nameOf = new Map(named.map((u) => [u.id, u.name] as const));
      const authors = await authorNames(ctx, [first.createdBy]);
      const byCode = byCategory(rows);
      return {
        version,
        createdAt: first.createdAt.toISOString(),
        createdBy: first.createdBy === null ? null : { id: first.createdBy, name: authors.get(first.createdBy) ?? null },
        rules: CATEGORY_CODES.flatMap((code) => {
          const rule = byCode.get(code);
          if (!rule) return [];
          return {
            categoryCode: code,
            label: categoryLabel(code),
            leadUnitId: rule.leadUnitId,
            lead: rule.leadUnitId === null ? null : { id: rule.leadUnitId, name: nameOf.get(rule.leadUnitId) ?? null },
            assistUnitIds: rule.assistUnitIds,
            assist: rule.assistUnitIds.map((id) => ({ id, name: nameOf.get(id) ?? null })),
          };
        }),
      };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/dispatch-rules',
      raises: ['version_conflict'],
      access: roles('supervisor'),
      summary: 'Publish a new version of the dispatch rule table (audited)',
      response: ZRulePublishAnswerSchema,
      body: ZDispatchRuleTableInputSchema,
      status: 201,
    },
    async ({ body, auth }) =>
      publishDispatchRules({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), baseVersion: body.baseVersion, rules: body.rules }),
  );

  return router;
}

/** The rows of one version share its author and time. */
function firstRow<T>(rows: T[]): T {
  const [first] = rows;
  if (!first) throw new Error('a rule version without rows');
  return first;
}

async function authorNames(ctx: AppContext, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name] as const));
}
