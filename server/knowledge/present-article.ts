/** What leaves the server about a knowledge article: its text, counts and who last edited it. */
import type { knowledgeArticles, knowledgeArticleVersions } from '../../db/schema';
import type { KnowledgeArticleView, KnowledgeVersionView } from '../../shared/schemas/knowledge';

type ArticleRow = typeof knowledgeArticles.$inferSelect;
type VersionRow = typeof knowledgeArticleVersions.$inferSelect;

export function presentArticle(row: ArticleRow, names: Record<string, string>, score?: number): KnowledgeArticleView {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    categoryCode: row.categoryCode,
    keywords: row.keywords,
    body: row.body,
    answer: row.answer,
    active: row.active,
    useCount: row.useCount,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: row.updatedBy === null ? null : (names[String(row.updatedBy)] ?? null),
    ...(score === undefined ? {} : { score }),
  };
}

export function presentVersion(row: VersionRow, names: Record<string, string>): KnowledgeVersionView {
  return {
    version: row.version,
    title: row.title,
    categoryCode: row.categoryCode,
    keywords: row.keywords,
    body: row.body,
    answer: row.answer,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdBy === null ? null : (names[String(row.createdBy)] ?? null),
  };
}
