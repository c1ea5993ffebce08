/**
 * Text normalisation and character n-gram features for Chinese hotline descriptions.
 * No word segmenter: character n-grams carry enough of the words (field notes, "Chinese text").
 */

/**
 * Fillers of phone speech that say nothing about the category. Replaced by a segment break,
 * so no n-gram is built across the gap they leave. Longest first: the regex tries them in order.
 */
export const STOPWORDS: readonly string[] = [
  '你好',
  '您好',
  '请问',
  '麻烦',
  '那个',
  '这个',
  '就是',
  '一下',
  '我们',
  '你们',
  '他们',
  '然后',
  '现在',
  '怎么',
  '什么',
  '喂',
  '啊',
  '呢',
  '吧',
  '吗',
  '呀',
  '嗯',
  '哦',
  '哎',
  '的',
  '了',
];

const STOPWORD_RE = new RegExp([...STOPWORDS].sort((a, b) => b.length - a.length).join('|'), 'g');

/**
 * Full-width → half-width (NFKC), lower case, every run of digits → "0" (house numbers and
 * amounts should not split the vocabulary), Chinese number words for house numbers are left as
 * they are. Punctuation and spaces become segment breaks.
 * Returns the segments: runs of CJK characters, Latin letters and the collapsed digit.
 */
export function normalizeSegments(text: string): string[] {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[0-9]+/g, '0')
    .replace(STOPWORD_RE, ' ');
  return folded.split(/[^\p{Script=Han}a-z0-9]+/u).filter((segment) => segment.length > 0);
}

/** The normalised text as one string with single spaces between segments (for display and keys). */
export function normalizeText(text: string): string {
  return normalizeSegments(text).join(' ');
}

/**
 * Character n-grams of each segment, n = minN..maxN, with their counts. A segment shorter than n
 * contributes no n-gram of that length. Grams are prefixed by their length's marker only
 * implicitly (a bigram can never equal a unigram), so one map holds all of them.
 */
export function charNgrams(text: string, minN = 1, maxN = 3): Map<string, number> {
  const grams = new Map<string, number>();
  for (const segment of normalizeSegments(text)) {
    const chars = Array.from(segment);
    for (let n = minN; n <= maxN; n++) {
      for (let i = 0; i + n <= chars.length; i++) {
        const gram = chars.slice(i, i + n).join('');
        grams.set(gram, (grams.get(gram) ?? 0) + 1);
      }
    }
  }
  return grams;
}
