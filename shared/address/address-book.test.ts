import { describe, expect, it } from 'vitest';
import { JIUTING_ADDRESS_BOOK, JIUTING_ADDRESSES, JIUTING_COMMUNITIES } from '../../db/data/jiuting-addresses';
import { checkAddressBook, resolveAddress, suggestAddresses } from './address-book';

const book = JIUTING_ADDRESS_BOOK;

function top(input: string): string | undefined {
  return suggestAddresses(input, JIUTING_ADDRESSES, 1)[0]?.entry.name;
}

describe('the Jiuting sample address list', () => {
  it('is consistent: every entry points at a grid of its community, ids unique', () => {
    expect(checkAddressBook(book)).toEqual([]);
  });

  it('has 10–14 communities and 3–5 villages, each with 2–4 grids, and 80–150 addresses', () => {
    const communities = JIUTING_COMMUNITIES.filter((c) => c.kind === 'community');
    const villages = JIUTING_COMMUNITIES.filter((c) => c.kind === 'village');
    expect(communities.length).toBeGreaterThanOrEqual(10);
    expect(communities.length).toBeLessThanOrEqual(14);
    expect(villages.length).toBeGreaterThanOrEqual(3);
    expect(villages.length).toBeLessThanOrEqual(5);
    for (const c of JIUTING_COMMUNITIES) {
      expect(c.code).toMatch(/^c_[a-z]+$/);
      expect(c.grids.length).toBeGreaterThanOrEqual(2);
      expect(c.grids.length).toBeLessThanOrEqual(4);
      for (const g of c.grids) expect(g.code).toMatch(/^JT-\d{2}-\d$/);
      // Every community is reachable from the list.
      expect(
        JIUTING_ADDRESSES.some((a) => a.community === c.code),
        c.code,
      ).toBe(true);
    }
    expect(JIUTING_ADDRESSES.length).toBeGreaterThanOrEqual(80);
    expect(JIUTING_ADDRESSES.length).toBeLessThanOrEqual(150);
  });
});

describe('suggestAddresses', () => {
  it.each([
    ['涞坊路 1111 弄', '颐亭花园'],
    ['涞坊路1111', '颐亭花园'],
    ['涞坊路１１１１弄', '颐亭花园'],
    ['涞坊路1111号', '颐亭花园'],
    ['1111弄', '颐亭花园'],
    ['松江区九亭镇涞坊路1111弄12号301室', '颐亭花园'],
    ['九亭 中心 花园', '九亭中心花园'],
    ['中心花园', '九亭中心花园'],
    ['颐亭', '颐亭花园'],
    ['颐亭花园二期', '颐亭花园二期'],
    ['奥园二期', '奥林匹克花园二期'],
    ['奥林匹克', '上海奥林匹克花园'],
    ['中心村三组', '中心村3组'],
    ['大寅村第五村民小组', '大寅村5组'],
    ['九亭站附近', '九亭地铁站'],
    ['九杜路188', '云润家园'],
    ['湖滨国际', '九城湖滨国际公寓'],
  ])('%s → %s', (input, name) => {
    expect(top(input)).toBe(name);
  });

  it('returns at most k suggestions, best first, with scores in 0–1', () => {
    const suggestions = suggestAddresses('涞坊路', JIUTING_ADDRESSES);
    expect(suggestions).toHaveLength(8);
    for (let i = 1; i < suggestions.length; i++) {
      expect(suggestions[i - 1]!.score).toBeGreaterThanOrEqual(suggestions[i]!.score);
    }
    for (const s of suggestions) {
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(s.entry.address).toContain('涞坊');
    }
    expect(suggestAddresses('涞坊路', JIUTING_ADDRESSES, 3)).toHaveLength(3);
  });

  it('suggests nothing for empty input or unrelated text', () => {
    expect(suggestAddresses('', JIUTING_ADDRESSES)).toEqual([]);
    expect(suggestAddresses('  ，', JIUTING_ADDRESSES)).toEqual([]);
    expect(suggestAddresses('火星基地', JIUTING_ADDRESSES)).toEqual([]);
  });

  it('ranks the road section first for a road without a number', () => {
    expect(top('易富路')).toBe('易富路（1–399号）');
  });

  it('ranks a compound or landmark whose name starts with the typed text before the roads it occurs in (issue 16)', () => {
    const names = suggestAddresses('亭北', JIUTING_ADDRESSES).map((s) => s.entry);
    expect(names[0]?.name).toBe('亭北小区');
    const firstSection = names.findIndex((e) => e.kind === 'road_section');
    expect(firstSection === -1 || firstSection > 0).toBe(true);
    expect(top('亭北小')).toBe('亭北小区');
    expect(top('九亭老')).toBe('九亭老街');
    expect(top('颐亭花')).toBe('颐亭花园');
  });
});

describe('resolveAddress', () => {
  it('gives the community and grid of a compound', () => {
    const resolved = resolveAddress('涞坊路 1111 弄', book);
    expect(resolved).toMatchObject({
      entry: { name: '颐亭花园' },
      community: { code: 'c_yiting', name: '颐亭居委会', kind: 'community' },
      grid: { code: 'JT-03-1' },
    });
  });

  it('places a house number on the road section that covers it', () => {
    expect(resolveAddress('沪亭北路123号', book)).toMatchObject({
      entry: { kind: 'road_section' },
      community: { code: 'c_huting' },
    });
    expect(resolveAddress('涞坊路1350号', book)?.community.code).toBe('c_laifang');
    expect(resolveAddress('涞坊路1150号', book)?.community.code).toBe('c_yiting');
  });

  it('resolves village groups to the village', () => {
    expect(resolveAddress('庄家村6组', book)).toMatchObject({
      community: { code: 'c_zhuangjiacun', kind: 'village' },
      grid: { code: 'JT-17-2' },
    });
  });

  it('returns null when nothing matches, or when equally good matches lie in different communities', () => {
    expect(resolveAddress('火星路', book)).toBeNull();
    expect(resolveAddress('', book)).toBeNull();
    // Three sections of 沪亭北路 in three communities: the operator has to choose.
    expect(resolveAddress('沪亭北路', book)).toBeNull();
  });
});
