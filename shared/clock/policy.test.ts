import { describe, expect, it } from 'vitest';

import {
  CLOCK_KINDS,
  clockRuleFor,
  DEFAULT_POLICIES,
  DEFAULT_POLICY_CODES,
  defaultLights,
  reminderToken,
  ZClockRuleSchema,
  ZLightThresholdsSchema,
  ZSlaPolicySchema,
  type TClockRule,
  type TSlaPolicy,
} from './policy';

const { hotline_default, district_12345, urgent, suishenpai } = DEFAULT_POLICIES;

function limitOf(policy: TSlaPolicy, kind: (typeof CLOCK_KINDS)[number], round = 1, onSite = false) {
  return clockRuleFor(policy, kind, { round, onSite })?.limit;
}

describe('DEFAULT_POLICIES', () => {
  it('are valid policies keyed by their code, version 1, named in Chinese and English', () => {
    for (const code of DEFAULT_POLICY_CODES) {
      const policy = DEFAULT_POLICIES[code];
      expect(ZSlaPolicySchema.parse(policy)).toEqual(policy);
      expect(policy.code).toBe(code);
      expect(policy.version).toBe(1);
      expect(policy.name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(policy.name.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('hotline_default is 003: contact 1, reply 5, revisit 1, return 1 (3 on site), supervision 5', () => {
    expect(limitOf(hotline_default, 'first_contact')).toEqual({ days: 1, kind: 'working' });
    expect(limitOf(hotline_default, 'reply')).toEqual({ days: 5, kind: 'working' });
    expect(limitOf(hotline_default, 'revisit')).toEqual({ days: 1, kind: 'working' });
    expect(limitOf(hotline_default, 'return_window')).toEqual({ days: 1, kind: 'working' });
    expect(limitOf(hotline_default, 'return_window', 1, true)).toEqual({ days: 3, kind: 'working' });
    expect(limitOf(hotline_default, 'supervision_reply')).toEqual({ days: 5, kind: 'working' });
  });

  it('hotline_default reply lights: warning from day 3, yellow on 4, red on 5, remind when yellow', () => {
    const reply = clockRuleFor(hotline_default, 'reply');
    expect(reply?.lights).toEqual({ warningFromDay: 3, yellowOnDay: 4, redOnDay: 5 });
    expect(reply?.reminders).toEqual([{ when: 'light', light: 'yellow' }]);
  });

  it('1-day clocks are red on day 1 with no warning, yellow or automatic reminder', () => {
    const contact = clockRuleFor(hotline_default, 'first_contact');
    expect(contact?.lights).toEqual({ warningFromDay: null, yellowOnDay: null, redOnDay: 1 });
    expect(contact?.reminders).toEqual([]);
  });

  it('hotline_default re-dispatch restarts the same 5-day reply', () => {
    expect(limitOf(hotline_default, 'reply', 2)).toEqual({ days: 5, kind: 'working' });
  });

  it('district_12345 is 000: 10 working days with a reminder after day 8; round 2 is 3 days (001)', () => {
    const reply = clockRuleFor(district_12345, 'reply');
    expect(reply?.limit).toEqual({ days: 10, kind: 'working' });
    expect(reply?.reminders).toEqual([{ when: 'after_day', day: 8 }]);
    expect(limitOf(district_12345, 'reply', 2)).toEqual({ days: 3, kind: 'working' });
    expect(limitOf(district_12345, 'reply', 3)).toEqual({ days: 3, kind: 'working' });
    expect(limitOf(district_12345, 'return_window')).toEqual({ days: 1, kind: 'working' });
    expect(limitOf(district_12345, 'return_window', 1, true)).toEqual({ days: 3, kind: 'working' });
  });

  it('urgent is 3 working days, 随申拍 3 natural days, both reminded 2 days before due', () => {
    // 001 三.1 limits; 000 二(五) reminder
    expect(limitOf(urgent, 'reply')).toEqual({ days: 3, kind: 'working' });
    expect(limitOf(suishenpai, 'reply')).toEqual({ days: 3, kind: 'natural' });
    for (const policy of [urgent, suishenpai]) {
      expect(clockRuleFor(policy, 'reply')?.reminders).toContainEqual({ when: 'before_due', days: 2 });
    }
  });

  it('run every clock of the PRODUCT.md §4 table', () => {
    for (const code of DEFAULT_POLICY_CODES) {
      for (const kind of CLOCK_KINDS) {
        expect(clockRuleFor(DEFAULT_POLICIES[code], kind), `${code} ${kind}`).toBeDefined();
      }
    }
  });
});

describe('defaultLights', () => {
  it('scales PRODUCT.md §4 defaults to the limit', () => {
    expect(defaultLights(5)).toEqual({ warningFromDay: 3, yellowOnDay: 4, redOnDay: 5 });
    expect(defaultLights(10)).toEqual({ warningFromDay: 8, yellowOnDay: 9, redOnDay: 10 });
    expect(defaultLights(3)).toEqual({ warningFromDay: 1, yellowOnDay: 2, redOnDay: 3 });
    expect(defaultLights(2)).toEqual({ warningFromDay: null, yellowOnDay: 1, redOnDay: 2 });
    expect(defaultLights(1)).toEqual({ warningFromDay: null, yellowOnDay: null, redOnDay: 1 });
    expect(defaultLights(0)).toEqual({ warningFromDay: null, yellowOnDay: null, redOnDay: 0 });
  });

  it('are always valid thresholds', () => {
    for (let days = 0; days <= 60; days += 1) {
      expect(ZLightThresholdsSchema.safeParse(defaultLights(days)).success, `${days}`).toBe(true);
    }
  });
});

describe('ZSlaPolicySchema', () => {
  const valid: TClockRule = {
    limit: { days: 5, kind: 'working' },
    lights: { warningFromDay: 3, yellowOnDay: 4, redOnDay: 5 },
    reminders: [{ when: 'light', light: 'yellow' }],
  };

  it('rejects thresholds out of order', () => {
    const ok = (lights: unknown) => ZLightThresholdsSchema.safeParse(lights).success;
    expect(ok({ warningFromDay: 4, yellowOnDay: 4, redOnDay: 5 })).toBe(false);
    expect(ok({ warningFromDay: null, yellowOnDay: 6, redOnDay: 5 })).toBe(false);
    expect(ok({ warningFromDay: 3, yellowOnDay: null, redOnDay: 5 })).toBe(true);
  });

  it('rejects red after the due day, duplicate reminders and fractional or negative days', () => {
    const ok = (rule: unknown) => ZClockRuleSchema.safeParse(rule).success;
    expect(ok(valid)).toBe(true);
    expect(ok({ ...valid, lights: { ...valid.lights, redOnDay: 6 } })).toBe(false);
    expect(ok({ ...valid, reminders: [...valid.reminders, ...valid.reminders] })).toBe(false);
    expect(ok({ ...valid, limit: { days: 2.5, kind: 'working' } })).toBe(false);
    expect(ok({ ...valid, limit: { days: -1, kind: 'working' } })).toBe(false);
    expect(ok({ ...valid, limit: { days: 5, kind: 'weekdays' } })).toBe(false);
  });

  it('rejects a clock with no rounds, a bad code and version 0', () => {
    const base = {
      code: 'town_custom',
      version: 2,
      name: { zh: '自定义', en: 'Custom' },
      clocks: { reply: { rounds: [valid] } },
    };
    expect(ZSlaPolicySchema.safeParse(base).success).toBe(true);
    expect(ZSlaPolicySchema.safeParse({ ...base, clocks: { reply: { rounds: [] } } }).success).toBe(false);
    expect(ZSlaPolicySchema.safeParse({ ...base, code: 'Town Custom' }).success).toBe(false);
    expect(ZSlaPolicySchema.safeParse({ ...base, version: 0 }).success).toBe(false);
  });
});

describe('clockRuleFor', () => {
  it('is undefined for a clock the policy does not run', () => {
    const policy = ZSlaPolicySchema.parse({
      code: 'reply_only',
      version: 1,
      name: { zh: '仅答复', en: 'Reply only' },
      clocks: { reply: { rounds: [clockRuleFor(hotline_default, 'reply')] } },
    });
    expect(clockRuleFor(policy, 'revisit')).toBeUndefined();
    // onSite without an on-site rule falls back to the round rule
    expect(clockRuleFor(policy, 'reply', { onSite: true })?.limit.days).toBe(5);
  });

  it('rejects round 0', () => {
    expect(() => clockRuleFor(hotline_default, 'reply', { round: 0 })).toThrow(RangeError);
  });
});

describe('reminderToken', () => {
  it('names each rule stably', () => {
    expect(reminderToken({ when: 'light', light: 'yellow' })).toBe('yellow');
    expect(reminderToken({ when: 'after_day', day: 8 })).toBe('after-day-8');
    expect(reminderToken({ when: 'before_due', days: 2 })).toBe('before-due-2');
  });
});
