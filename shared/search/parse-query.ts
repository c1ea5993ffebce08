/**
 * Issue 16.6 (PRODUCT.md §7 search): what a search box query asks for. A ticket number, a full
 * phone number (searched in the contact field only, and logged like a reveal), or words of the
 * address, the description or part of the number — each word at least two characters, found by
 * its character bigrams (the index's rule: migration 0015 `ticket_search_grams`). A run of seven
 * or more digits that is not a whole phone number is refused: nobody fishes for numbers in
 * citizens' words, and an incomplete number never matches by chance.
 */
import { parsePhone } from '../phone';
import { visibleLength } from '../schemas/text';

export type SearchQuery =
  | { kind: 'number'; number: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'text'; words: string[] }
  | { kind: 'invalid'; reason: keyof typeof SEARCH_MESSAGES; message: string };

/** A ticket number: ZX + Shanghai date + daily sequence (ZX20261122-0007). */
const TICKET_NUMBER = /^[a-z]{2}\d{8}-\d{4,7}$/i;
/** Only digits and what people put between them. */
const PHONE_LIKE = /^[\d\s\-+()（）]+$/;
const LONG_DIGITS = /\d{7,}/;
/** More words rarely narrow a search; each is one more index probe. */
const MAX_WORDS = 5;

export const SEARCH_MESSAGES = {
  phone: '请输入完整的电话号码（手机11位，或座机号码）',
  short: '每个词至少2个字',
  digits: '号码请单独输入完整的电话号码或工单编号',
  words: `最多${MAX_WORDS}个词`,
} as const;

export function parseSearchQuery(raw: string): SearchQuery {
  const q = raw.normalize('NFKC').trim();
  if (TICKET_NUMBER.test(q)) return { kind: 'number', number: q.toUpperCase() };
  const digits = q.replace(/\D/g, '');
  if (PHONE_LIKE.test(q) && digits.length >= 7) {
    const phone = parsePhone(q);
    return phone ? { kind: 'phone', phone: phone.local } : invalid('phone');
  }
  const words = [...new Set(q.split(/\s+/).filter((w) => w.length > 0))];
  if (words.some((w) => LONG_DIGITS.test(w))) return invalid('digits');
  if (words.length === 0 || words.some((w) => visibleLength(w) < 2)) return invalid('short');
  if (words.length > MAX_WORDS) return invalid('words');
  return { kind: 'text', words: words.map(asciiLower) };
}

function invalid(reason: keyof typeof SEARCH_MESSAGES): SearchQuery {
  return { kind: 'invalid', reason, message: SEARCH_MESSAGES[reason] };
}

/** ASCII letters lower-cased, nothing else: the index's `translate` (migration 0015). */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The distinct bigrams of a text, by code point, as `ticket_search_grams` makes them (migration 0015). */
export function searchGrams(text: string): string[] {
  const chars = [...asciiLower(text)];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    if (!/[ \t\n\r]/.test(g)) grams.add(g);
  }
  return [...grams];
}
