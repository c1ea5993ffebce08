/**
 * The sample town for demos and tests: Jiuting's line departments and the dispatch rule table
 * ("条块结合、以条为主、属地托管", 003 第八条). Communities (居委会, 村) come from the town's address list, db/data/jiuting-addresses.ts.
 */
import type { CategoryCode, UnitKind } from '../../shared/domain';

export interface SeedUnit {
  code: string;
  name: string;
  kind: UnitKind;
}

export const DEPARTMENTS: SeedUnit[] = [
  { code: 'd_chengguan', name: '九亭镇城管中队', kind: 'department' },
  { code: 'd_market', name: '九亭市场监管所', kind: 'department' },
  { code: 'd_police', name: '九亭派出所', kind: 'department' },
  { code: 'd_housing', name: '镇房管办', kind: 'department' },
  { code: 'd_construction', name: '镇规划建设和环境保护办公室', kind: 'department' },
  { code: 'd_sanitation', name: '镇市容环卫所', kind: 'department' },
  { code: 'd_greenery', name: '镇绿化管理所', kind: 'department' },
  { code: 'd_municipal', name: '镇市政管理所', kind: 'department' },
  { code: 'd_labour', name: '镇劳动保障所', kind: 'department' },
  { code: 'd_service', name: '镇社区事务受理服务中心', kind: 'department' },
  { code: 'd_safety', name: '镇安全生产办公室（消防）', kind: 'department' },
  { code: 'd_environment', name: '镇生态环境办', kind: 'department' },
  { code: 'd_public_order', name: '镇平安办（综治）', kind: 'department' },
  { code: 'd_agriculture', name: '镇农业服务中心（动物防疫）', kind: 'department' },
];

/** Lead and assisting departments per category; `null` lead means the address's community. */
export const DISPATCH_RULES: Record<CategoryCode, { lead: string | null; assist: string[] }> = {
  group_renting: { lead: 'd_housing', assist: ['d_police'] },
  street_vending: { lead: 'd_chengguan', assist: ['d_market'] },
  parking: { lead: 'd_police', assist: ['d_chengguan'] },
  noise: { lead: 'd_environment', assist: ['d_police'] },
  cooking_fumes: { lead: 'd_environment', assist: ['d_market'] },
  sanitation: { lead: 'd_sanitation', assist: [] },
  illegal_construction: { lead: 'd_chengguan', assist: ['d_construction'] },
  property_management: { lead: 'd_housing', assist: [] },
  water_leak_repair: { lead: 'd_housing', assist: [] },
  greenery: { lead: 'd_greenery', assist: [] },
  roads_lights: { lead: 'd_municipal', assist: [] },
  public_order: { lead: 'd_public_order', assist: ['d_police'] },
  market_food_safety: { lead: 'd_market', assist: [] },
  labour: { lead: 'd_labour', assist: [] },
  social_insurance: { lead: 'd_service', assist: [] },
  household_registration: { lead: 'd_police', assist: ['d_service'] },
  pets: { lead: 'd_agriculture', assist: ['d_police'] },
  fire_safety: { lead: 'd_safety', assist: [] },
  other: { lead: null, assist: [] },
};
