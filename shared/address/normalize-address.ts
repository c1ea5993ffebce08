/**
 * Normalisation for tolerant address matching: callers and operators type "涞坊路 1111 弄",
 * "涞坊路１１１１", "九亭 中心 花园", "中心村三组".
 */

export interface NormalizedAddress {
  /** The text without spaces, punctuation, town prefix or locative words; digits half-width, units unified. */
  text: string;
  /** Character bigrams of the non-digit runs (a one-character run counts as itself). */
  grams: Set<string>;
  /** House, lane, phase and group numbers, in order (building and room numbers left out). */
  numbers: number[];
}

/** The town and district are implied: every address in the list is in 上海市松江区九亭镇. */
const PREFIXES = /上海市|上海|松江区|松江|九亭镇/g;
/** Where-words around an address that are not part of it ("颐亭花园门口", "九亭站附近"). */
const LOCATIVES = /门口|附近|旁边|对面|里面|这边|那边|隔壁|后面|边上/g;

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一千一百一十一 → 1111, 十二 → 12, 一一一一 → 1111 (digit by digit). */
export function chineseNumberToInt(text: string): number | null {
  if (text === '') return null;
  if (![...text].some((ch) => ch in UNIT)) {
    let value = 0;
    for (const ch of text) {
      const digit = DIGIT[ch];
      if (digit === undefined) return null;
      value = value * 10 + digit;
    }
    return value;
  }
  let total = 0;
  let pending = 0;
  for (const ch of text) {
    const digit = DIGIT[ch];
    const unit = UNIT[ch];
    if (digit !== undefined) pending = digit;
    else if (unit !== undefined) {
      total += (pending === 0 ? 1 : pending) * unit;
      pending = 0;
    } else return null;
  }
  return total + pending;
}

/** Words for a unit that mean the same: 第5村民小组 = 5组 (生产队 was the old name). */
const UNIT_SYNONYMS: [RegExp, string][] = [
  [/村民小组|生产队|小组|队/g, '组'],
  [/号楼/g, '幢'],
];

/**
 * Chinese numerals right before an address unit become digits (三组 → 3组, 二期 → 2期,
 * 第十二幢 → 12幢); elsewhere they are part of names (九亭, 三星) and stay.
 */
function numeralsToDigits(text: string): string {
  return text.replace(/第?([零〇一二两三四五六七八九十百千]+)(?=组|号|弄|幢|栋|期|室|楼|支弄)/g, (whole, numeral: string) => {
    const value = chineseNumberToInt(numeral);
    return value === null ? whole : String(value);
  });
}

export function normalizeAddress(input: string): NormalizedAddress {
  let text = input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(PREFIXES, '')
    .replace(LOCATIVES, '');
  for (const [pattern, unit] of UNIT_SYNONYMS) text = text.replace(pattern, unit);
  text = numeralsToDigits(text);
  // Building and room numbers (12幢, 301室, and a 号 after a lane: 1111弄12号) say where inside
  // a compound, not which compound: they are not compared.
  const numbers: number[] = [];
  let afterLane = false;
  for (const m of text.matchAll(/([0-9]+)(支弄|号|弄|幢|栋|室|组|期|楼)?/g)) {
    const unit = m[2] ?? '';
    const inside = unit === '幢' || unit === '栋' || unit === '室' || unit === '楼' || (unit === '号' && afterLane);
    if (!inside) numbers.push(Number(m[1]));
    if (unit === '弄') afterLane = true;
  }
  // The unit after a number (号, 弄, 组…) is left out of the grams: "涞坊路1111号" and
  // "涞坊路1111弄" are the same spot of the road, and a missing 号/弄 must not cost anything.
  const letters = text.replace(/([0-9]+)(支弄|号|弄|幢|栋|室|组|期|楼)/g, '$1');
  const grams = new Set<string>();
  for (const run of letters.split(/[0-9]+/)) {
    const chars = Array.from(run);
    if (chars.length === 1) grams.add(chars[0] as string);
    for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  }
  return { text, grams, numbers };
}
