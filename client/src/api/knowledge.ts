/**
 * The knowledge base (PRODUCT.md §1): searches (the operator's panel, the supervisor's editor) are read
 * again on `knowledge.*` events; an article's versions are read when opened; saving is a new version.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../../shared/live/feed';
import type {
  KnowledgeArticleView,
  KnowledgeSearchAnswer,
  TKnowledgeArticleDetail,
  TKnowledgeArticleEdit,
  TKnowledgeArticleInput,
  TKnowledgeUse,
} from '../../../shared/schemas/knowledge';
import { api } from '../lib/api';
import { liveRead } from '../lib/live/snapshot';
import { keys } from './keys';

/** POST /api/knowledge/search (q, category, all, limit: the operator's words stay out of URLs); the answer says what it answers. */
export const knowledgeSearchQuery = (params: Record<string, string>) =>
  queryOptions({
    queryKey: keys.knowledge.search(params),
    queryFn: async (context): Promise<KnowledgeSearchAnswer & { asked: Record<string, string> }> => ({
      ...(await liveRead(context, () => api<KnowledgeSearchAnswer>('POST', '/api/knowledge/search', params))),
      asked: params,
    }),
    meta: { live: 'refetch' },
  });

/** GET /api/knowledge/:id with its versions (not read again by events: the editor says when it is stale). */
export const knowledgeArticleQuery = (id: number) =>
  queryOptions({
    queryKey: keys.knowledge.detail(id),
    queryFn: () => api<TKnowledgeArticleDetail>('GET', `/api/knowledge/${id}`),
  });

export function knowledgeOnEvent(qc: QueryClient, e: LiveEvent): void {
  if (e.type.startsWith('knowledge.')) void qc.invalidateQueries({ queryKey: keys.knowledge.searches });
}

/** POST /api/knowledge (a new article) or PUT /api/knowledge/:id (a new version of it). */
export async function saveArticle(
  qc: QueryClient,
  edit: { id: null; input: TKnowledgeArticleInput } | { id: number; input: TKnowledgeArticleEdit },
): Promise<KnowledgeArticleView> {
  const saved =
    edit.id === null
      ? await api<KnowledgeArticleView>('POST', '/api/knowledge', edit.input)
      : await api<KnowledgeArticleView>('PUT', `/api/knowledge/${edit.id}`, edit.input);
  await Promise.all([qc.invalidateQueries({ queryKey: keys.knowledge.detail(saved.id) }), qc.invalidateQueries({ queryKey: keys.knowledge.searches })]);
  return saved;
}

/** POST /api/knowledge/:id/use: the answer given on this ticket is counted (PRODUCT.md §1). */
export async function recordArticleUse(qc: QueryClient, articleId: number, ticketId: number): Promise<void> {
  const use: TKnowledgeUse = { ticketId };
  await api('POST', `/api/knowledge/${articleId}/use`, use);
  void qc.invalidateQueries({ queryKey: keys.knowledge.searches });
}
