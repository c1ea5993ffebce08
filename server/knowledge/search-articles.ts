/**
 * Knowledge base search in portable SQL (PGlite and PostgreSQL alike, no pg_trgm): every
 * bigram of the caller's words scores where it occurs — title 3, keywords 2, body or answer 1 —
 * and the sum, over the best possible, is the relevance. A match in the title or keywords, or
 * several in the text, is needed to be offered; the article asked for most wins ties.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../../db/client';
import { searchTerms } from '../../shared/knowledge/search-terms';

export interface SearchOptions {
  text: string;
  /** The category the operator (or the classifier) has in mind: its articles rank higher. */
  categoryCode?: string | undefined;
  includeRetired?: boolean;
  limit: number;
}

export interface SearchHit {
  id: number;
  score: number;
}

const TITLE = 3;
const KEYWORDS = 2;
const TEXT = 1;
const CATEGORY_BONUS = 2;

export async function searchArticles(db: Queryable, opts: SearchOptions): Promise<SearchHit[]> {
  const terms = searchTerms(opts.text);
  if (terms.length === 0) return [];
  const has = (column: SQL, term: string) => sql`(case when strpos(lower(${column}), ${term}) > 0 then 1 else 0 end)`;
  const sum = (column: SQL) =>
    sql.join(
      terms.map((term) => has(column, term)),
      sql` + `,
    );
  const category = opts.categoryCode ? sql`(case when category_code = ${opts.categoryCode} then ${CATEGORY_BONUS} else 0 end)` : sql`0`;
  const rows = await rowsOf<{ id: number; title_hits: number; keyword_hits: number; text_hits: number; bonus: number }>(
    db,
    sql`select id, title_hits, keyword_hits, text_hits, bonus from (
          select id, use_count,
            ${sum(sql`title`)} as title_hits,
            ${sum(sql`keywords`)} as keyword_hits,
            ${sum(sql`(body || ' ' || answer)`)} as text_hits,
            ${category} as bonus
          from knowledge_articles
          where ${opts.includeRetired ? sql`true` : sql`active`}
        ) scored
        where title_hits + keyword_hits > 0 or text_hits >= 2
        order by ${TITLE} * title_hits + ${KEYWORDS} * keyword_hits + ${TEXT} * text_hits + bonus desc, use_count desc, id
        limit ${opts.limit}`,
  );
  const best = terms.length * (TITLE + KEYWORDS + TEXT);
  return rows.map((r) => {
    const points = TITLE * Number(r.title_hits) + KEYWORDS * Number(r.keyword_hits) + TEXT * Number(r.text_hits) + Number(r.bonus);
    return { id: r.id, score: Math.min(1, Math.round((points / best) * 1000) / 1000) };
  });
}
