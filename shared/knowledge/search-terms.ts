/**
 * How the knowledge base reads a caller's words and an article's text (issue 16 item 11): the
 * same normalisation on both sides, so a phrase an article lists matches the caller saying it.
 *
 * - NFKC (full-width → half-width), lower case; punctuation and spaces break segments.
 * - Fillers of phone speech (请问, 那个, 怎么, 吗, 了 …) and the verbs of every errand (申请,
 *   办理) break segments too: no bigram is built
 *   across the gap they leave, and "居住证怎么办理" reads as "居住证 | 办理".
 * - Terms: every character bigram of a Han segment and its single characters (so 狗 in
 *   "狗要办证吗" counts); Latin words and numbers whole. No word segmenter is needed for a first
 *   version (../shared/NOTES.md "Chinese text").
 * - Synonyms: everyday names add the name the articles use (电瓶车 → 电动自行车); the table is
 *   the town's vocabulary, not a list of test questions.
 */

/** Longest first when built into the pattern. Single characters are particles only. */
export const SEARCH_FILLERS: readonly string[] = [
  '我想问一下',
  '想问一下',
  '问一下',
  '咨询一下',
  '请问',
  '你好',
  '您好',
  '麻烦',
  '那个',
  '这个',
  '就是',
  '一下',
  '我们家',
  '我家',
  '我想',
  '怎么办',
  '怎么弄',
  '怎么搞',
  '怎么样',
  '怎么',
  '如何',
  '什么',
  '哪里',
  '哪儿',
  // Verbs of every errand name no matter: "怎么申请" alone asks about nothing in particular.
  '申请',
  '办理',
  '咨询',
  '了解',
  '需要',
  '可以',
  '能不能',
  '可不可以',
  '可以吗',
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

/** Everyday name → the names the articles use (added to the caller's words, never replacing them). */
export const SEARCH_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  医保卡: ['社保卡'],
  社保卡: ['医保卡'],
  掉了: ['丢了'],
  找不到了: ['丢了'],
  遗失: ['丢了'],
  弄丢: ['丢了'],
  电瓶车: ['电动自行车'],
  电动车: ['电动自行车'],
  煤气: ['燃气'],
  天然气: ['燃气'],
  房产证: ['不动产权证'],
  产证: ['不动产权证'],
  户口本: ['户口簿'],
  犬: ['狗'],
  过期: ['到期'],
  续签: ['签注'],
  没水: ['停水'],
  没电: ['停电'],
  老婆: ['配偶'],
  老公: ['配偶'],
  宝宝: ['新生儿'],
  婴儿: ['新生儿'],
  退休金: ['养老金'],
};

const FILLER_RE = new RegExp([...SEARCH_FILLERS].sort((a, b) => b.length - a.length).join('|'), 'g');
const SYNONYM_KEYS = Object.keys(SEARCH_SYNONYMS).sort((a, b) => b.length - a.length);

/** The text's segments: runs of Han characters, Latin letters or digits, fillers and punctuation removed. */
export function searchSegments(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(FILLER_RE, ' ')
      .match(/\p{Script=Han}+|[a-z0-9]+/gu) ?? []
  );
}

/** A caller's words as segments, with the article names of the everyday names in them. */
export function querySegments(text: string): string[] {
  const segments = searchSegments(text);
  const joined = text.normalize('NFKC').toLowerCase();
  const added = SYNONYM_KEYS.filter((key) => joined.includes(key)).flatMap((key) => SEARCH_SYNONYMS[key] ?? []);
  return [...segments, ...added.flatMap(searchSegments)];
}

export interface SearchTerm {
  term: string;
  /** A single Han character: it counts, but for half of a bigram. */
  single: boolean;
}

/** Every distinct term of the segments: Han bigrams and single characters, Latin words and numbers whole. */
export function termsOf(segments: readonly string[]): SearchTerm[] {
  const terms = new Map<string, SearchTerm>();
  const add = (term: string, single: boolean) => {
    if (!terms.has(term)) terms.set(term, { term, single });
  };
  for (const segment of segments) {
    if (/^[a-z0-9]+$/.test(segment)) {
      if (segment.length >= 2) add(segment, false);
      continue;
    }
    const chars = [...segment];
    chars.slice(1).forEach((next, i) => add(`${chars[i] ?? ''}${next}`, false));
    for (const c of chars) add(c, true);
  }
  return [...terms.values()];
}
