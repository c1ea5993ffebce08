/**
 * Chinese names the server prints on reports, spreadsheets, supervision sheets and the Open311
 * service list (the console's own UI reads shared/i18n; these must exist even where no UI runs).
 */
import type { CategoryCode, Satisfaction, TicketSource, TicketType } from '../domain';

export const CATEGORY_NAMES = {
  group_renting: '群租',
  street_vending: '无证设摊/占道经营',
  parking: '停车管理',
  noise: '噪声扰民',
  cooking_fumes: '油烟扰民',
  sanitation: '垃圾与环境卫生',
  illegal_construction: '违法搭建',
  property_management: '物业管理',
  water_leak_repair: '漏水与房屋维修',
  greenery: '绿化',
  roads_lights: '道路与路灯',
  public_order: '治安秩序',
  market_food_safety: '市场与食品安全',
  labour: '劳动纠纷',
  social_insurance: '社保医保咨询',
  household_registration: '户籍',
  pets: '宠物',
  fire_safety: '消防通道与消防安全',
  other: '其他',
} as const satisfies Record<CategoryCode, string>;

export const SOURCE_NAMES = {
  hotline: '专线来电',
  walk_in: '来访',
  district_12345: '12345转办',
  online: '网上',
  open311: 'Open311 接口',
} as const satisfies Record<TicketSource, string>;

export const TYPE_NAMES = {
  complaint_help: '投诉求助',
  suggestion: '意见建议',
  consultation: '咨询',
} as const satisfies Record<TicketType, string>;

export const SATISFACTION_NAMES = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
} as const satisfies Record<Satisfaction, string>;

export const CLOCK_NAMES = {
  first_contact: '先行联系',
  reply: '答复',
  revisit: '回访',
  supervision_reply: '督办反馈',
  dispatch: '派单',
  acceptance: '先行接单',
} as const;

/** Tickets whose category was never set, addresses that name no community, and records kept without an address (issue 16). */
export const UNCATEGORISED = '未分类';
export const UNRESOLVED_PLACE = '地址未能识别';
export const NO_ADDRESS = '未填地址';

export function categoryName(code: string | null): string {
  return code !== null && code in CATEGORY_NAMES ? CATEGORY_NAMES[code as CategoryCode] : UNCATEGORISED;
}
