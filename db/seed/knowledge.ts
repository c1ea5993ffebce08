/**
 * Seeds the knowledge base (issue 4) from its data file, db/data/knowledge-articles.ts (sample
 * content, marked as such on every article: issue 16 item 11). Each article is version 1 with
 * its version row, written by no one (they ship with the console).
 */
import type { Tx } from '../client';
import { KNOWLEDGE_ARTICLES, type SeedArticle } from '../data/knowledge-articles';
import { knowledgeArticles, knowledgeArticleVersions } from '../schema';

export async function seedKnowledge(tx: Tx, now: Date, articles: SeedArticle[] = KNOWLEDGE_ARTICLES): Promise<void> {
  const rows = await tx
    .insert(knowledgeArticles)
    .values(articles.map((a) => ({ ...a, version: 1, createdAt: now, updatedAt: now })))
    .returning();
  await tx.insert(knowledgeArticleVersions).values(
    rows.map((r) => ({
      articleId: r.id,
      version: 1,
      title: r.title,
      categoryCode: r.categoryCode,
      keywords: r.keywords,
      body: r.body,
      answer: r.answer,
      details: r.details,
      active: true,
      createdAt: now,
    })),
  );
}
