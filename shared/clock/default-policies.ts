/**
 * The SLA policies shipped with the product (PRODUCT.md §4), version 1 of each. Supervisors edit
 * copies of these; the seed loads them.
 */
import type { DayKind } from '../calendar/types';
import { defaultLights, type TClockPolicy, type TClockRule, type TReminderRule, type TSlaPolicy } from './policy-schema';

export const DEFAULT_POLICY_CODES = ['hotline_default', 'district_12345', 'urgent', 'suishenpai'] as const;
export type DefaultPolicyCode = (typeof DEFAULT_POLICY_CODES)[number];

/** PRODUCT.md §4: a reminder goes out when a clock turns yellow. */
const ON_YELLOW: TReminderRule = { when: 'light', light: 'yellow' };
/** 000 二(五): special deadlines are reminded 2 days before they fall due. */
const TWO_DAYS_BEFORE_DUE: TReminderRule = { when: 'before_due', days: 2 };

/** A rule with the PRODUCT.md §4 default lights and, unless given, the on-yellow reminder. */
function rule(days: number, kind: DayKind = 'working', reminders?: TReminderRule[]): TClockRule {
  const lights = defaultLights(days);
  return {
    limit: { days, kind },
    lights,
    reminders: reminders ?? (lights.yellowOnDay === null ? [] : [ON_YELLOW]),
  };
}

function single(clockRule: TClockRule): TClockPolicy {
  return { rounds: [clockRule] };
}

/** PRODUCT.md §4 table / 000 三(二): return within 1 working day, 3 with on-site determination. */
const RETURN_WINDOW: TClockPolicy = { rounds: [rule(1)], onSite: rule(3) };
/** 004 三(一)2 and 三(三)4: written supervision answered within 5 working days. */
const SUPERVISION_REPLY: TClockPolicy = single(rule(5));
/** 001 二.1 / 003 第六条(一): first contact within 1 working day. */
const FIRST_CONTACT: TClockPolicy = single(rule(1));
/** 003 第五条(四): revisit within 1 working day of the reply. */
const REVISIT: TClockPolicy = single(rule(1));

export const DEFAULT_POLICIES = {
  /** 003: the town's own line 62112345. Re-dispatch after an unresolved revisit restarts the same loop. */
  hotline_default: {
    code: 'hotline_default',
    version: 1,
    name: { zh: '62112345便民服务专线（默认）', en: '62112345 convenience line (default)' },
    clocks: {
      first_contact: FIRST_CONTACT,
      // 003 第六条(一): reply to the caller within 5 working days; warning 3, yellow 4, red 5.
      reply: single(rule(5)),
      revisit: REVISIT,
      return_window: RETURN_WINDOW,
      supervision_reply: SUPERVISION_REPLY,
    },
  },
  /** 000: orders from the district 12345 hotline. */
  district_12345: {
    code: 'district_12345',
    version: 1,
    name: { zh: '12345市民服务热线工单', en: '12345 citizen hotline order' },
    clocks: {
      first_contact: FIRST_CONTACT,
      reply: {
        rounds: [
          // 000 三(三): reply within 10 working days; 000 二(五): remind once working day 8 is
          // over (day 9, which is also the yellow day, so no second on-yellow reminder).
          rule(10, 'working', [{ when: 'after_day', day: 8 }]),
          // 001 二.1 再次处置: second handling within 3 working days.
          rule(3),
        ],
      },
      revisit: REVISIT,
      return_window: RETURN_WINDOW,
      supervision_reply: SUPERVISION_REPLY,
    },
  },
  /** 001 三.1: urgent, semi-urgent and city review orders — 3 working days. */
  urgent: {
    code: 'urgent',
    version: 1,
    name: { zh: '紧急工单', en: 'Urgent order' },
    clocks: {
      first_contact: FIRST_CONTACT,
      reply: single(rule(3, 'working', [ON_YELLOW, TWO_DAYS_BEFORE_DUE])),
      revisit: REVISIT,
      return_window: RETURN_WINDOW,
      supervision_reply: SUPERVISION_REPLY,
    },
  },
  /** 001 三.1: 随申拍 orders — 3 natural days, holidays included. */
  suishenpai: {
    code: 'suishenpai',
    version: 1,
    name: { zh: '随申拍工单', en: 'Suishenpai photo report' },
    clocks: {
      first_contact: FIRST_CONTACT,
      reply: single(rule(3, 'natural', [ON_YELLOW, TWO_DAYS_BEFORE_DUE])),
      revisit: REVISIT,
      return_window: RETURN_WINDOW,
      supervision_reply: SUPERVISION_REPLY,
    },
  },
} satisfies Record<DefaultPolicyCode, TSlaPolicy & { code: DefaultPolicyCode }>;
