/**
 * The Open311 services (GeoReport v2 "GET Service List"): the categories of the dispatch rule
 * table (shared/domain CATEGORY_CODES, 000 四) with their Chinese names. One attribute, the
 * ticket type of the intake record (PRODUCT.md §2), so `metadata` is true.
 */
import { CATEGORY_CODES, TICKET_TYPES, type CategoryCode } from '../../shared/domain';
import { CATEGORY_NAMES, TYPE_NAMES } from '../../shared/reports/labels';
import type { TOpen311Service, TOpen311ServiceDefinition } from '../../shared/schemas/open311';

/** Groups of the service list (GeoReport `group`). */
const GROUP: Record<CategoryCode, string> = {
  group_renting: '房屋管理',
  property_management: '房屋管理',
  water_leak_repair: '房屋管理',
  illegal_construction: '城市管理',
  street_vending: '城市管理',
  parking: '城市管理',
  sanitation: '市容环境',
  greenery: '市容环境',
  roads_lights: '市政设施',
  noise: '生态环境',
  cooking_fumes: '生态环境',
  public_order: '平安建设',
  fire_safety: '平安建设',
  market_food_safety: '市场监管',
  labour: '民生服务',
  social_insurance: '民生服务',
  household_registration: '民生服务',
  pets: '民生服务',
  other: '其他',
};

export function open311Services(): TOpen311Service[] {
  return CATEGORY_CODES.map((code) => ({
    service_code: code,
    service_name: CATEGORY_NAMES[code],
    description: `${CATEGORY_NAMES[code]}方面的诉求，由九亭镇62112345便民服务专线受理并派至承办单位办理`,
    metadata: true,
    type: 'realtime',
    keywords: CATEGORY_NAMES[code].split('/').join(', '),
    group: GROUP[code],
  }));
}

export function isServiceCode(code: string): code is CategoryCode {
  return (CATEGORY_CODES as readonly string[]).includes(code);
}

/** The attribute every service takes: attribute[type] = complaint_help | suggestion | consultation. */
export const TYPE_ATTRIBUTE = 'type';

export function serviceDefinition(code: CategoryCode): TOpen311ServiceDefinition {
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: TYPE_ATTRIBUTE,
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '不填时按投诉求助受理',
        order: 1,
        description: '工单类型',
        values: TICKET_TYPES.map((t) => ({ key: t, name: TYPE_NAMES[t] })),
      },
    ],
  };
}
