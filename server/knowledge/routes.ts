/**
 * The knowledge base (PRODUCT.md §1, 7): operators search it during a consultation and read the answer
 * template to the caller; each use is counted; supervisors write and edit the articles
 * (versioned, every edit an event). Search is portable SQL over character bigrams.
 */
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { Router } from 'express';
import { knowledgeArticles, knowledgeArticleVersions } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { ZIdParamSchema } from '../../shared/schemas/ids';
import {
  type KnowledgeSearchAnswer,
  ZKnowledgeArticleDetailSchema,
  ZKnowledgeArticleEditSchema,
  ZKnowledgeArticleInputSchema,
  ZKnowledgeArticleViewSchema,
  ZKnowledgeSearchAnswerSchema,
  ZKnowledgeSearchSchema,
  ZKnowledgeUseAnswerSchema,
  ZKnowledgeUseSchema,
} from '../../shared/schemas/knowledge';
import { actorNames } from '../platform/auth/actor-names';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { presentArticle, presentVersion } from './present-article';
import { recordKnowledgeUse } from './record-use';
import { saveArticle } from './save-article';
import { searchArticles } from './search-articles';

const READERS = roles('operator', 'revisit', 'supervisor', 'leader');

export function knowledgeRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/knowledge';
  const idOf = (raw: string | undefined) => {
    const id = ZIdParamSchema.safeParse(raw);
    if (!id.success) throw new AppError('not_found', '知识条目不存在');
    return id.data;
  };

  defineRoute(
    router,
    mount,
    {
      // A POST: the operator searches with the citizen's own words (docs/decisions/privacy.md).
      method: 'post',
      path: '/api/knowledge/search',
      raises: [],
      access: READERS,
      summary: 'Search the knowledge base (no text: every article, most used first)',
      response: ZKnowledgeSearchAnswerSchema,
      body: ZKnowledgeSearchSchema,
    },
    async ({ body, auth }): Promise<KnowledgeSearchAnswer> => {
      const includeRetired = body.all === '1' && auth.user.roles.includes('supervisor');
      if (!body.q.trim()) {
        const rows = await ctx.db
          .select()
          .from(knowledgeArticles)
          .where(includeRetired ? undefined : eq(knowledgeArticles.active, true))
          .orderBy(desc(knowledgeArticles.active), desc(knowledgeArticles.useCount), asc(knowledgeArticles.id))
          .limit(body.limit);
        const names = await actorNames(
          ctx.db,
          rows.map((r) => r.updatedBy),
        );
        return { articles: rows.map((r) => presentArticle(r, names)) };
      }
      const hits = await searchArticles(ctx.db, { text: body.q, categoryCode: body.category, includeRetired, limit: body.limit });
      if (hits.length === 0) return { articles: [] };
      const rows = await ctx.db
        .select()
        .from(knowledgeArticles)
        .where(
          inArray(
            knowledgeArticles.id,
            hits.map((h) => h.id),
          ),
        );
      const byId = new Map(rows.map((r) => [r.id, r] as const));
      const names = await actorNames(
        ctx.db,
        rows.map((r) => r.updatedBy),
      );
      return {
        articles: hits.flatMap((h) => {
          const row = byId.get(h.id);
          return row ? [presentArticle(row, names, h.score)] : [];
        }),
      };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/knowledge/:id',
      access: READERS,
      summary: 'One article with every version (who changed what, when)',
      response: ZKnowledgeArticleDetailSchema,
    },
    async ({ params }) => {
      const id = idOf(params.id);
      const [row] = await ctx.db.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id)).limit(1);
      if (!row) throw new AppError('not_found', '知识条目不存在');
      const versions = await ctx.db
        .select()
        .from(knowledgeArticleVersions)
        .where(eq(knowledgeArticleVersions.articleId, id))
        .orderBy(desc(knowledgeArticleVersions.version));
      const names = await actorNames(ctx.db, [row.updatedBy, ...versions.map((v) => v.createdBy)]);
      return { ...presentArticle(row, names), versions: versions.map((v) => presentVersion(v, names)) };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/knowledge',
      access: roles('supervisor'),
      summary: 'Write a new knowledge article',
      response: ZKnowledgeArticleViewSchema,
      body: ZKnowledgeArticleInputSchema,
      status: 201,
    },
    async ({ body, auth }) => {
      const row = await saveArticle({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), input: body });
      return presentArticle(row, { [String(auth.user.id)]: auth.user.displayName });
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'put',
      path: '/api/knowledge/:id',
      raises: ['not_found', 'version_conflict'],
      access: roles('supervisor'),
      summary: 'Edit (or retire) a knowledge article: a new version',
      // The same presenter as writing one (presentArticle).
      response: ZKnowledgeArticleViewSchema,
      body: ZKnowledgeArticleEditSchema,
    },
    async ({ body, auth, params }) => {
      const row = await saveArticle({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), articleId: idOf(params.id), input: body });
      return presentArticle(row, { [String(auth.user.id)]: auth.user.displayName });
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/knowledge/:id/use',
      raises: ['not_found', 'rule_violation'],
      access: roles('operator', 'supervisor'),
      summary: 'Count an answer given from the article (optionally on a ticket)',
      body: ZKnowledgeUseSchema,
      response: ZKnowledgeUseAnswerSchema,
    },
    async ({ body, auth, params }) => {
      const actorRole = auth.user.roles.includes('operator') ? 'operator' : 'supervisor';
      return recordKnowledgeUse({
        db: ctx.db,
        live: ctx.live,
        actor: auth.user,
        actorRole,
        now: ctx.now(),
        articleId: idOf(params.id),
        ticketId: body.ticketId,
      });
    },
  );

  return router;
}
