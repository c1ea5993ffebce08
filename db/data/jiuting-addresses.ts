import type { AddressBook, AddressEntry, AddressKind, Community, CommunityKind } from '../../shared/address/types';

/**
 * The sample town's address list: 九亭镇 (上海市松江区). Communities, villages and grids are
 * plausible sample data for the demo and tests, modelled on the town's real roads and estates;
 * they are not the town's official list. Grid codes: "JT-<community no.>-<grid no.>".
 */

const CHINESE_ORDINALS = ['一', '二', '三', '四'];

function community(no: number, code: string, name: string, kind: CommunityKind, grids: number, short: string): Community {
  const nn = String(no).padStart(2, '0');
  return {
    code,
    name,
    kind,
    grids: Array.from({ length: grids }, (_, i) => ({
      code: `JT-${nn}-${i + 1}`,
      name: `${short}第${CHINESE_ORDINALS[i] ?? String(i + 1)}网格`,
    })),
  };
}

export const JIUTING_COMMUNITIES: Community[] = [
  community(1, 'c_jiuting', '九亭居委会', 'community', 3, '九亭'),
  community(2, 'c_zhongxin', '中心居委会', 'community', 2, '中心'),
  community(3, 'c_yiting', '颐亭居委会', 'community', 3, '颐亭'),
  community(4, 'c_aoyuan', '奥园居委会', 'community', 4, '奥园'),
  community(5, 'c_lvting', '绿庭居委会', 'community', 2, '绿庭'),
  community(6, 'c_laifang', '涞坊居委会', 'community', 3, '涞坊'),
  community(7, 'c_huting', '沪亭居委会', 'community', 3, '沪亭'),
  community(8, 'c_yifu', '易富居委会', 'community', 2, '易富'),
  community(9, 'c_banting', '伴亭居委会', 'community', 2, '伴亭'),
  community(10, 'c_jiuxin', '九新居委会', 'community', 3, '九新'),
  community(11, 'c_yunrun', '云润居委会', 'community', 2, '云润'),
  community(12, 'c_hubin', '湖滨居委会', 'community', 3, '湖滨'),
  community(13, 'c_mingzhu', '明珠居委会', 'community', 2, '明珠'),
  community(14, 'c_zhongxincun', '九亭中心村', 'village', 3, '中心村'),
  community(15, 'c_laifangcun', '涞坊村', 'village', 2, '涞坊村'),
  community(16, 'c_dayincun', '大寅村', 'village', 3, '大寅村'),
  community(17, 'c_zhuangjiacun', '庄家村', 'village', 2, '庄家村'),
];

const BY_NUMBER = new Map(JIUTING_COMMUNITIES.map((c, i) => [String(i + 1).padStart(2, '0'), c.code] as const));

type Row = [name: string, address: string, kind: AddressKind, grid: string, aliases?: string[], range?: [number, number]];

