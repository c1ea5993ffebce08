import { describe, expect, it } from 'vitest';
import { buildTicket, iso, refusalOf, REPLY, run } from '../test-builders';

describe('filing (000 三(七))', () => {
  it('files the ticket when the supervisor approves the unit’s explanation', () => {
    const asked = run(buildTicket('in_progress'), 'request_filing', { reason: '已进入诉讼程序' }, 20);
    expect(asked.event).toMatchObject({ type: 'ticket.filing_requested', payload: { reason: '已进入诉讼程序' } });
    const { next, event } = run(asked.next, 'decide_filing', { approve: true, note: '同意备案' }, 30);
    expect(event).toMatchObject({ type: 'ticket.filing_approved', fromState: 'in_progress', toState: 'filed' });
    expect(next).toMatchObject({ state: 'filed', pendingRequests: [] });
  });

  it('keeps the ticket in progress when refused', () => {
    const asked = run(buildTicket('in_progress'), 'request_filing', { reason: '历史遗留问题' }, 20).next;
    const { next, event } = run(asked, 'decide_filing', { approve: false }, 30);
    expect(event).toMatchObject({ type: 'ticket.filing_rejected', payload: { note: null } });
    expect(next).toMatchObject({ state: 'in_progress', pendingRequests: [] });
    expect(refusalOf(() => run(next, 'decide_filing', { approve: true }, 40)).message).toBe('没有待审核的备案申请');
  });
});

describe('not counted and objective case (002 附件3/4)', () => {
  it('flags a ticket not counted, decided even after it was archived', () => {
    const asked = run(buildTicket('in_progress'), 'request_not_counted', { reason: '恶意投诉' }, 20).next;
    const replied = run(asked, 'reply', { ...REPLY, citizenToldAt: iso(25) }, 30).next;
    const archived = run(replied, 'record_revisit', { resolved: true, satisfaction: 'satisfied' }, 60).next;
    expect(archived.pendingRequests).toHaveLength(1);
    const { next, event } = run(archived, 'decide_not_counted', { approve: true }, 90);
    expect(event).toMatchObject({ type: 'ticket.not_counted_approved', fromState: 'archived', toState: 'archived' });
    expect(next).toMatchObject({ state: 'archived', flags: { notCounted: true, objectiveCase: false }, pendingRequests: [] });
  });

  it('keeps the request across a second round of the same unit', () => {
    const replied = buildTicket('replied');
    const asked = run(replied, 'request_objective_case', { reason: '诉求明显不合理' }, 70).next;
    const round2 = run(asked, 'record_revisit', { resolved: false, satisfaction: 'dissatisfied' }, 90).next;
    expect(round2.pendingRequests.map((r) => r.kind)).toEqual(['objective_case']);
    const { next, event } = run(round2, 'decide_objective_case', { approve: false, note: '不予认定' }, 100);
    expect(event.type).toBe('ticket.objective_case_rejected');
    expect(next.flags.objectiveCase).toBe(false);
  });

  it('refuses a second request once the flag is set', () => {
    const asked = run(buildTicket('in_progress'), 'request_objective_case', { reason: '诉求有悖公德' }, 20).next;
    const flagged = run(asked, 'decide_objective_case', { approve: true }, 30).next;
    expect(refusalOf(() => run(flagged, 'request_objective_case', { reason: '再次申请' }, 40)).message).toBe('该工单已认定为客观件');
  });
});
