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

  it('keeps when the first reply told the citizen through a send-back, until a new handling (issue 15.6, 003 第六条(一))', () => {
    const inProgress = buildTicket('in_progress');
    const replied = run(inProgress, 'reply', { ...REPLY, citizenToldAt: iso(50) }, 60).next;
    expect(replied.citizenToldAt).toBe(iso(50));
    const sentBack = run(replied, 'send_back_reply', { note: '请写明整改措施' }, 70).next;
    expect([sentBack.reply, sentBack.citizenToldAt]).toEqual([null, iso(50)]);
    // A second reply does not move the first contact it recorded.
    const again = run(sentBack, 'reply', { ...REPLY, citizenToldAt: iso(75) }, 80).next;
    expect(again.citizenToldAt).toBe(iso(50));
    // A failed revisit starts a new handling: the new round's unit must reach the citizen again.
    const round2 = run(again, 'record_revisit', { resolved: false, satisfaction: 'dissatisfied' }, 90).next;
    expect(round2.citizenToldAt).toBeNull();
    // A reply stored before snapshots kept the time: the send-back takes it from the reply.
    const legacy = { ...replied, citizenToldAt: null };
    expect(run(legacy, 'send_back_reply', { note: '请写明整改措施' }, 70).next.citizenToldAt).toBe(iso(50));
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
