import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { toShanghaiIso } from '../calendar/shanghai';
import { addDays, officialCalendar } from '../calendar/working-days';
import { LIGHTS, type Light } from '../domain';
import { clockDue, computeClock, lightOf, pendingReminders, type ComputeClockOptions } from './clocks';
import { CLOCK_KINDS, DEFAULT_POLICIES, DEFAULT_POLICY_CODES, type ClockKind, type TSlaPolicy } from './policy';

const calendar = officialCalendar();
const { hotline_default, district_12345, urgent, suishenpai } = DEFAULT_POLICIES;

/** A Shanghai wall-clock instant. */
function sh(local: string): Date {
  return new Date(`${local}+08:00`);
}

function clockAt(policy: TSlaPolicy, kind: ClockKind, startedAt: string, now: string, extra: Partial<ComputeClockOptions> = {}) {
  return computeClock({ kind, policy, calendar, startedAt: sh(startedAt), now: sh(now), ...extra });
}

/** [Shanghai time, expected light, expected working day] rows for one clock. */
type Row = [string, Light, number];

function expectLights(policy: TSlaPolicy, kind: ClockKind, startedAt: string, rows: Row[]): void {
  const actual = rows.map(([now]) => {
    const c = clockAt(policy, kind, startedAt, now);
    return [now, c.light, c.workingDay];
  });
  expect(actual).toEqual(rows);
}

describe('lights of a 62112345 reply dispatched the day before National Day 2026', () => {
  it('stay normal through the holiday and turn on the right working days (002 附件1)', () => {
    expectLights(hotline_default, 'reply', '2026-09-30T17:00:00', [
      ['2026-09-30T17:00:00', 'normal', 0],
      ['2026-10-03T12:00:00', 'normal', 0], // holiday
      ['2026-10-07T23:59:59', 'normal', 0],
      ['2026-10-08T09:00:00', 'normal', 1],
      ['2026-10-09T09:00:00', 'normal', 2],
      ['2026-10-10T00:00:00', 'warning', 3], // make-up Saturday is working day 3
      ['2026-10-11T12:00:00', 'warning', 3], // Sunday keeps day 3
      ['2026-10-12T00:00:00', 'yellow', 4],
      ['2026-10-13T00:00:00', 'red', 5], // due today
      ['2026-10-13T23:59:59.999', 'red', 5],
      ['2026-10-14T00:00:00', 'overdue', 6],
    ]);
  });

  it('is due 2026-10-13T23:59:59+08:00 with the remaining time counted from now', () => {
    const c = clockAt(hotline_default, 'reply', '2026-09-30T17:00:00', '2026-10-13T23:00:00');
    expect(toShanghaiIso(c.due)).toBe('2026-10-13T23:59:59+08:00');
    expect(c.remainingMs).toBe(59 * 60_000 + 59_999);
    expect(c.status).toBe('running');
  });

  it('first contact (1 working day) is red on 10-08 and overdue from 10-09', () => {
    expectLights(hotline_default, 'first_contact', '2026-09-30T17:00:00', [
      ['2026-10-07T23:59:59', 'normal', 0],
      ['2026-10-08T00:00:00', 'red', 1],
      ['2026-10-09T00:00:00', 'overdue', 2],
    ]);
  });

  it('the 12345 reply (10 days) warns on day 8, is yellow on day 9, red on day 10', () => {
    expectLights(district_12345, 'reply', '2026-09-30T17:00:00', [
      ['2026-10-15T12:00:00', 'normal', 7],
      ['2026-10-16T12:00:00', 'warning', 8],
      ['2026-10-18T12:00:00', 'warning', 8], // Sunday
      ['2026-10-19T12:00:00', 'yellow', 9],
      ['2026-10-20T12:00:00', 'red', 10],
      ['2026-10-21T00:00:00', 'overdue', 11],
    ]);
  });

  it('an urgent order dispatched before National Day 2025 runs 10-09, 10-10, 10-11 (Saturday)', () => {
    expectLights(urgent, 'reply', '2025-09-30T15:00:00', [
      ['2025-10-08T12:00:00', 'normal', 0],
      ['2025-10-09T12:00:00', 'warning', 1],
      ['2025-10-10T12:00:00', 'yellow', 2],
      ['2025-10-11T12:00:00', 'red', 3],
      ['2025-10-12T00:00:00', 'overdue', 3], // Sunday: past due, still working day 3
    ]);
  });

  it('a 随申拍 order counts natural days straight through the holiday', () => {
    expectLights(suishenpai, 'reply', '2026-09-30T10:00:00', [
      ['2026-09-30T23:00:00', 'normal', 0],
      ['2026-10-01T12:00:00', 'warning', 1],
      ['2026-10-02T12:00:00', 'yellow', 2],
      ['2026-10-03T12:00:00', 'red', 3],
      ['2026-10-04T00:00:00', 'overdue', 4],
    ]);
  });
});