const ROWS: Row[] = [
  // 01 九亭居委会: the old town along 九亭大街 and 沪松公路
  ['九亭老街', '九亭老街', 'road_section', 'JT-01-1', ['老街']],
  ['九亭大街（1–299号）', '九亭大街1-299号', 'road_section', 'JT-01-2', [], [1, 299]],
  ['九亭新村', '九亭大街158弄', 'compound', 'JT-01-2'],
  ['亭园小区', '九亭大街216弄', 'compound', 'JT-01-2', ['亭园']],
  ['九亭菜场', '九亭大街188号', 'landmark', 'JT-01-1', ['九亭菜市场']],
  ['沪松新村', '沪松公路1399弄', 'compound', 'JT-01-3'],
  ['沪松公路（九亭段）', '沪松公路1300-1599号', 'road_section', 'JT-01-3', [], [1300, 1599]],
  ['九亭社区卫生服务中心', '九亭大街260号', 'landmark', 'JT-01-3', ['九亭医院', '社区医院']],
  // 02 中心居委会
  ['九亭中心花园', '九亭大街588弄', 'compound', 'JT-02-1', ['中心花园']],
  ['九亭中心花园二期', '九亭大街688弄', 'compound', 'JT-02-2', ['中心花园二期']],
  ['中心公寓', '涞寅路88弄', 'compound', 'JT-02-2'],
  ['九亭商业中心', '九亭大街600号', 'landmark', 'JT-02-1'],
  ['九亭公园', '九亭大街650号', 'landmark', 'JT-02-2'],
  ['九亭大街（500–799号）', '九亭大街500-799号', 'road_section', 'JT-02-1', [], [500, 799]],
  // 03 颐亭居委会
  ['颐亭花园', '涞坊路1111弄', 'compound', 'JT-03-1', ['颐亭']],
  ['颐亭花园二期', '涞坊路1155弄', 'compound', 'JT-03-2', ['颐亭二期']],
  ['颐景苑', '涞坊路1199弄', 'compound', 'JT-03-2'],
  ['颐亭商业街', '涞坊路1101号', 'landmark', 'JT-03-1'],
  ['颐亭幼儿园', '涞坊路1133号', 'landmark', 'JT-03-3'],
  ['涞坊路（1000–1299号）', '涞坊路1000-1299号', 'road_section', 'JT-03-3', [], [1000, 1299]],
  // 04 奥园居委会
  ['上海奥林匹克花园', '沪亭北路399弄', 'compound', 'JT-04-1', ['奥林匹克花园', '奥园', '奥林花园']],
  ['奥林匹克花园二期', '沪亭北路499弄', 'compound', 'JT-04-2', ['奥园二期']],
  ['奥林匹克花园三期', '九亭大街888弄', 'compound', 'JT-04-3', ['奥园三期']],
  ['奥园别墅', '沪亭北路359弄', 'compound', 'JT-04-4', ['奥林匹克花园别墅区']],
  ['奥园会所', '沪亭北路401号', 'landmark', 'JT-04-1', ['奥林匹克花园会所']],
  ['沪亭北路（300–549号）', '沪亭北路300-549号', 'road_section', 'JT-04-4', [], [300, 549]],
  // 05 绿庭居委会
  ['绿庭尚城', '沪亭北路618弄', 'compound', 'JT-05-1'],
  ['绿庭尚城二期', '沪亭北路658弄', 'compound', 'JT-05-2'],
  ['绿庭商业广场', '沪亭北路600号', 'landmark', 'JT-05-1', ['绿庭广场']],
  ['沪亭北路（550–799号）', '沪亭北路550-799号', 'road_section', 'JT-05-2', [], [550, 799]],
  // 06 涞坊居委会
  ['涞坊新苑', '涞坊路1399弄', 'compound', 'JT-06-1'],
  ['涞坊公寓', '涞坊路1455弄', 'compound', 'JT-06-1'],
  ['涞坊佳苑', '涞坊路1500弄', 'compound', 'JT-06-2'],
  ['坊亭苑', '涞坊路1600弄', 'compound', 'JT-06-2'],
  ['涞寅花园', '涞寅路299弄', 'compound', 'JT-06-2'],
  ['涞坊路菜场', '涞坊路1420号', 'landmark', 'JT-06-3', ['涞坊菜场']],
  ['涞坊路（1300–1699号）', '涞坊路1300-1699号', 'road_section', 'JT-06-3', [], [1300, 1699]],
  // 07 沪亭居委会
  ['沪亭新苑', '沪亭北路199弄', 'compound', 'JT-07-1'],
  ['沪亭公寓', '沪亭北路218弄', 'compound', 'JT-07-1'],
  ['亭北小区', '沪亭北路258弄', 'compound', 'JT-07-2', ['亭北新村']],
  ['亭南小区', '沪亭南路88弄', 'compound', 'JT-07-3'],
  ['九亭地铁站', '沪亭北路九亭站', 'landmark', 'JT-07-2', ['九亭站', '地铁九亭站', '9号线九亭站']],
  ['九亭镇社区事务受理服务中心', '沪亭北路280号', 'landmark', 'JT-07-2', ['社区事务受理中心', '镇政府']],
  ['沪亭北路（1–299号）', '沪亭北路1-299号', 'road_section', 'JT-07-3', [], [1, 299]],
  ['沪亭南路（1–300号）', '沪亭南路1-300号', 'road_section', 'JT-07-3', [], [1, 300]],
  // 08 易富居委会
  ['易富花苑', '易富路88弄', 'compound', 'JT-08-1'],
  ['易富新村', '易富路128弄', 'compound', 'JT-08-1'],
  ['易富家园', '易富路188弄', 'compound', 'JT-08-2'],
  ['易富路菜场', '易富路100号', 'landmark', 'JT-08-2', ['易富菜场']],
  ['易富小学', '易富路200号', 'landmark', 'JT-08-2'],
  ['易富路（1–399号）', '易富路1-399号', 'road_section', 'JT-08-2', [], [1, 399]],
  // 09 伴亭居委会
  ['伴亭苑', '伴亭路55弄', 'compound', 'JT-09-1'],
  ['伴亭家园', '伴亭路99弄', 'compound', 'JT-09-1'],
  ['伴亭雅苑', '伴亭路155弄', 'compound', 'JT-09-2'],
  ['伴亭路（1–299号）', '伴亭路1-299号', 'road_section', 'JT-09-2', [], [1, 299]],
  // 10 九新居委会
  ['九新公寓', '九新公路1188弄', 'compound', 'JT-10-1'],
  ['九新家园', '九新公路1255弄', 'compound', 'JT-10-1'],
  ['九新苑', '九新公路1300弄', 'compound', 'JT-10-2'],
  ['九亭工业园区', '九新公路1500号', 'landmark', 'JT-10-3', ['工业园区']],
  ['九新公路（1100–1599号）', '九新公路1100-1599号', 'road_section', 'JT-10-3', [], [1100, 1599]],
  ['九杜路（300–699号）', '九杜路300-699号', 'road_section', 'JT-10-3', [], [300, 699]],
  // 11 云润居委会
  ['云润家园', '九杜路188弄', 'compound', 'JT-11-1'],
  ['云润家园二期', '九杜路218弄', 'compound', 'JT-11-2'],
  ['云润商业街', '九杜路200号', 'landmark', 'JT-11-1'],
  ['九杜路（1–299号）', '九杜路1-299号', 'road_section', 'JT-11-2', [], [1, 299]],
  // 12 湖滨居委会
  ['九城湖滨国际公寓', '涞寅路666弄', 'compound', 'JT-12-1', ['湖滨国际', '九城湖滨']],
  ['湖滨花园', '涞寅路688弄', 'compound', 'JT-12-2'],
  ['湖滨新村', '涞寅路720弄', 'compound', 'JT-12-3'],
  ['湖滨广场', '涞寅路700号', 'landmark', 'JT-12-2'],
  ['涞寅路（500–899号）', '涞寅路500-899号', 'road_section', 'JT-12-3', [], [500, 899]],
  // 13 明珠居委会
  ['明珠苑', '蒲汇路118弄', 'compound', 'JT-13-1', ['九亭明珠苑']],
  ['明珠花园', '蒲汇路158弄', 'compound', 'JT-13-2'],
  ['蒲汇路（1–399号）', '蒲汇路1-399号', 'road_section', 'JT-13-2', [], [1, 399]],
];

