/**
 * Long numbers in free text — phone numbers, ID numbers (身份证号), bank cards — found in any
 * notation people type them in, and masked. A "number" is a run of digits where the digits may
 * be ASCII, full-width (１３９), other Unicode digits (𝟏, ①), Chinese numerals (一三九, 幺 for 1)
 * or 大写 numerals (壹叁玖), and groups may be separated by up to three spaces, dashes, dots,
 * slashes, pluses or brackets: `139 1234 5678`, `+86-139-1234-5678`,
 * `(021) 6211.2345`, `３１０１０４１９９００１０１１２３Ｘ`. A run of 7 or more digits is masked
 * (issue 14 items 5 and 7; GB/T 35273 treats phone and ID numbers as personal data), and so is
 * the check character X after the 17 digits of an ID number.
 *
 * One exception, because complaints are full of them: a run that is exactly a date
 * (`2026-11-23`, `2026.11.23`, `2026/11/23`) is kept. A date joined to further digits
 * (`310104-1990-01-01-123X`) is not a date and is masked whole.
 *
 * Pure and linear; the public Open311 output and the console's free-text masking share it.
 */

export interface MaskNumbersOptions {
  /** Runs with fewer digits are left alone (default 7: a local phone number has 7 or 8). */
  minDigits?: number;
  /** Digits kept visible at the start of a masked run (default 0: public output keeps none). */
  keepHead?: number;
  /** Digits kept visible at the end of a masked run (default 0). */
  keepTail?: number;
  /** What replaces a digit (default '*'). */
  maskChar?: string;
}

export interface NumberSpan {
  /** Offsets in the string (UTF-16 code units), end exclusive; the span starts and ends on a digit (or the X). */
  start: number;
  end: number;
  /** The digits of the run as ASCII, the ID check character as 'X'. */
  digits: string;
}

const DEFAULT_MIN_DIGITS = 7;
/** At most this many separator characters between two digit groups (`139 - 1234`, `(021) 6211`). */
const MAX_SEPARATORS = 3;

const CHINESE_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  幺: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  壹: '1',
  贰: '2',
  叁: '3',
  肆: '4',
  伍: '5',
  陆: '6',
  柒: '7',
  捌: '8',
  玖: '9',
};

/**
 * Spaces (any Unicode space), dashes, dots, slashes, plus signs and brackets. Not commas or 。: in
 * Chinese text they end clauses, and `邮编201615，3号楼` is two numbers.
 */
const SEPARATOR = /^[\s\u00a0\u3000\-‐‑‒–—―−－﹣⁃.．·・‧/／+＋()（）[\]［］]$/u;
const ID_CHECK = /^[xXｘＸ]$/u;
const UNICODE_DIGIT = /^\p{Nd}$/u;

/** The ASCII digit a character stands for, or null. */
export function digitOf(ch: string): string | null {
  if (ch >= '0' && ch <= '9') return ch;
  const chinese = CHINESE_DIGITS[ch];
  if (chinese) return chinese;
  // Full-width and other decimal digits, circled and superscript digits: NFKC folds them to one ASCII digit.
  const folded = ch.normalize('NFKC');
  if (folded.length === 1 && folded >= '0' && folded <= '9') return folded;
  if (UNICODE_DIGIT.test(ch)) {
    // A decimal digit of another script that NFKC leaves alone (Devanagari ९, Arabic-Indic ٩): Unicode
    // keeps each script's 0–9 contiguous, so the value is the distance to the start of the block.
    let cp = ch.codePointAt(0) ?? 0;
    let value = 0;
    while (UNICODE_DIGIT.test(String.fromCodePoint(cp - 1))) {
      cp--;
      value++;
    }
    return String(value % 10);
  }
  return null;
}

interface Cell {
  ch: string;
  at: number;
  digit: string | null;
  separator: boolean;
}

function cellsOf(text: string): Cell[] {
  const cells: Cell[] = [];
  let at = 0;
  for (const ch of text) {
    const digit = digitOf(ch);
    cells.push({ ch, at, digit, separator: digit === null && SEPARATOR.test(ch) });
    at += ch.length;
  }
  return cells;
}

interface Group {
  /** First and last cell index of the group's digits. */
  from: number;
  to: number;
  digits: string;
}

/** `2026-11-23`: three groups, one repeated date separator, a plausible year, month and day. */
function isDate(groups: Group[], cells: Cell[]): boolean {
  if (groups.length !== 3) return false;
  const [y, m, d] = groups as [Group, Group, Group];
  const sep1 = cells.slice(y.to + 1, m.from).map((c) => c.ch);
  const sep2 = cells.slice(m.to + 1, d.from).map((c) => c.ch);
  if (sep1.length !== 1 || sep2.length !== 1 || sep1[0] !== sep2[0] || !/^[-./．／－]$/u.test(sep1[0] ?? '')) return false;
  if (!/^(19|20)\d\d$/.test(y.digits) || !/^\d\d?$/.test(m.digits) || !/^\d\d?$/.test(d.digits)) return false;
  const month = Number(m.digits);
  const day = Number(d.digits);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Every run of `minDigits` or more digits, in order. */
export function findLongNumbers(text: string, opts: Pick<MaskNumbersOptions, 'minDigits'> = {}): NumberSpan[] {
  const minDigits = opts.minDigits ?? DEFAULT_MIN_DIGITS;
  const cells = cellsOf(text);
  const spans: NumberSpan[] = [];
  let i = 0;
  while (i < cells.length) {
    if (cells[i]?.digit === null) {
      i++;
      continue;
    }
    // A run: digit groups joined by short stretches of separators.
    const groups: Group[] = [];
    let j = i;
    for (;;) {
      const from = j;
      let digits = '';
      while (j < cells.length && cells[j]?.digit != null) digits += cells[j++]?.digit ?? '';
      groups.push({ from, to: j - 1, digits });
      let k = j;
      while (k < cells.length && k - j < MAX_SEPARATORS && cells[k]?.separator) k++;
      if (k > j && k < cells.length && cells[k]?.digit != null) j = k;
      else break;
    }
    const last = groups[groups.length - 1] as Group;
    let digits = groups.map((g) => g.digits).join('');
    let endCell = last.to;
    // 身份证号: 17 digits and a check character that may be X.
    const next = cells[endCell + 1];
    if (digits.length === 17 && next && ID_CHECK.test(next.ch)) {
      digits += 'X';
      endCell++;
    }
    if (digits.length >= minDigits && !isDate(groups, cells)) {
      const end = cells[endCell] as Cell;
      spans.push({ start: cells[i]?.at ?? 0, end: end.at + end.ch.length, digits });
    }
    i = endCell + 1;
  }
  return spans;
}

/**
 * The text with every long number's digits replaced (separators and everything else stay, so
 * the sentence still reads): `电话139 1234 5678` → `电话*** **** ****`.
 */
export function maskNumbers(text: string, opts: MaskNumbersOptions = {}): string {
  const spans = findLongNumbers(text, opts);
  if (spans.length === 0) return text;
  const keepHead = opts.keepHead ?? 0;
  const keepTail = opts.keepTail ?? 0;
  const maskChar = opts.maskChar ?? '*';
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start);
    const total = span.digits.length;
    let seen = 0;
    for (const ch of text.slice(span.start, span.end)) {
      const isDigit = digitOf(ch) !== null || (seen === 17 && ID_CHECK.test(ch));
      if (!isDigit) {
        out += ch;
        continue;
      }
      const keep = seen < keepHead || seen >= total - keepTail;
      out += keep ? ch : maskChar;
      seen++;
    }
    at = span.end;
  }
  return out + text.slice(at);
}
