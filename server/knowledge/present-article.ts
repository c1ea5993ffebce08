/** What leaves the server about a knowledge article: its text, counts and who last edited it. */
import type { knowledgeArticles, knowledgeArticleVersions } from '../../db/schema';
import { ZKnowledgeDetailsSchema, type KnowledgeArticleView, type KnowledgeVersionView, type TKnowledgeDetails } from '../../shared/schemas/knowledge';

type ArticleRow = typeof knowledgeArticles.$inferSelect;
type VersionRow = typeof knowledgeArticleVersions.$inferSelect;

/** The stored details with every field present (rows written before migration 0014 hold `{}`). */
export function detailsOf(stored: unknown): TKnowledgeDetails {
  const parsed = ZKnowledgeDetailsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : ZKnowledgeDetailsSchema.parse({});
}

export function presentArticle(row: ArticleRow, names: Record<string, string>, score?: number): KnowledgeArticleView {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    categoryCode: row.categoryCode,
    keywords: row.keywords,
    body: row.body,
    answer: row.answer,
    details: detailsOf(row.details),
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
    details: detailsOf(row.details),
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdBy === null ? null : (names[String(row.createdBy)] ?? null),
  };
}
