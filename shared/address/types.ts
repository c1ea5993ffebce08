/**
 * PRODUCT.md §5 "Address": the town's address list maps addresses and compounds to a community (居委会)
 * or village (村) and a grid (网格); the community is the territorial fallback unit (003 第八条).
 */

export const COMMUNITY_KINDS = ['community', 'village'] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];

export interface Grid {
  /** "JT-03-2": town, community number, grid number. */
  code: string;
  name: string;
}

/** A 居委会 or 村: the seed creates one handling unit per community. */
export interface Community {
  /** Stable code, "c_yiting". */
  code: string;
  name: string;
  kind: CommunityKind;
  grids: Grid[];
}

export const ADDRESS_KINDS = [
  /** 小区 / 弄: a residential compound, usually "road + lane" (涞坊路1111弄). */
  'compound',
  /** 路段: a stretch of a road, by house-number range. */
  'road_section',
  /** 村民小组 (村组). */
  'village_group',
  /** 自然村 / 宅: a hamlet inside a village. */
  'hamlet',
  /** A public place callers name instead of an address: station, market, park. */
  'landmark',
] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export interface AddressEntry {
  id: string;
  /** What people call it: 颐亭花园, 中心村3组. */
  name: string;
  /** The standard address: 涞坊路1111弄. */
  address: string;
  kind: AddressKind;
  /** Other names callers use (奥园 for 上海奥林匹克花园). */
  aliases: string[];
  /** Community code (Community.code). */
  community: string;
  /** Grid code (Grid.code), one of the community's grids. */
  grid: string;
  /** For road sections: the house numbers (号/弄 share one sequence in Shanghai) it covers. */
  range?: { from: number; to: number };
}

export interface AddressBook {
  communities: readonly Community[];
  addresses: readonly AddressEntry[];
}
