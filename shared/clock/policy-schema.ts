/**
 * SLA policies (PRODUCT.md §4 "Policies"): per source and ticket type, the limit of every clock and
 * round, its light thresholds (002 附件1) and its reminder rules (000 二(五)). Supervisors edit
 * them; each edit is a new version and a ticket keeps the version it started with.
 */
import { z } from 'zod';

import { assertUnreachable } from '../errors';

/** PRODUCT.md §4 table: the clocks a ticket can run. */
/**
 * PRODUCT.md §4 table, and issue 15.3: `dispatch` (000 三(一) "1个工作日内派单至相关承办单位", from
 * registration to the first dispatch) and `acceptance` (001 二.1 先行接单, from dispatch to the unit's
 * acceptance; 001 五.1 reports units that did not accept on time).
 */
export const CLOCK_KINDS = ['first_contact', 'reply', 'revisit', 'return_window', 'supervision_reply', 'dispatch', 'acceptance'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];
export const ZClockKindSchema = z.enum(CLOCK_KINDS);

export const ZDayKindSchema = z.enum(['working', 'natural']);

/** A day count on a clock: 0 = the start day, 1 = the first counted day after it (002). */
const ZDayNumberSchema = z.number().int().min(0).max(366);

/** "Within `days` working (or natural) days" (002: due at the end of day `days`). */
export const ZDayLimitSchema = z.object({
  days: ZDayNumberSchema,
  kind: ZDayKindSchema,
});
export type TDayLimit = z.infer<typeof ZDayLimitSchema>;

/**
 * 002 附件1: on which day number each light starts. null = the clock skips that light
 * (1-day clocks are red on day 1 with no warning or yellow). Red means "due today".
 */
export const ZLightThresholdsSchema = z
  .object({
    warningFromDay: ZDayNumberSchema.nullable(),
    yellowOnDay: ZDayNumberSchema.nullable(),
    redOnDay: ZDayNumberSchema,
  })
  .refine(
    ({ warningFromDay, yellowOnDay, redOnDay }) => {
      const days = [warningFromDay, yellowOnDay, redOnDay].filter((d): d is number => d !== null);
      return days.every((d, i) => i === 0 || (days[i - 1] ?? -1) < d);
    },
    { message: 'light thresholds must rise: warning < yellow < red' },
  );
export type TLightThresholds = z.infer<typeof ZLightThresholdsSchema>;

export const REMINDER_LIGHTS = ['warning', 'yellow', 'red', 'overdue'] as const;

/**
 * When a reminder (催单) goes out; each fires at most once per clock and round.
 * - light: once the clock's light reaches (or has passed) `light` — PRODUCT.md §4 "when a clock turns yellow".
 * - after_day: once working day `day` is over — 000 二(五) "晚于8个工作日…催单提醒".
 * - before_due: from day (limit − `days`) on — 000 二(五) "在到期前2天即进行提醒".
 */
export const ZReminderRuleSchema = z.discriminatedUnion('when', [
  z.object({ when: z.literal('light'), light: z.enum(REMINDER_LIGHTS) }),
  z.object({ when: z.literal('after_day'), day: ZDayNumberSchema }),
  z.object({ when: z.literal('before_due'), days: ZDayNumberSchema }),
]);
export type TReminderRule = z.infer<typeof ZReminderRuleSchema>;

/** One clock in one round: its limit, lights and reminders. */
export const ZClockRuleSchema = z
  .object({
    limit: ZDayLimitSchema,
    lights: ZLightThresholdsSchema,
    reminders: z.array(ZReminderRuleSchema),
  })
  .refine(({ limit, lights }) => lights.redOnDay <= limit.days, {
    message: 'red must start on or before the due day',
    path: ['lights', 'redOnDay'],
  })
  .refine(({ reminders }) => new Set(reminders.map(reminderToken)).size === reminders.length, {
    message: 'duplicate reminder rule',
    path: ['reminders'],
  });
export type TClockRule = z.infer<typeof ZClockRuleSchema>;

