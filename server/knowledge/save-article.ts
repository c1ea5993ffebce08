/**
 * A supervisor creates or edits a knowledge article (PRODUCT.md §1: supervisors edit the knowledge
 * base). One transaction writes the article in force, its new version row and the event; the
 * event is published after commit so operators' search lists refresh.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { knowledgeArticles, knowledgeArticleVersions } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { KNOWLEDGE_SAVED_EVENT, type TKnowledgeArticleEdit, type TKnowledgeArticleInput, type TKnowledgeDetails } from '../../shared/schemas/knowledge';
import type { SessionUser } from '../platform/auth/sessions';
import type { LivePublisher } from '../platform/live/publisher';
import { roleRoom } from '../platform/live/rooms';
import { withTransaction } from '../platform/unit-of-work';
import { presentArticle } from './present-article';

type ArticleRow = typeof knowledgeArticles.$inferSelect;

export interface SaveArticleOptions {
  db: Db;
  live: LivePublisher;
  actor: SessionUser;
  now: Date;
  /** Absent: a new article. */
  articleId?: number;
  input: Required<Omit<TKnowledgeArticleInput, 'categoryCode' | 'details'>> & {
    categoryCode: string | null;
    /** Absent: a new article has none, an edited one keeps its own. */
    details?: TKnowledgeDetails | undefined;
  } & Partial<Pick<TKnowledgeArticleEdit, 'version' | 'active'>>;
}

/** Operators see the change (their search), supervisors and leaders the editor. */
const ROOMS = [roleRoom('operator'), roleRoom('supervisor'), roleRoom('leader')];

export async function saveArticle(opts: SaveArticleOptions): Promise<ArticleRow> {
  const { db, actor, now, input } = opts;
  const fields = { title: input.title, categoryCode: input.categoryCode, keywords: input.keywords, body: input.body, answer: input.answer };
  return withTransaction({ db, live: opts.live }, async (tx, emit) => {
    let saved: ArticleRow | undefined;
    if (opts.articleId === undefined) {
      const details = input.details ?? {};
      [saved] = await tx
        .insert(knowledgeArticles)
        .values({ ...fields, details, version: 1, active: true, createdAt: now, createdBy: actor.id, updatedAt: now, updatedBy: actor.id })
        .returning();
    } else {
      const [current] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, opts.articleId)).for('update');
      if (!current) throw new AppError('not_found', '知识条目不存在');
      if (current.version !== input.version) {
        throw new AppError('version_conflict', '该知识条目已被他人修改，请刷新后再编辑', { version: `当前版本为 ${current.version}` });
      }
      [saved] = await tx
        .update(knowledgeArticles)
        // An edit without details (an older client) keeps the article's own.
        .set({
          ...fields,
          details: input.details ?? current.details,
          active: input.active ?? true,
          version: current.version + 1,
          updatedAt: now,
          updatedBy: actor.id,
        })
        .where(eq(knowledgeArticles.id, current.id))
        .returning();
    }
    if (!saved) throw new Error('article write returned no row');
    await tx
      .insert(knowledgeArticleVersions)
      .values({ articleId: saved.id, version: saved.version, ...fields, details: saved.details, active: saved.active, createdAt: now, createdBy: actor.id });
    emit({
      type: KNOWLEDGE_SAVED_EVENT,
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      payload: { article: presentArticle(saved, { [String(actor.id)]: actor.displayName }), created: opts.articleId === undefined },
      rooms: ROOMS,
    });
    return saved;
  });
}
