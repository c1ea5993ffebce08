/**
 * Knowledge base search (issue 4; ranking since issue 16 item 11): the articles in force are
 * read and ranked in memory by rank-articles.ts — the same code on PGlite and PostgreSQL, no
 * extension. Only what ranking needs is read; the route presents the hits.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { knowledgeArticles } from '../../db/schema';
import { rankArticles, type RankedArticle } from './rank-articles';

export interface SearchOptions {
  text: string;
  /** The category the operator (or the classifier) has in mind: its articles rank higher. */
  categoryCode?: string | undefined;
  includeRetired?: boolean;
  limit: number;
}

export type SearchHit = RankedArticle;

export async function searchArticles(db: Db, opts: SearchOptions): Promise<SearchHit[]> {
  const articles = await db
    .select({
      id: knowledgeArticles.id,
      title: knowledgeArticles.title,
      keywords: knowledgeArticles.keywords,
      body: knowledgeArticles.body,
      answer: knowledgeArticles.answer,
      categoryCode: knowledgeArticles.categoryCode,
      useCount: knowledgeArticles.useCount,
    })
    .from(knowledgeArticles)
    .where(opts.includeRetired ? undefined : eq(knowledgeArticles.active, true));
  return rankArticles(articles, opts.text, { categoryCode: opts.categoryCode, limit: opts.limit });
}