/**
 * A clock across rounds. rounds[0] is round 1; rounds[i] is round i + 1 and the last entry
 * applies to every later round (001 二.1 再次处置: second handling within 3 working days).
 * onSite replaces the round rule when on-site determination is needed (000 三(二): return
 * within 1 working day, 3 when the responsibility must be determined on site).
 */
export const ZClockPolicySchema = z.object({
  rounds: z.array(ZClockRuleSchema).min(1),
  onSite: ZClockRuleSchema.optional(),
});
export type TClockPolicy = z.infer<typeof ZClockPolicySchema>;

export const ZPolicyCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,47}$/);

/**
 * An unreachable citizen at the revisit (PRODUCT.md §3 record_revisit_attempt): after `max`
 * unreachable calls, each at least `minGapMinutes` after the one before ("at different times"),
 * the ticket is archived as unreachable. A product rule, not a seed's; 3 and 60 when a policy says
 * nothing.
 */
export const ZRevisitAttemptsSchema = z.object({
  max: z.number().int().min(1).max(10),
  minGapMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
});
export type TRevisitAttempts = z.infer<typeof ZRevisitAttemptsSchema>;
export const DEFAULT_REVISIT_ATTEMPTS: TRevisitAttempts = { max: 3, minGapMinutes: 60 };

/**
 * 000 二(一) 首办责任制: "第一次承接热线工单的单位应对涉及诉求事项进行了解核实…严禁未经核实，即发起退单".
 * When on (the default), a unit may ask to return a ticket only after it recorded a first contact
 * with the citizen or a site visit in this handling.
 */
export const DEFAULT_RETURN_NEEDS_VERIFICATION = true;

/**
 * 000 三(四) "各责任单位主要负责人对处理结果应严格审核把关，并在结案签批表上签字确认"; 002 一.6
 * "对处置后工单，需分管领导签字上报". When on, a closing report is accepted or revisited only after the
 * unit recorded its head's sign-off (`ticket.reply_signed_off`). Off by default: the line's own rules
 * (003) do not ask for it.
 */
export const DEFAULT_REPLY_NEEDS_SIGN_OFF = false;

export const ZSlaPolicySchema = z.object({
  code: ZPolicyCodeSchema,
  version: z.number().int().min(1),
  name: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
  /** A clock missing here does not run under this policy. */
  clocks: z.object({
    first_contact: ZClockPolicySchema.optional(),
    reply: ZClockPolicySchema.optional(),
    revisit: ZClockPolicySchema.optional(),
    return_window: ZClockPolicySchema.optional(),
    supervision_reply: ZClockPolicySchema.optional(),
    /** Absent: DEFAULT_DISPATCH_CLOCK (policies stored before issue 15.3). */
    dispatch: ZClockPolicySchema.optional(),
    /** Absent: DEFAULT_ACCEPTANCE_CLOCK. */
    acceptance: ZClockPolicySchema.optional(),
  }) satisfies z.ZodType<Partial<Record<ClockKind, TClockPolicy>>>,
  /** Absent: DEFAULT_REVISIT_ATTEMPTS (policies stored before the rule was configurable). */
  revisitAttempts: ZRevisitAttemptsSchema.optional(),
  /** 000 二(一): a return needs a recorded first contact or site visit first. Absent: DEFAULT_RETURN_NEEDS_VERIFICATION (on). */
  returnNeedsVerification: z.boolean().optional(),
  /** 000 三(四), 002 一.6: the unit head signs the closing report off. Absent: DEFAULT_REPLY_NEEDS_SIGN_OFF (off). */
  replyNeedsSignOff: z.boolean().optional(),
});
export type TSlaPolicy = z.infer<typeof ZSlaPolicySchema>;

/**
 * PRODUCT.md §4 default thresholds, scaled to the limit: a 5-day clock warns from day 3, is yellow on
 * day 4 and red on day 5 (warning N−2, yellow N−1, red N); shorter clocks drop the lights that
 * would fall on or before the start day; a 1-day clock is red on day 1; a same-day clock red on day 0.
 */
