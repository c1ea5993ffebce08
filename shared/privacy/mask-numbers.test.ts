import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitOf, findLongNumbers, maskNumbers } from './mask-numbers';

describe('maskNumbers: the notations people type numbers in', () => {
  it.each([
    ['电话13912345678', '电话***********'],
    ['电话139 1234 5678', '电话*** **** ****'],
    ['电话139-1234-5678', '电话***-****-****'],
    ['电话139.1234.5678', '电话***.****.****'],
    ['电话 +86 139 1234 5678', '电话 +** *** **** ****'],
    ['电话+86-13912345678', '电话+**-***********'],
    ['电话(021)62112345', '电话(***)********'],
    ['电话（021） 6211-2345', '电话（***） ****-****'],
    ['电话１３９１２３４５６７８', '电话***********'],
    ['电话１３９－１２３４－５６７８', '电话***－****－****'],
    ['电话一三九一二三四五六七八', '电话***********'],
    ['电话幺三九 幺二三四 五六七八', '电话*** **** ****'],
    ['电话139一二三四5678', '电话***********'],
    ['座机6211 2345', '座机**** ****'],
    ['座机621 1234', '座机*** ****'],
    ['身份证310104199001011234', '身份证******************'],
    ['身份证31010419900101123X，', '身份证******************，'],
    ['身份证31010419900101123x', '身份证******************'],
    ['身份证３１０１０４１９９００１０１１２３Ｘ', '身份证******************'],
    ['身份证 310104 19900101 123X', '身份证 ****** ******** ****'],
    ['老身份证310104900101123', '老身份证***************'],
    ['卡号6222 0212 3456 7890 123', '卡号**** **** **** **** ***'],
  ])('%s → %s', (text, masked) => {
    expect(maskNumbers(text)).toBe(masked);
  });

  it('leaves short numbers, dates and times alone', () => {
    for (const text of [
      '沪亭北路99弄3号楼2单元301室',
      '邮编201615，3号楼',
      '2026-11-23起每天施工',
      '2026.11.3晚上',
      '从2026/11/23到2026/11/30',
      '晚上22:30到次日06:00',
      '共123456户',
      '1号、2号、3号、4号、5号、6号、7号',
      '拖欠工资12,000元',
    ]) {
      expect(maskNumbers(text)).toBe(text);
    }
  });

  it('masks a date joined to more digits: it is then part of a number, not a date', () => {
    expect(maskNumbers('310104-1990-01-01-123X')).toBe('******-****-**-**-****');
    expect(maskNumbers('2026-11-23 13912345678')).toBe('****-**-** ***********');
  });

  it('keeps the head and tail when asked (the console style of a masked phone)', () => {
    expect(maskNumbers('来电13912345678', { keepHead: 3, keepTail: 4 })).toBe('来电139****5678');
    expect(maskNumbers('来电139 1234 5678', { keepHead: 3, keepTail: 4 })).toBe('来电139 **** 5678');
  });

  it('reports each number with its digits folded to ASCII', () => {
    expect(findLongNumbers('甲１３９ １２３４ ５６７８乙，丙31010419900101123x')).toEqual([
      { start: 1, end: 14, digits: '13912345678' },
      { start: 17, end: 35, digits: '31010419900101123X' },
    ]);
  });

  it('reads digits of every notation', () => {
    expect(['7', '７', '七', '柒', '⑦', '𝟕', '٧', '७'].map(digitOf)).toEqual(['7', '7', '7', '7', '7', '7', '7', '7']);
    expect(['十', 'a', '号', '*'].map(digitOf)).toEqual([null, null, null, null]);
  });
});

// ——— Property tests: numbers generated in random notations, inside random text ———

/** How one digit is written. */
const GLYPHS: ((d: string) => string)[] = [
  (d) => d,
  (d) => String.fromCharCode(0xff10 + Number(d)),
  (d) => '〇一二三四五六七八九'[Number(d)] ?? d,
  (d) => String.fromCodePoint(0x1d7ce + Number(d)), // 𝟎–𝟗
];
const SEPARATORS = [' ', '  ', '-', ' - ', '.', '．', '－', '—', '/', '\u3000', '\u00a0', '·'];
/** Text around a number: no digit in any notation, no separator, no X. */
const CONTEXT = [...'请尽快处理电话联系我在小区门口噪音扰民号楼室，！？：；“”abcABC'];

const digitString = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const secrets = fc.oneof(
  digitString(9).map((s) => `13${s}`), // mobile
  digitString(8).map((s) => `021${s}`), // landline with area code
  digitString(7).map((s) => `6${s}`), // Shanghai local number
  digitString(9).map((s) => `8613${s}`), // +86 mobile
  fc.tuple(digitString(17), fc.constantFrom(...'0123456789X')).map(([s, c]) => s + c), // ID number
  digitString(15), // old ID number
  digitString(19), // bank card
);

