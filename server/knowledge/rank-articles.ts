/**
 * Which articles answer the caller's words, best first — and none when none does (issue 16
 * item 11). Pure: the articles in, the ranking out; search-articles.ts reads the articles, so the
 * same ranking runs on PGlite and PostgreSQL. A base of a few hundred articles is scored in
 * memory in a few milliseconds (docs/decisions/knowledge-search.md).
 *
 * Score: every term of the caller's words (shared/knowledge/search-terms.ts) counts by how rare
 * it is in the base (idf) — 3× where the article's title or its callers' phrasings (keywords)
 * hold it, 1× in its text — plus a bonus for each phrasing the caller said whole.
 *
 * Offered only when the match is more than a shared word or two: the article's title or
 * keywords must hold a distinctive phrase the caller said whole (one few articles share), or
 * most of the weight of what the caller said. A weak best match proposes nothing, so the
 * one-key answer can never record an unrelated article.
 */
import { querySegments, searchSegments, termsOf } from '../../shared/knowledge/search-terms';

export interface RankableArticle {
  id: number;
  title: string;
  keywords: string;
  body: string;
  answer: string;
  categoryCode: string | null;
  useCount: number;
}

export interface RankOptions {
  /** The category the operator (or the classifier) has in mind: its articles rank a little higher. */
  categoryCode?: string | undefined;
  limit: number;
}

export interface RankedArticle {
  id: number;
  /** Relevance 0–1: the share of what the caller said that the article holds. */
  score: number;
}

/** Weight of a term found in the title or keywords, and in the text. */
const STRONG = 3;
const WEAK = 1;
/** A single character counts half a bigram. */
const SINGLE = 0.5;
/** Bonus per character of a phrasing the caller said whole. */
const PHRASE_PER_CHAR = 2.5;
/** A phrase in the titles or keywords of more articles than this says nothing about which one is meant (申请, 办理). */
const DISTINCT_PHRASE_ARTICLES = 3;
/** Without a distinctive phrase, the title and keywords must hold this share of the caller's words. */
const MIN_STRONG_SHARE = 0.6;
/** Articles scoring under this share of the best are noise beside it. */
const RELATIVE_FLOOR = 0.3;
const CATEGORY_FACTOR = 1.15;
/** What a term no article holds weighs, as a share of the rarest known term. */
const UNKNOWN = 0.5;

interface Indexed {
  article: RankableArticle;
  strong: Set<string>;
  weak: Set<string>;
  /** Title parts and keyword phrasings, normalised; `alias`: listed in keywords (a single character may count). */
  phrases: { text: string; alias: boolean }[];
  /** Title and keywords, normalised, for how many articles share a phrase. */
  named: string;
}

function indexArticle(article: RankableArticle): Indexed {
  // A title names its parts with 与/和/及 (社保卡（医保卡）挂失与补换): each part is a phrase.
  const titleParts = searchSegments(article.title.replace(/[与和及]/g, ' '));
  const keywordPhrases = article.keywords
    .split(/[\s,，、;；]+/)
    .map((p) => searchSegments(p).join(''))
    .filter((p) => p.length > 0);
  const text = searchSegments(`${article.body} ${article.answer}`);
  const strongSegments = [...searchSegments(article.title), ...article.keywords.split(/[\s,，、;；]+/).flatMap(searchSegments)];
  const phrases = new Map<string, boolean>();
  for (const p of titleParts) if ([...p].length >= 2) phrases.set(p, false);
  for (const p of keywordPhrases) phrases.set(p, true);
  return {
    article,
    strong: new Set(termsOf(strongSegments).map((t) => t.term)),
    weak: new Set(termsOf(text).map((t) => t.term)),
    phrases: [...phrases].map(([p, alias]) => ({ text: p, alias })),
    named: strongSegments.join('|'),
  };
}

export function rankArticles(articles: readonly RankableArticle[], text: string, opts: RankOptions): RankedArticle[] {
  const segments = querySegments(text);
  const terms = termsOf(segments);
  if (terms.length === 0 || articles.length === 0) return [];
  const indexed = articles.map(indexArticle);
  const n = indexed.length;
  const idf = (df: number) => Math.log(1 + n / Math.max(df, 1));

  // A term no article holds still weighs in what the caller said (an unknown word: 护照), as
  // much as a word of average rarity: many are only the seam between two words (生下, 下来).
  const weighted = terms.map((t) => {
    const df = indexed.filter((d) => d.strong.has(t.term) || d.weak.has(t.term)).length;
    return { ...t, weight: (t.single ? SINGLE : 1) * (df === 0 ? UNKNOWN * idf(1) : idf(df)) };
  });
  const said = weighted.reduce((sum, t) => sum + t.weight, 0);
  const spoken = segments.join('');
  const phraseArticles = new Map<string, number>();
  const sharedBy = (phrase: string) => {
    let count = phraseArticles.get(phrase);
    if (count === undefined) {
      count = indexed.filter((d) => d.named.includes(phrase)).length;
      phraseArticles.set(phrase, count);
    }
    return count;
  };

  const scored = indexed.flatMap((d) => {
    let strong = 0;
    let weak = 0;
    for (const t of weighted) {
      if (d.strong.has(t.term)) strong += t.weight;
      else if (d.weak.has(t.term)) weak += t.weight;
    }
    const phrases = d.phrases.filter((p) => (p.alias || [...p.text].length >= 2) && spoken.includes(p.text) && sharedBy(p.text) <= DISTINCT_PHRASE_ARTICLES);
    if (phrases.length === 0 && strong < MIN_STRONG_SHARE * said) return [];
    const bonus = phrases.reduce((sum, p) => sum + PHRASE_PER_CHAR * [...p.text].length, 0);
    const category = opts.categoryCode && d.article.categoryCode === opts.categoryCode ? CATEGORY_FACTOR : 1;
    return [{ article: d.article, points: (STRONG * strong + WEAK * weak + bonus) * category, share: (strong + (weak * WEAK) / STRONG) / said }];
  });
  const best = Math.max(0, ...scored.map((s) => s.points));
  return scored
    .filter((s) => s.points >= RELATIVE_FLOOR * best)
    .sort((a, b) => b.points - a.points || b.article.useCount - a.article.useCount || a.article.id - b.article.id)
    .slice(0, opts.limit)
    .map((s) => ({ id: s.article.id, score: Math.round(Math.min(1, s.share) * 1000) / 1000 }));
}
