import { describe, expect, it } from 'vitest';
import { chineseNumberToInt, normalizeAddress } from './normalize-address';

describe('normalizeAddress', () => {
  it('drops spaces, punctuation, the town prefix and locative words; folds full-width digits', () => {
    expect(normalizeAddress('上海市松江区九亭镇 涞坊路１１１１弄（门口）').text).toBe('涞坊路1111弄');
    expect(normalizeAddress('九亭 中心 花园').text).toBe('九亭中心花园');
  });

  it('reads Chinese numerals before a unit, and unifies unit words', () => {
    expect(normalizeAddress('中心村三组').numbers).toEqual([3]);
    expect(normalizeAddress('大寅村第五村民小组').text).toBe('大寅村5组');
    expect(normalizeAddress('大寅村5队').text).toBe('大寅村5组');
    expect(normalizeAddress('颐亭花园二期').numbers).toEqual([2]);
    // 九亭 is a name, not a number.
    expect(normalizeAddress('九亭大街').numbers).toEqual([]);
  });

  it('compares place numbers only: building and room numbers are left out', () => {
    expect(normalizeAddress('涞坊路1111弄12号301室').numbers).toEqual([1111]);
    expect(normalizeAddress('颐亭花园12号楼').numbers).toEqual([]);
    expect(normalizeAddress('涞坊路1111号').numbers).toEqual([1111]);
  });

  it('makes 号 and 弄 and a missing unit the same for matching', () => {
    const grams = (s: string) => [...normalizeAddress(s).grams].sort();
    expect(grams('涞坊路1111号')).toEqual(grams('涞坊路1111弄'));
    expect(grams('涞坊路1111')).toEqual(grams('涞坊路1111弄'));
  });
});

describe('chineseNumberToInt', () => {
  it.each([
    ['三', 3],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['一百零八', 108],
    ['一千一百一十一', 1111],
    ['一一一一', 1111],
  ])('%s → %d', (text, value) => {
    expect(chineseNumberToInt(text)).toBe(value);
  });

  it('returns null for non-numerals', () => {
    expect(chineseNumberToInt('亭')).toBeNull();
    expect(chineseNumberToInt('')).toBeNull();
  });
});
