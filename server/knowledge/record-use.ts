/**
 * An operator answered a caller from an article: one use row and the article's count, in one
 * transaction, and an event for the supervisors' editor (which articles earn their keep).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { knowledgeArticles, knowledgeUses, tickets } from '../../db/schema';
import { AppError } from '../../shared/errors';
import type { TKnowledgeUseAnswer } from '../../shared/schemas/knowledge';
import { KNOWLEDGE_USED_EVENT } from '../../shared/schemas/knowledge';
import type { SessionUser } from '../platform/auth/sessions';
import type { LivePublisher } from '../platform/live/publisher';
import { roleRoom } from '../platform/live/rooms';
import { withTransaction } from '../platform/unit-of-work';

export interface RecordUseOptions {
  db: Db;
  live: LivePublisher;
  actor: SessionUser;
  actorRole: string;
  now: Date;
  articleId: number;
  /** The ticket the answer was given on. */
  ticketId: number;
}

export async function recordKnowledgeUse(opts: RecordUseOptions): Promise<TKnowledgeUseAnswer> {
  const { db, actor, now } = opts;
  return withTransaction({ db, live: opts.live }, async (tx, emit) => {
    const [ticket] = await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, opts.ticketId)).limit(1);
    if (!ticket) throw new AppError('validation_failed', '输入有误：工单不存在', { ticketId: '工单不存在' });
    const [article] = await tx
      .update(knowledgeArticles)
      .set({ useCount: sql`${knowledgeArticles.useCount} + 1`, lastUsedAt: now })
      .where(eq(knowledgeArticles.id, opts.articleId))
      .returning();
    if (!article) throw new AppError('not_found', '知识条目不存在');
    if (!article.active) throw new AppError('rule_violation', '该知识条目已停用，请刷新后选择其他条目');
    await tx.insert(knowledgeUses).values({ articleId: article.id, version: article.version, userId: actor.id, ticketId: opts.ticketId, at: now });
    emit({
      type: KNOWLEDGE_USED_EVENT,
      ticketId: opts.ticketId,
      actorId: actor.id,
      actorRole: opts.actorRole,
      at: now,
      payload: { articleId: article.id, version: article.version, useCount: article.useCount },
      rooms: [roleRoom('supervisor')],
    });
    return { useCount: article.useCount, version: article.version };
  });
}
