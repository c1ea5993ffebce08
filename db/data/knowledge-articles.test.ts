/** The shipped knowledge base (issue 16 item 11): enough articles, each complete, each marked as sample content, each one a supervisor could save again. */
import { describe, expect, it } from 'vitest';
import { ZKnowledgeArticleInputSchema } from '../../shared/schemas/knowledge';
import { KNOWLEDGE_ARTICLES } from './knowledge-articles';

describe('the shipped knowledge articles', () => {
  it('are at least 60, with distinct titles', () => {
    expect(KNOWLEDGE_ARTICLES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(KNOWLEDGE_ARTICLES.map((a) => a.title)).size).toBe(KNOWLEDGE_ARTICLES.length);
  });

  it('each says where, when, with what and whom to call, and is marked as sample content', () => {
    const incomplete = KNOWLEDGE_ARTICLES.filter((a) => {
      const d = a.details;
      return !d.sample || !d.office || !d.address || !d.hours || !d.phone;
    }).map((a) => a.title);
    expect(incomplete).toEqual([]);
    // Only the emergency article needs no documents.
    expect(KNOWLEDGE_ARTICLES.filter((a) => a.details.documents.length === 0).map((a) => a.title)).toEqual(['紧急情况与非本镇事项如何处理']);
  });

  it('each passes the editor’s own validation', () => {
    const invalid = KNOWLEDGE_ARTICLES.flatMap((a) => {
      const parsed = ZKnowledgeArticleInputSchema.safeParse(a);
      return parsed.success ? [] : [`${a.title}: ${parsed.error.issues.map((i) => i.message).join('; ')}`];
    });
    expect(invalid).toEqual([]);
  });
});