export function defaultLights(days: number): TLightThresholds {
  return {
    warningFromDay: days - 2 >= 1 ? days - 2 : null,
    yellowOnDay: days - 1 >= 1 ? days - 1 : null,
    redOnDay: days,
  };
}

export interface ClockRuleOptions {
  /** 1 for the first handling; re-dispatch after an unresolved revisit starts round 2 (001). */
  round?: number;
  /** Return window with on-site determination (000 三(二)). */
  onSite?: boolean;
}

/**
 * 000 三(一) "由镇城运中心先行联系，确认工单内容，1个工作日内派单": from registration to the first
 * dispatch, 1 working day, red on day 1 (PRODUCT.md §4: 1-day clocks are red on day 1).
 */
export const DEFAULT_DISPATCH_CLOCK: TClockPolicy = { rounds: [{ limit: { days: 1, kind: 'working' }, lights: defaultLights(1), reminders: [] }] };

/**
 * 001 二.1 "承办部门应先行接单并在1个工作日之内予以先行联系": the unit accepts within 1 working day of
 * the dispatch (the day-1 limit the same article gives the contact; 001 五.1 reports "未按时先行接单").
 */
export const DEFAULT_ACCEPTANCE_CLOCK: TClockPolicy = { rounds: [{ limit: { days: 1, kind: 'working' }, lights: defaultLights(1), reminders: [] }] };

/** The rule a clock follows in a round, or undefined when the policy does not run that clock. */
export function clockRuleFor(policy: TSlaPolicy, kind: ClockKind, { round = 1, onSite = false }: ClockRuleOptions = {}): TClockRule | undefined {
  if (!Number.isInteger(round) || round < 1) throw new RangeError(`round must be ≥ 1: ${round}`);
  const clock = policy.clocks[kind] ?? (kind === 'dispatch' ? DEFAULT_DISPATCH_CLOCK : kind === 'acceptance' ? DEFAULT_ACCEPTANCE_CLOCK : undefined);
  if (!clock) return undefined;
  if (onSite && clock.onSite) return clock.onSite;
  return clock.rounds[Math.min(round, clock.rounds.length) - 1];
}

/** The unreachable-revisit rule a ticket under `policy` follows. */
function revisitAttemptsOf(policy: TSlaPolicy): TRevisitAttempts {
  return policy.revisitAttempts ?? DEFAULT_REVISIT_ATTEMPTS;
}

/**
 * A ticket's revisit attempts: the policy's, or one when no number was given (an Open311 filing
 * without `phone`): there is nobody to call again at another time, so the attempt that records it
 * archives the ticket as unreachable (issue 19 item 2).
 */
export function revisitAttemptsFor(policy: TSlaPolicy, ticket: { contactPhone: string | null }): TRevisitAttempts {
  const attempts = revisitAttemptsOf(policy);
  return ticket.contactPhone === null ? { ...attempts, max: 1 } : attempts;
}

/** Whether a ticket under `policy` needs a recorded contact or site visit before a return (000 二(一)). */
export function returnNeedsVerificationOf(policy: TSlaPolicy): boolean {
  return policy.returnNeedsVerification ?? DEFAULT_RETURN_NEEDS_VERIFICATION;
}

/** Whether a closing report under `policy` needs the unit head's sign-off (000 三(四), 002 一.6). */
export function replyNeedsSignOffOf(policy: TSlaPolicy): boolean {
  return policy.replyNeedsSignOff ?? DEFAULT_REPLY_NEEDS_SIGN_OFF;
}

/** Stable token of a reminder rule, used in reminder keys: 'yellow', 'after-day-8', 'before-due-2'. */
export function reminderToken(rule: TReminderRule): string {
  switch (rule.when) {
    case 'light':
      return rule.light;
    case 'after_day':
      return `after-day-${rule.day}`;
    case 'before_due':
      return `before-due-${rule.days}`;
    default:
      return assertUnreachable(rule);
  }
}
