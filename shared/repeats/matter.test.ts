/**
 * Issue 15.5, 000 三(六) / 004 二.4 / PRODUCT.md §5: repeats counted by matter (same caller or address,
 * similar text) across categories; the rule the server and the caller-history panel share.
 */
import { describe, expect, it } from 'vitest';
import { isSameMatter, madeProgress, matterRepeats, redispatchedTooOften, similarText, type MatterTicket } from './matter';

const earlier = (o: Partial<MatterTicket>): MatterTicket => ({
  samePhone: false,
  sameAddress: true,
  categoryCode: 'cooking_fumes',
  description: '楼下烧烤摊油烟很大，熏得开不了窗',
  progressed: false,
  ...o,
});

describe('repeats by matter (000 三(六))', () => {
  it('calls the same text a matter by its words, not by where or when', () => {
    expect(similarText('楼下烧烤摊油烟很大，熏得开不了窗', '路边烧烤摊晚上占道经营，桌子摆到人行道')).toBe(true);
    expect(similarText('楼上每天半夜跺脚拖椅子', '楼上又开始半夜跺脚')).toBe(true);
    expect(similarText('小区门口烧烤摊油烟', '小区门口车辆乱停')).toBe(false);
    expect(similarText('小区树枝挡住了窗户', '小区里晚上有人跺脚噪音')).toBe(false);
  });

  it('counts the barbecue stall filed under two categories as one matter, and makes it a candidate at 3', () => {
    const current = { categoryCode: 'street_vending', description: '烧烤摊又摆出来了，占道还油烟熏人' };
    const calls = [
      earlier({ categoryCode: 'cooking_fumes' }),
      earlier({ categoryCode: 'street_vending', description: '路边烧烤摊晚上占道经营' }),
      earlier({ categoryCode: 'cooking_fumes', samePhone: true, sameAddress: false, description: '那个烧烤摊油烟还是很大' }),
    ];
    expect(matterRepeats(current, calls, 3)).toMatchObject({ candidate: true });
    expect(matterRepeats(current, calls.slice(0, 2), 3).candidate).toBe(false);
    // Progress made on one of them: no longer 3 without progress.
    expect(matterRepeats(current, [...calls.slice(0, 2), { ...calls[2]!, progressed: true }], 3).candidate).toBe(false);
  });

  it('keeps the same address and category a matter whatever the words, and needs the caller or the place', () => {
    expect(
      isSameMatter(
        { categoryCode: 'property_management', description: '门禁坏了' },
        earlier({ categoryCode: 'property_management', description: '物业费标准' }),
      ),
    ).toBe(true);
    expect(isSameMatter({ categoryCode: 'noise', description: '烧烤摊油烟' }, earlier({ sameAddress: false }))).toBe(false);
    expect(isSameMatter({ categoryCode: 'noise', description: '车辆乱停' }, earlier({}))).toBe(false);
  });

  it('makes a ticket dispatched again 3 times a candidate (round 4), and knows progress', () => {
    expect(redispatchedTooOften(3, 3)).toBe(false);
    expect(redispatchedTooOften(4, 3)).toBe(true);
    expect(madeProgress({ state: 'archived', resolvedAtRevisit: false })).toBe(false);
    expect(madeProgress({ state: 'archived', resolvedAtRevisit: true })).toBe(true);
    expect(madeProgress({ state: 'filed', resolvedAtRevisit: false })).toBe(true);
    expect(madeProgress({ state: 'in_progress', resolvedAtRevisit: false })).toBe(false);
  });
});
