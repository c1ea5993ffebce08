/**
 * What a knowledge base search looks for: the character bigrams of the caller's words (a
 * single character when that is all there is). No word segmenter is needed for Chinese
 * (../shared/NOTES.md "Chinese text"); the same terms run as portable SQL on PGlite and
 * PostgreSQL (strpos, no pg_trgm).
 */
import { normalizeSegments } from '../classify/normalize-text';

/** Enough to rank by; a long description's first terms carry the question. */
export const MAX_SEARCH_TERMS = 24;

export function searchTerms(text: string, max = MAX_SEARCH_TERMS): string[] {
  const terms: string[] = [];
  const seen = new Set<string>();
  const add = (term: string) => {
    if (terms.length < max && !seen.has(term)) {
      seen.add(term);
      terms.push(term);
    }
  };
  // Digits are kept as typed here (normalizeSegments folds them to 0 for the classifier).
  for (const segment of normalizeSegments(text)) {
    if (/^[a-z0]+$/.test(segment)) {
      if (segment.length >= 2 && segment !== '0') add(segment);
      continue;
    }
    const chars = [...segment];
    if (chars.length === 1) add(segment);
    for (let i = 0; i + 1 < chars.length; i++) add(chars.slice(i, i + 2).join(''));
  }
  return terms;
}
