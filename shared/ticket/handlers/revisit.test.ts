import { describe, expect, it } from 'vitest';
import type { TicketSnapshot } from '../snapshot';
import { buildTicket, iso, refusalOf, run } from '../test-builders';

const attempt = (t: TicketSnapshot, minutes: number, extra = {}) =>
  run(t, 'record_revisit_attempt', { reached: false, note: '无人接听' }, minutes, undefined, extra);

describe('revisit attempts (PRODUCT.md §3: unreachable after 3 attempts at different times)', () => {
  it('archives as unreachable after the third attempt', () => {
    const first = attempt(buildTicket('replied'), 70);
    expect(first.next).toMatchObject({ state: 'replied', revisitAttempts: [{ at: iso(70), reached: false, note: '无人接听' }] });
    expect(first.event).toMatchObject({ type: 'ticket.revisit_attempted', toState: 'replied', payload: { attempts: 1, archivedAs: null } });
    const second = attempt(first.next, 130).next;
    const third = attempt(second, 200);
    expect(third.next).toMatchObject({ state: 'archived', archivedAs: 'unreachable', revisit: null });
    expect(third.next.revisitAttempts).toHaveLength(3);
    expect(third.event).toMatchObject({
      fromState: 'replied',
      toState: 'archived',
      payload: { attempts: 3, maxAttempts: 3, archivedAs: 'unreachable' },
    });
  });

  it('refuses attempts that are not at different times', () => {
    const first = attempt(buildTicket('replied'), 70).next;
    const refusal = refusalOf(() => attempt(first, 100));
    expect(refusal).toMatchObject({ code: 'rule_violation', message: '回访须在不同时间进行：距上次未接通不足60分钟' });
    expect(attempt(first, 100, { revisitAttemptGapMinutes: 30 }).next.revisitAttempts).toHaveLength(2);
  });

  it('follows the policy’s number of attempts', () => {
    const first = attempt(buildTicket('replied'), 70, { maxRevisitAttempts: 2 }).next;
    expect(attempt(first, 140, { maxRevisitAttempts: 2 }).next.archivedAs).toBe('unreachable');
  });

  it('takes a reached call as a revisit result, not an attempt', () => {
    const refusal = refusalOf(() => run(buildTicket('replied'), 'record_revisit_attempt', { reached: true, note: '接通' }, 70));
    expect(refusal).toMatchObject({ code: 'validation_failed', fields: { reached: '接通的回访请直接记录回访结果' } });
  });

  it('a reached revisit after unreachable attempts still decides the ticket', () => {
    const first = attempt(buildTicket('replied'), 70).next;
    const { next } = run(first, 'record_revisit', { resolved: true, satisfaction: 'satisfied' }, 140);
    expect(next).toMatchObject({ state: 'archived', archivedAs: 'resolved', revisit: { words: '' } });
  });
});