/** 村民小组: groups 1–n of a village, spread over its grids in order. */
function villageGroups(village: string, no: number, groups: number, grids: number): Row[] {
  const nn = String(no).padStart(2, '0');
  const perGrid = Math.ceil(groups / grids);
  return Array.from({ length: groups }, (_, i) => [
    `${village}${i + 1}组`,
    `${village}${i + 1}组`,
    'village_group',
    `JT-${nn}-${Math.floor(i / perGrid) + 1}`,
    [`${village}第${i + 1}村民小组`],
  ]);
}

const VILLAGE_ROWS: Row[] = [
  // 14 九亭中心村
  ['九亭中心村村委会', '九亭中心村', 'landmark', 'JT-14-1', ['中心村', '中心村村委会']],
  ...villageGroups('中心村', 14, 8, 3),
  ['朱家宅', '中心村朱家宅', 'hamlet', 'JT-14-2'],
  ['中心村工业区', '九新公路1700号', 'landmark', 'JT-14-3'],
  // 15 涞坊村
  ['涞坊村村委会', '涞坊村', 'landmark', 'JT-15-1', ['涞坊村']],
  ...villageGroups('涞坊村', 15, 6, 2),
  ['沈家浜', '涞坊村沈家浜', 'hamlet', 'JT-15-2'],
  // 16 大寅村
  ['大寅村村委会', '大寅村', 'landmark', 'JT-16-1', ['大寅村']],
  ...villageGroups('大寅村', 16, 9, 3),
  ['张家宅', '大寅村张家宅', 'hamlet', 'JT-16-2'],
  ['大寅工业区', '涞寅路1100号', 'landmark', 'JT-16-3'],
  // 17 庄家村
  ['庄家村村委会', '庄家村', 'landmark', 'JT-17-1', ['庄家村']],
  ...villageGroups('庄家村', 17, 6, 2),
  ['庄家宅', '庄家村庄家宅', 'hamlet', 'JT-17-1'],
];

export const JIUTING_ADDRESSES: AddressEntry[] = [...ROWS, ...VILLAGE_ROWS].map(
  ([name, address, kind, grid, aliases = [], range], i) => {
    const community = BY_NUMBER.get(grid.split('-')[1] ?? '');
    if (!community) throw new Error(`grid ${grid} has no community`);
    return {
      id: `jt-${String(i + 1).padStart(3, '0')}`,
      name,
      address,
      kind,
      aliases,
      community,
      grid,
      ...(range ? { range: { from: range[0], to: range[1] } } : {}),
    };
  },
);

export const JIUTING_ADDRESS_BOOK: AddressBook = {
  communities: JIUTING_COMMUNITIES,
  addresses: JIUTING_ADDRESSES,
};
