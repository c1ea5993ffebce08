/**
 * 000 四 派单规则: the dispatch rule table, versioned as a whole and edited by supervisors. Every
 * new version is an audited event; tickets keep the version their category was confirmed under
 * (tickets.rule_version).
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import type { Tx } from '../../db/client';
import { dispatchRules, units, users } from '../../db/schema';
import { isCategoryCode } from '../../shared/classify/labelled-examples';
import { CATEGORY_CODES, type CategoryCode } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { ZDispatchRuleTableInputSchema, type TDispatchRule } from '../../shared/schemas/rules';
import { categoryLabel } from '../classify/suggest';
import { forgetRuleTable } from '../classify/suggester';
import { appendEvents } from '../platform/append-events';
import type { AppContext } from '../platform/context';
import { ANY_USER, defineRoute, roles } from '../platform/define-route';
import { roleRoom } from '../platform/live/rooms';

/** Serialises publishing, so two supervisors cannot both build on the same version. */
const RULES_LOCK = 62112347;

type RuleRow = typeof dispatchRules.$inferSelect;
interface Rule {
  leadUnitId: number | null;
  assistUnitIds: number[];
}

const sameRule = (a: Rule | undefined, b: Rule | undefined) =>
  (a?.leadUnitId ?? null) === (b?.leadUnitId ?? null) &&
  JSON.stringify([...(a?.assistUnitIds ?? [])].sort()) === JSON.stringify([...(b?.assistUnitIds ?? [])].sort());

/** Categories whose lead or assisting units differ between two versions, in CATEGORY_CODES order. */
function changesBetween(before: Map<string, Rule>, after: Map<string, Rule>) {
  return CATEGORY_CODES.filter((code) => !sameRule(before.get(code), after.get(code))).map((code) => ({
    categoryCode: code,
    before: before.get(code) ?? null,
    after: after.get(code) ?? null,
  }));
}

const byCategory = (rows: RuleRow[]) => new Map(rows.map((r) => [r.categoryCode, { leadUnitId: r.leadUnitId, assistUnitIds: r.assistUnitIds }] as const));

export function ruleRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api';

  defineRoute(
    router,
    mount,
    { method: 'get', path: '/api/dispatch-rules/versions', access: ANY_USER, summary: 'Every version of the dispatch rule table: who, when, what changed' },
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
        const current = byCategory(of);
        const entry = {
          version,
          createdAt: of[0]!.createdAt.toISOString(),
          createdBy: of[0]!.createdBy === null ? null : { id: of[0]!.createdBy, name: authors.get(of[0]!.createdBy) ?? null },
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
    },
    async ({ params }) => {
      const asked = params.version === 'latest' ? null : z.coerce.number().int().positive().max(2_147_483_647).safeParse(params.version);
      if (asked && !asked.success) throw new AppError('not_found', '派单规则版本不存在');
      const version = asked
        ? asked.data
        : ((await ctx.db.select({ v: dispatchRules.version }).from(dispatchRules).orderBy(desc(dispatchRules.version)).limit(1))[0]?.v ?? 0);
      const rows = await ctx.db.select().from(dispatchRules).where(eq(dispatchRules.version, version));
      if (!rows.length) throw new AppError('not_found', '派单规则版本不存在');
      const ids = [...new Set(rows.flatMap((r) => [...(r.leadUnitId ? [r.leadUnitId] : []), ...r.assistUnitIds]))];
      const named = ids.length ? await ctx.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids)) : [];
      const nameOf = new Map(named.map((u) => [u.id, u.name] as const));
      const authors = await authorNames(ctx, [rows[0]!.createdBy]);
      const byCode = byCategory(rows);
      return {
        version,
        createdAt: rows[0]!.createdAt.toISOString(),
        createdBy: rows[0]!.createdBy === null ? null : { id: rows[0]!.createdBy, name: authors.get(rows[0]!.createdBy) ?? null },
        rules: CATEGORY_CODES.filter((code) => byCode.has(code)).map((code) => {
          const rule = byCode.get(code)!;
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
      access: roles('supervisor'),
      summary: 'Publish a new version of the dispatch rule table (audited)',
      body: ZDispatchRuleTableInputSchema,
      status: 201,
    },
    async ({ body, auth }) => {
      const now = ctx.now();
      const { version, changes, published } = await ctx.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${RULES_LOCK})`);
        const [latest] = await tx.select({ v: dispatchRules.version }).from(dispatchRules).orderBy(desc(dispatchRules.version)).limit(1);
        const current = latest?.v ?? 0;
        if (body.baseVersion !== current) {
          throw new AppError('version_conflict', `派单规则已被他人更新为 v${current}，请刷新后再修改`, { baseVersion: `当前版本为 v${current}` });
        }
        await checkRuleUnits(tx, body.rules);
        const before = byCategory(await tx.select().from(dispatchRules).where(eq(dispatchRules.version, current)));
        const after = new Map(body.rules.map((r) => [r.categoryCode, { leadUnitId: r.leadUnitId, assistUnitIds: r.assistUnitIds }] as const));
        const changes = changesBetween(before, after);
        if (current > 0 && changes.length === 0) throw new AppError('validation_failed', '输入有误：派单规则没有修改', { rules: '没有修改' });
        const version = current + 1;
        await tx.insert(dispatchRules).values(
          CATEGORY_CODES.map((code) => ({
            version,
            categoryCode: code,
            leadUnitId: after.get(code)!.leadUnitId,
            assistUnitIds: after.get(code)!.assistUnitIds,
            createdAt: now,
            createdBy: auth.user.id,
          })),
        );
        const published = await appendEvents(tx, [
          {
            type: 'dispatch_rules.versioned',
            actorId: auth.user.id,
            actorRole: 'supervisor',
            at: now,
            payload: { version, previousVersion: current, changes },
            // Operators' intake forms suggest from the table; supervisors and leaders watch it.
            rooms: [roleRoom('supervisor'), roleRoom('operator'), roleRoom('leader')],
          },
        ]);
        return { version, changes, published };
      });
      forgetRuleTable(ctx.db);
      ctx.live.publish(published);
      return { version, changes };
    },
  );

  return router;
}

async function checkRuleUnits(tx: Tx, rules: TDispatchRule[]) {
  const ids = [...new Set(rules.flatMap((r) => [...(r.leadUnitId ? [r.leadUnitId] : []), ...r.assistUnitIds]))];
  const found = ids.length
    ? await tx
        .select({ id: units.id })
        .from(units)
        .where(and(inArray(units.id, ids), eq(units.active, true)))
    : [];
  const known = new Set(found.map((u) => u.id));
  const fields: Record<string, string> = {};
  rules.forEach((r, i) => {
    if (r.leadUnitId !== null && !known.has(r.leadUnitId)) fields[`rules.${i}.leadUnitId`] = '承办单位不存在';
    if (r.assistUnitIds.some((id) => !known.has(id))) fields[`rules.${i}.assistUnitIds`] = '协办单位不存在';
  });
  const first = Object.entries(fields)[0];
  if (first) {
    const code = rules[Number(first[0].split('.')[1])]?.categoryCode;
    throw new AppError('validation_failed', `输入有误：${code && isCategoryCode(code) ? `“${categoryLabel(code as CategoryCode)}”的` : ''}${first[1]}`, fields);
  }
}

async function authorNames(ctx: AppContext, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name] as const));
}