describe('stopped clocks', () => {
  const start = '2026-09-30T17:00:00';

  it('stopped on time are met, frozen at the stop', () => {
    const stoppedAt = sh('2026-10-13T22:00:00');
    const c = clockAt(hotline_default, 'reply', start, '2026-10-20T12:00:00', { stoppedAt });
    expect(c).toMatchObject({ status: 'met', light: 'red', workingDay: 5, remainingMs: 2 * 3_600_000 - 1 });
  });

  it('stopped exactly at due are met; one millisecond later is late', () => {
    const due = addDays(sh(start), 5, 'working', calendar);
    const onTime = clockAt(hotline_default, 'reply', start, '2026-10-20T12:00:00', { stoppedAt: due });
    expect(onTime.status).toBe('met');
    const late = clockAt(hotline_default, 'reply', start, '2026-10-20T12:00:00', {
      stoppedAt: new Date(due.getTime() + 1),
    });
    expect(late).toMatchObject({ status: 'late', light: 'overdue', remainingMs: -1 });
  });

  it('ignore a stop later than now (replaying an earlier moment)', () => {
    const stoppedAt = sh('2026-10-13T09:00:00');
    const c = clockAt(hotline_default, 'reply', start, '2026-10-12T12:00:00', { stoppedAt });
    expect(c).toMatchObject({ status: 'running', light: 'yellow', stoppedAt: null });
  });
});

describe('extended due', () => {
  it('replaces the due and shifts the lights with it', () => {
    const startedAt = '2026-09-30T17:00:00';
    const extendedDue = addDays(sh(startedAt), 8, 'working', calendar); // 3 working days more: 10-16
    expect(toShanghaiIso(extendedDue)).toBe('2026-10-16T23:59:59+08:00');
    const at = (now: string) => clockAt(hotline_default, 'reply', startedAt, now, { extendedDue });
    expect(at('2026-10-13T12:00:00')).toMatchObject({ light: 'normal', workingDay: 5, scheduleDay: 2 });
    expect(at('2026-10-14T12:00:00').light).toBe('warning');
    expect(at('2026-10-15T12:00:00').light).toBe('yellow');
    expect(at('2026-10-16T12:00:00').light).toBe('red');
    expect(at('2026-10-17T00:00:00').light).toBe('overdue');
    expect(at('2026-10-16T12:00:00').due).toBe(extendedDue);
  });
});

describe('rounds and on-site determination', () => {
  it('round 2 of a 12345 reply is 3 working days (001 再次处置)', () => {
    const c = clockAt(district_12345, 'reply', '2026-10-21T10:00:00', '2026-10-23T10:00:00', { round: 2 });
    expect(toShanghaiIso(c.due)).toBe('2026-10-26T23:59:59+08:00');
    expect(c).toMatchObject({ round: 2, light: 'yellow', workingDay: 2 });
    expect(pendingReminders(c, [])).toEqual(['reply:yellow:round2']);
  });

  it('the return window is 1 working day, 3 with on-site determination (000 三(二))', () => {
    const opts = { kind: 'return_window', policy: hotline_default, calendar, startedAt: sh('2026-09-30T10:00:00') } as const;
    const plain = clockDue(opts);
    const onSite = clockDue({ ...opts, onSite: true });
    expect(toShanghaiIso(plain)).toBe('2026-10-08T23:59:59+08:00');
    expect(toShanghaiIso(onSite)).toBe('2026-10-10T23:59:59+08:00');
  });

  it('clockDue is the due computeClock reports', () => {
    for (const code of DEFAULT_POLICY_CODES) {
      for (const kind of CLOCK_KINDS) {
        const opts = { kind, policy: DEFAULT_POLICIES[code], calendar, startedAt: sh('2026-02-13T09:30:00') };
        expect(computeClock({ ...opts, now: sh('2026-02-20T00:00:00') }).due).toEqual(clockDue(opts));
      }
    }
  });

  it('throws for a clock the policy does not run', () => {
    const policy: TSlaPolicy = {
      ...hotline_default,
      code: 'reply_only',
      clocks: { reply: hotline_default.clocks.reply },
    };
    expect(() => clockAt(policy, 'revisit', '2026-10-08T10:00:00', '2026-10-08T11:00:00')).toThrow(/no revisit clock/);
  });
});

describe('lightOf', () => {
  const lights = { warningFromDay: 3, yellowOnDay: 4, redOnDay: 5 };
  it('maps day numbers to the highest light reached, overdue winning', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((d) => lightOf(d, lights, false))).toEqual(['normal', 'normal', 'normal', 'warning', 'yellow', 'red', 'red']);
    expect(lightOf(0, lights, true)).toBe('overdue');
    expect(lightOf(0, { warningFromDay: null, yellowOnDay: null, redOnDay: 0 }, false)).toBe('red');
  });
});

