import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JIUTING_ADDRESS_BOOK as BOOK } from '../../db/data/jiuting-addresses';
import { digitOf } from './mask-numbers';
import { publicAddress } from './public-address';
import { publicText } from './public-text';

describe('publicAddress: road, or road and compound, never further in', () => {
  it.each([
    ['涞坊路1111弄12号301室', '涞坊路 颐亭花园'],
    ['涞坊路１１１１弄１２号', '涞坊路 颐亭花园'],
    ['涞坊路一千一百一十一弄十二号', '涞坊路 颐亭花园'],
    ['涞坊路1111号', '涞坊路 颐亭花园'],
    ['九亭大街158弄5栋2单元302室', '九亭大街 九亭新村'],
    ['颐亭花园12号楼1单元502', '涞坊路 颐亭花园'],
    ['湖滨国际 8号楼 1801', '涞寅路 九城湖滨国际公寓'],
    ['沪亭北路(奥林匹克花园)399弄20号101室', '沪亭北路 上海奥林匹克花园'],
    ['沪亭北路 218弄 5号 1202室 张伟收', '沪亭北路 沪亭公寓'],
    ['沪亭北路99弄3号', '沪亭北路'],
    ['上海市松江区九亭镇涞坊路1234号', '涞坊路'],
    ['九亭老街5号', '九亭老街'],
    ['沪亭北路九亭站2号口', '沪亭北路 九亭地铁站'],
    ['中心村3组15号', '中心村3组'],
    ['大寅村张家宅12号', '大寅村张家宅'],
    ['某某路88号阳光小区3幢402室', '某某路 阳光小区'],
    ['阳光小区的长江路5号', '长江路 阳光小区'],
    ['我家住在长江路5号', '长江路'],
    ['涞坊路 近 颐亭花园 张先生 13912345678', '涞坊路 颐亭花园'],
  ])('%s → %s', (address, expected) => {
    expect(publicAddress(address, BOOK)).toBe(expected);
  });

  it('publishes nothing it does not recognise as a road or a compound', () => {
    for (const address of ['坐标 31.123456,121.321000', '张伟家', '十字路口', '九亭镇', '', '   ']) {
      expect(publicAddress(address, BOOK)).toBeNull();
    }
  });

  it('masks the record’s names before cutting, so a name typed as a place is never published', () => {
    expect(publicAddress('张伟花园5号', BOOK, { names: ['张伟'] })).toBeNull();
    expect(publicAddress('涞坊路1111弄 张伟家', BOOK, { names: ['张伟'] })).toBe('涞坊路 颐亭花园');
  });
});

describe('publicText', () => {
  it('masks names, e-mail addresses and long numbers; the rest reads as before', () => {
    expect(publicText('我叫张伟，电话139 1234 5678，邮箱zhang.wei@example.com，身份证31010419900101123X，3号楼噪声', { names: ['张伟'] })).toBe(
      '我叫**，电话*** **** ****，邮箱*****.***@*******.***，身份证******************，3号楼噪声',
    );
  });
});

// ——— Property: generated addresses, in random notations, with people's data typed after them ———

const KNOWN_ROADS = ['涞坊路', '九亭大街', '沪亭北路', '沪亭南路', '涞寅路', '易富路', '伴亭路', '九新公路', '九杜路', '蒲汇路', '沪松公路'];
const OTHER_ROADS = ['长江路', '黄河路', '新港大道', '文化街'];
const OTHER_COMPOUNDS = ['阳光小区', '幸福家园', '金色花园', '东方大厦'];
const COMPOUNDS = BOOK.addresses.filter((a) => a.kind === 'compound').map((a) => a.name);
const INSIDE_UNITS = ['号', '号楼', '栋', '幢', '单元', '室', '楼', '层', ''];
const GAPS = ['', ' ', '，', ' - ', '（', '）'];

/** Every word the output may be made of: roads, names and standard addresses of the list, and the generated places. */
const ALLOWED = new Set([...BOOK.addresses.flatMap((a) => [a.name, a.address]), ...KNOWN_ROADS, ...OTHER_ROADS, ...OTHER_COMPOUNDS]);

const CHINESE = '〇一二三四五六七八九';
const number = fc.tuple(fc.integer({ min: 1, max: 2999 }), fc.constantFrom<'ascii' | 'full' | 'chinese'>('ascii', 'full', 'chinese')).map(([n, how]) => {
  const s = String(n);
  if (how === 'full') return [...s].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
  if (how === 'chinese') return [...s].map((d) => CHINESE[Number(d)]).join('');
  return s;
});

const address = fc.record({
  road: fc.constantFrom(...KNOWN_ROADS, ...OTHER_ROADS),
  lane: number,
  laneUnit: fc.constantFrom('号', '弄'),
  compound: fc.option(fc.constantFrom(...COMPOUNDS, ...OTHER_COMPOUNDS)),
  compoundFirst: fc.boolean(),
  inside: fc.array(fc.tuple(fc.constantFrom(...GAPS), number, fc.constantFrom(...INSIDE_UNITS)), { maxLength: 4 }),
  name: fc.constantFrom('', '张伟收', '李先生', '联系人王芳'),
  phone: fc.constantFrom('', ' 13912345678', ' 139-1234-5678', ' （021）6211 2345'),
});

describe('publicAddress properties', () => {
  it('publishes only roads and compounds: no number, no building, unit, room or floor, no name or phone', () => {
    fc.assert(
      fc.property(address, (a) => {
        const lane = `${a.road}${a.lane}${a.laneUnit}`;
        const head = a.compound ? (a.compoundFirst ? `${a.compound} ${lane}` : `${lane}${a.compound}`) : lane;
        const text = head + a.inside.map(([gap, n, unit]) => `${gap}${n}${unit}`).join('') + a.name + a.phone;
        const out = publicAddress(text, BOOK, { names: ['张伟', '王芳'] });
        if (out === null) return;
        // Every word of the answer is a road or a place, whole.
        expect({ text, words: out.split(' ').filter((w) => !ALLOWED.has(w)) }).toEqual({ text, words: [] });
        // And in any case: no digit of any notation outside the list's own names, no unit word, no name.
        expect([...out].filter((ch) => digitOf(ch) !== null && ![...ALLOWED].some((n) => n.includes(ch)))).toEqual([]);
        expect(out).not.toMatch(/[号栋幢室]|单元|张伟|王芳|先生/);
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps the road it was given', () => {
    fc.assert(
      fc.property(address, (a) => {
        fc.pre(a.compound === null || OTHER_COMPOUNDS.includes(a.compound));
        const out = publicAddress(`${a.road}${a.lane}${a.laneUnit}`, BOOK);
        expect(out?.split(' ')[0]).toBe(a.road);
      }),
    );
  });
});
