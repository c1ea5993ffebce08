import { describe, expect, it } from 'vitest';
import { buildTicket, iso, refusalOf, REPLY, run, withPending } from '../test-builders';

describe('reply and review (PRODUCT.md §3; 000 三(五))', () => {
  it('sends a vague reply back to the unit, which replies again', () => {
    const replied = buildTicket('replied');
    const { next, event } = run(replied, 'send_back_reply', { note: '模棱两可，请说明是否已清理' }, 70);
    expect(next).toMatchObject({ state: 'in_progress', reply: null, firstContact: replied.firstContact });
    expect(event).toMatchObject({
      type: 'ticket.reply_sent_back',
      fromState: 'replied',
      toState: 'in_progress',
      payload: { note: '模棱两可，请说明是否已清理', reply: replied.reply },
    });
    const again = run(next, 'reply', { ...REPLY, report: '已于当日清理完毕，并电话告知市民。', citizenToldAt: iso(75) }, 80);
    expect(again.next).toMatchObject({ state: 'replied', reply: { report: '已于当日清理完毕，并电话告知市民。', at: iso(80) } });
  });

  it('waits for a pending return or filing request, and lets a pending extension lapse', () => {
    const inProgress = buildTicket('in_progress');
    const input = { ...REPLY, citizenToldAt: iso(50) };
    expect(refusalOf(() => run(withPending(inProgress, 'return'), 'reply', input, 60)).code).toBe('rule_violation');
    expect(refusalOf(() => run(withPending(inProgress, 'filing'), 'reply', input, 60)).message).toBe('已有待审核的备案申请，请先等待审核');
    const { next } = run(withPending(inProgress, 'extension'), 'reply', input, 60);
    expect(next.pendingRequests).toEqual([]);
  });

  it('needs the citizen told after the dispatch and not in the future', () => {
    const inProgress = buildTicket('in_progress');
    const refusal = refusalOf(() => run(inProgress, 'reply', { ...REPLY, citizenToldAt: iso(90) }, 60));
    expect(refusal).toMatchObject({ code: 'rule_violation', message: '答复市民时间不能晚于当前时间' });
  });
});