describe('pendingReminders', () => {
  const start = '2026-09-30T17:00:00';

  it('fires the yellow reminder once the 62112345 reply turns yellow, then never again', () => {
    const before = clockAt(hotline_default, 'reply', start, '2026-10-11T23:59:59');
    expect(pendingReminders(before, [])).toEqual([]);
    const yellow = clockAt(hotline_default, 'reply', start, '2026-10-12T08:00:00');
    expect(pendingReminders(yellow, [])).toEqual(['reply:yellow:round1']);
    expect(pendingReminders(yellow, ['reply:yellow:round1'])).toEqual([]);
  });

  it('catches up a missed reminder once: the first sweep after a gap finds the clock already red', () => {
    const red = clockAt(hotline_default, 'reply', start, '2026-10-13T08:00:00');
    expect(pendingReminders(red, [])).toEqual(['reply:yellow:round1']);
  });

  it('000 二(五): the 12345 reply is reminded once working day 8 is over: on 10-19, after the weekend', () => {
    expect(pendingReminders(clockAt(district_12345, 'reply', start, '2026-10-18T20:00:00'), [])).toEqual([]);
    expect(pendingReminders(clockAt(district_12345, 'reply', start, '2026-10-19T00:00:00'), [])).toEqual(['reply:after-day-8:round1']);
  });

  it('special orders are reminded 2 days before due and again when yellow', () => {
    const day1 = clockAt(urgent, 'reply', '2025-09-30T15:00:00', '2025-10-09T08:00:00');
    expect(pendingReminders(day1, [])).toEqual(['reply:before-due-2:round1']);
    const day2 = clockAt(urgent, 'reply', '2025-09-30T15:00:00', '2025-10-10T08:00:00');
    expect(pendingReminders(day2, ['reply:before-due-2:round1'])).toEqual(['reply:yellow:round1']);
    const natural = clockAt(suishenpai, 'reply', '2026-09-30T10:00:00', '2026-10-01T00:00:00');
    expect(pendingReminders(natural, [])).toEqual(['reply:before-due-2:round1']);
  });

  it('stopped clocks remind nobody', () => {
    const stoppedAt = sh('2026-10-12T09:00:00');
    const met = clockAt(hotline_default, 'reply', start, '2026-10-13T08:00:00', { stoppedAt });
    expect(met.status).toBe('met');
    expect(pendingReminders(met, [])).toEqual([]);
  });

  it('a sweeper persisting what it gets sends every reminder exactly once, however often it sweeps', () => {
    const startedAt = sh('2026-09-30T17:00:00');
    const horizon = sh('2026-10-25T00:00:00').getTime();
    const sweepTimes = fc
      .uniqueArray(fc.integer({ min: startedAt.getTime(), max: horizon }), { minLength: 1, maxLength: 60 })
      .map((ts) => [...ts.sort((a, b) => a - b), horizon]);
    const policies = fc.constantFrom(hotline_default, district_12345, urgent, suishenpai);
    fc.assert(
      fc.property(policies, sweepTimes, (policy, times) => {
        const sent: string[] = [];
        for (const t of times) {
          const clock = computeClock({ kind: 'reply', policy, calendar, startedAt, now: new Date(t) });
          sent.push(...pendingReminders(clock, sent));
        }
        expect(new Set(sent).size).toBe(sent.length);
        const expected = policy.clocks.reply?.rounds[0]?.reminders.length ?? 0;
        expect(sent).toHaveLength(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('light properties', () => {
  const instant = fc.integer({
    min: Date.parse('2025-01-01T00:00:00+08:00'),
    max: Date.parse('2026-12-31T00:00:00+08:00'),
  });
  const offset = (days: number) => fc.integer({ min: 0, max: days * 86_400_000 });
  const policies = fc.constantFrom(...DEFAULT_POLICY_CODES.map((code) => DEFAULT_POLICIES[code]));
  const kinds = fc.constantFrom(...CLOCK_KINDS);

  it('a running clock’s light never goes back as time passes', () => {
    fc.assert(
      fc.property(policies, kinds, instant, offset(40), offset(40), (policy, kind, start, a, b) => {
        const startedAt = new Date(start);
        const rank = (ms: number) => {
          const now = new Date(start + ms);
          return LIGHTS.indexOf(computeClock({ kind, policy, calendar, startedAt, now }).light);
        };
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(rank(early)).toBeLessThanOrEqual(rank(late));
      }),
      { numRuns: 500 },
    );
  });

  it('is overdue exactly when now is past due, and red on the due day', () => {
    fc.assert(
      fc.property(policies, kinds, instant, offset(30), (policy, kind, start, ms) => {
        const startedAt = new Date(start);
        const c = computeClock({ kind, policy, calendar, startedAt, now: new Date(start + ms) });
        expect(c.light === 'overdue').toBe(c.remainingMs < 0);
        if (c.remainingMs >= 0 && c.remainingMs < 86_400_000) expect(c.light).toBe('red');
      }),
      { numRuns: 500 },
    );
  });
});
