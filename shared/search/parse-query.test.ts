import { describe, expect, it } from 'vitest';
import { parseSearchQuery, searchGrams } from './parse-query';

describe('what a search box query asks for (issue 16.6)', () => {
  it('a ticket number, in any case or full-width', () => {
    expect(parseSearchQuery(' zx20261123-0007 ')).toEqual({ kind: 'number', number: 'ZX20261123-0007' });
    expect(parseSearchQuery('ＺＸ20261123-0007')).toEqual({ kind: 'number', number: 'ZX20261123-0007' });
  });

  it('a whole phone number in any notation; an incomplete one is refused', () => {
    expect(parseSearchQuery('139 1234 5678')).toEqual({ kind: 'phone', phone: '13912345678' });
    expect(parseSearchQuery('+86 139-1234-5678')).toEqual({ kind: 'phone', phone: '13912345678' });
    expect(parseSearchQuery('62112345')).toEqual({ kind: 'phone', phone: '02162112345' });
    expect(parseSearchQuery('1391234')).toMatchObject({ kind: 'invalid', reason: 'phone' });
  });

  it('words of two characters or more; a long number among words is refused', () => {
    expect(parseSearchQuery('沪亭北路  漏水 Wifi')).toEqual({ kind: 'text', words: ['沪亭北路', '漏水', 'wifi'] });
    expect(parseSearchQuery('0007')).toEqual({ kind: 'text', words: ['0007'] });
    expect(parseSearchQuery('火')).toMatchObject({ kind: 'invalid', reason: 'short' });
    expect(parseSearchQuery('电话 13912345678')).toMatchObject({ kind: 'invalid', reason: 'digits' });
    expect(parseSearchQuery('一二 三四 五六 七八 九十 十一')).toMatchObject({ kind: 'invalid', reason: 'words' });
  });

  it('bigrams by code point, ASCII lower-cased, as the index makes them', () => {
    expect(searchGrams('占道经营')).toEqual(['占道', '道经', '经营']);
    expect(searchGrams('WiFi')).toEqual(['wi', 'if', 'fi']);
    expect(searchGrams('𠀀路')).toEqual(['𠀀路']);
    expect(searchGrams('弄')).toEqual([]);
  });
});
