/**
 * Clocks are pure functions of (policy, start, calendar, now) — PRODUCT.md §4: never timers held in
 * memory. A sweeper calls computeClock for each running clock and persists the lights and the
 * reminder keys pendingReminders returns, so a restart loses nothing and nothing fires twice.
 */
import type { WorkCalendar } from '../calendar/types';
import { addDays, dayNumber, dueIsProvisional } from '../calendar/working-days';
import { LIGHTS, type Light } from '../domain';
import { assertUnreachable } from '../errors';
import { clockRuleFor, reminderToken, type ClockKind, type TClockRule, type TLightThresholds, type TReminderRule, type TSlaPolicy } from './policy-schema';

export interface ClockDueOptions {
  /** Which clock (PRODUCT.md §4 table). */
  kind: ClockKind;
  /** When the clock started: dispatch, reply received or supervision opened. */
  startedAt: Date;
  /** The policy version the ticket started with. */
  policy: TSlaPolicy;
  calendar: WorkCalendar;
  /** 1 for the first handling, 2+ after a re-dispatch (001 再次处置). Default 1. */
  round?: number;
  /** Return window with on-site determination (000 三(二)). */
  onSite?: boolean;
}

export interface ComputeClockOptions extends ClockDueOptions {
  /** The instant to evaluate at; always passed in, never read from the system clock. */
  now: Date;
  /** A granted extension; replaces the computed due and shifts the light schedule with it. */
  extendedDue?: Date | null;
  /** When the clock was met (contacted, replied, …). A stop later than `now` is ignored. */
  stoppedAt?: Date | null;
}

/** running: not stopped yet; met: stopped at or before due; late: stopped after due. */
export type ClockStatus = 'running' | 'met' | 'late';

export interface ClockState {
  kind: ClockKind;
  round: number;
  /** The policy rule the clock follows (limit, lights, reminders). */
  rule: TClockRule;
  /** 23:59:59.999 +08:00 of the last day (002), or the extended due. */
  due: Date;
  /** At `now`, or frozen at the stop for a stopped clock. */
  light: Light;
  /** The due counts days of a year whose holidays are computed, not published (PRODUCT.md §4). */
  provisional: boolean;
  /** Day number at `now` (or at the stop) on the clock's own count — working or natural days. */
  workingDay: number;
  /** `workingDay` moved back by an extension: the day the lights and reminders are read on. */
  scheduleDay: number;
  /** due − now (or due − stop); negative once late. */
  remainingMs: number;
  status: ClockStatus;
  stoppedAt: Date | null;
}

/** The due instant of a clock (what the server stores when the clock starts). */
export function clockDue(options: ClockDueOptions): Date {
  const rule = requireRule(options);
  return addDays(options.startedAt, rule.limit.days, rule.limit.kind, options.calendar);
}

export function computeClock(options: ComputeClockOptions): ClockState {
  const { kind, startedAt, calendar, now } = options;
  const round = options.round ?? 1;
  const rule = requireRule(options);
  const { days, kind: dayKind } = rule.limit;
  const due = options.extendedDue ?? addDays(startedAt, days, dayKind, calendar);
  const stoppedAt = options.stoppedAt && options.stoppedAt.getTime() <= now.getTime() ? options.stoppedAt : null;
  const at = stoppedAt ?? now;
  const workingDay = dayNumber(startedAt, at, dayKind, calendar);
  // An extension of k days moves warning, yellow, red and reminders k days later.
  const shift = options.extendedDue ? dayNumber(startedAt, options.extendedDue, dayKind, calendar) - days : 0;
  const scheduleDay = workingDay - shift;
  const late = at.getTime() > due.getTime();
  return {
    kind,
    round,
    rule,
    due,
    light: lightOf(scheduleDay, rule.lights, late),
    provisional: dueIsProvisional(startedAt, due, dayKind, calendar),
    workingDay,
    scheduleDay,
    remainingMs: due.getTime() - at.getTime(),
    status: stoppedAt ? (late ? 'late' : 'met') : 'running',
    stoppedAt,
  };
}

/**
 * 002 附件1: the light on a day number. Overdue (超时) once past due; otherwise the highest
 * threshold reached — red (红灯) means due today.
 */
export function lightOf(day: number, lights: TLightThresholds, overdue: boolean): Light {
  if (overdue) return 'overdue';
  if (day >= lights.redOnDay) return 'red';
  if (lights.yellowOnDay !== null && day >= lights.yellowOnDay) return 'yellow';
  if (lights.warningFromDay !== null && day >= lights.warningFromDay) return 'warning';
  return 'normal';
}

/** 'reply:yellow:round1', 'reply:after-day-8:round1', 'reply:before-due-2:round2'. */
export function reminderKey(kind: ClockKind, rule: TReminderRule, round: number): string {
  return `${kind}:${reminderToken(rule)}:round${round}`;
}

/**
 * Reminder keys due on a running clock and not in `alreadySent`, for the sweeper to persist
 * and send exactly once. A reminder whose moment passed while nobody swept (e.g. the light went
 * from warning straight to red) still fires, once. Stopped clocks remind nobody.
 */
export function pendingReminders(clock: ClockState, alreadySent: readonly string[]): string[] {
  if (clock.status !== 'running') return [];
  const sent = new Set(alreadySent);
  return clock.rule.reminders
    .filter((rule) => isReminderDue(clock, rule))
    .map((rule) => reminderKey(clock.kind, rule, clock.round))
    .filter((key) => !sent.has(key));
}

function isReminderDue(clock: ClockState, rule: TReminderRule): boolean {
  switch (rule.when) {
    case 'light': // PRODUCT.md §4: when the clock turns yellow (or whichever light is configured)
      return LIGHTS.indexOf(clock.light) >= LIGHTS.indexOf(rule.light);
    case 'after_day': // 000 二(五): 晚于8个工作日 — working day `day` is over
      return clock.scheduleDay > rule.day || clock.light === 'overdue';
    case 'before_due': // 000 二(五): 到期前2天 — on day (limit − days)
      return clock.scheduleDay >= clock.rule.limit.days - rule.days || clock.light === 'overdue';
    default:
      return assertUnreachable(rule);
  }
}

function requireRule(options: ClockDueOptions): TClockRule {
  const { policy, kind, round, onSite } = options;
  const rule = clockRuleFor(policy, kind, { round: round ?? 1, onSite: onSite ?? false });
  if (!rule) {
    throw new RangeError(`policy ${policy.code} v${policy.version} has no ${kind} clock`);
  }
  return rule;
}