interface Rendered {
  text: string;
  /** The same number with each digit (and the ID's X) replaced by '*'. */
  masked: string;
  groups: string[];
  seps: string[];
}

const rendered = secrets.chain((digits) => {
  const body = digits.endsWith('X') ? digits.slice(0, -1) : digits;
  return fc
    .record({
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: body.length - 1 }), { maxLength: 4 }),
      seps: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 4, maxLength: 4 }),
      glyphs: fc.array(fc.integer({ min: 0, max: GLYPHS.length - 1 }), { minLength: body.length, maxLength: body.length }),
      plus: fc.boolean(),
      paren: fc.boolean(),
      x: fc.constantFrom('X', 'x', 'Ｘ', 'ｘ'),
    })
    .map(({ cuts, seps, glyphs, plus, paren, x }): Rendered => {
      const bounds = [0, ...cuts.sort((a, b) => a - b), body.length];
      const groups = bounds.slice(1).map((end, i) => body.slice(bounds[i], end));
      let text = plus ? '+' : '';
      let masked = text;
      let at = 0;
      groups.forEach((g, i) => {
        if (i > 0) {
          const sep = paren && i === 1 ? `) ` : (seps[i - 1] ?? ' ');
          text += sep;
          masked += sep;
        } else if (paren && groups.length > 1) {
          text += '(';
          masked += '(';
        }
        for (const d of g) {
          text += GLYPHS[glyphs[at++] ?? 0]!(d);
          masked += '*';
        }
      });
      if (digits.endsWith('X')) {
        text += x;
        masked += '*';
      }
      return { text, masked, groups, seps: seps.slice(0, groups.length - 1) };
    });
});

/** The documented exception: exactly a date (three groups, one repeated separator). */
const looksLikeDate = (r: Rendered) =>
  r.groups.length === 3 &&
  !r.text.startsWith('+') &&
  !r.text.startsWith('(') &&
  new Set(r.seps).size === 1 &&
  /^[-./．／－]$/.test(r.seps[0] ?? '') &&
  /^(19|20)\d\d$/.test(r.groups[0] ?? '') &&
  Number(r.groups[1]) >= 1 &&
  Number(r.groups[1]) <= 12 &&
  (r.groups[1] ?? '').length <= 2 &&
  Number(r.groups[2]) >= 1 &&
  Number(r.groups[2]) <= 31 &&
  (r.groups[2] ?? '').length <= 2;

const context = fc.array(fc.constantFrom(...CONTEXT), { maxLength: 12 }).map((a) => a.join(''));

describe('maskNumbers properties', () => {
  it('masks every digit of a phone, ID or card number in any notation, and nothing around it', () => {
    fc.assert(
      fc.property(context, rendered, context, (before, number, after) => {
        fc.pre(!looksLikeDate(number));
        expect(maskNumbers(before + number.text + after)).toBe(before + number.masked + after);
      }),
      { numRuns: 2000 },
    );
  });

  it('masks each of several numbers in one text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(context, rendered), { minLength: 1, maxLength: 4 }), context, (parts, tail) => {
        fc.pre(parts.every(([, n]) => !looksLikeDate(n)));
        // A context between two numbers must break them apart: at least one character.
        const text = parts.map(([c, n]) => `${c}号${n.text}`).join('') + tail;
        const masked = parts.map(([c, n]) => `${c}号${n.masked}`).join('') + tail;
        expect(maskNumbers(text)).toBe(masked);
      }),
    );
  });

  it('leaves text with only short numbers as it is', () => {
    const short = fc.integer({ min: 0, max: 999_999 }).map(String);
    fc.assert(
      fc.property(fc.array(fc.tuple(short, fc.constantFrom(...'号楼室元户，。、：年月日')), { maxLength: 8 }), (parts) => {
        const text = parts.map(([n, w]) => n + w).join('');
        expect(maskNumbers(text)).toBe(text);
      }),
    );
  });

  it('on any text: only digits (and an ID check X) change, each to one mask character; masking twice changes nothing more', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 80 }), (text) => {
        const masked = maskNumbers(text);
        const a = [...text];
        const b = [...masked];
        expect(b).toHaveLength(a.length);
        b.forEach((ch, i) => {
          if (ch !== a[i]) expect([ch, digitOf(a[i]!) !== null || /^[xXｘＸ]$/.test(a[i]!)]).toEqual(['*', true]);
        });
        expect(maskNumbers(masked)).toBe(masked);
      }),
      { numRuns: 2000 },
    );
  });
});
