import { describe, expect, it } from 'vitest';
import { buildTicket, iso, refusalOf, run } from '../test-builders';

const DAY = 24 * 60;

describe('delay explanation and extension (PRODUCT.md §3)', () => {
  it('records the explanation and grants the requested due date', () => {
    const asked = run(buildTicket('in_progress'), 'explain_delay', { reason: '需协调物业', requestedDue: iso(8 * DAY) }, 60);
    expect(asked.next.delayExplanations).toEqual([{ at: iso(60), unitId: 11, reason: '需协调物业' }]);
    expect(asked.event.payload).toMatchObject({ due: iso(5 * DAY), requestedDue: iso(8 * DAY) });
    const { next, event } = run(asked.next, 'decide_extension', { approve: true, note: '同意' }, 70);
    expect(event).toMatchObject({ type: 'ticket.extension_granted', payload: { newDue: iso(8 * DAY) } });
    expect(next).toMatchObject({ extensions: [{ due: iso(8 * DAY), grantedAt: iso(70) }], pendingRequests: [] });
    // the extension moves the due time a later explanation is measured against
    expect(run(next, 'explain_delay', { reason: '仍需协调' }, 6 * DAY).next.pendingRequests).toHaveLength(1);
  });

  it('must come before the due time', () => {
    const refusal = refusalOf(() => run(buildTicket('in_progress'), 'explain_delay', { reason: '来不及' }, 5 * DAY + 1));
    expect(refusal).toMatchObject({ code: 'rule_violation', message: '答复时限（2026-11-28 09:00）已过，须在到期前说明原因' });
  });

  it('needs a new due date later than the current one to grant it', () => {
    const asked = run(buildTicket('in_progress'), 'explain_delay', { reason: '需协调物业' }, 60).next;
    const none = refusalOf(() => run(asked, 'decide_extension', { approve: true, note: '同意' }, 70));
    expect(none).toMatchObject({ code: 'validation_failed', fields: { newDue: '批准延期须填写新的到期时间' } });
    const early = refusalOf(() => run(asked, 'decide_extension', { approve: true, newDue: iso(DAY), note: '同意' }, 70));
    expect(early.code).toBe('rule_violation');
    const refused = run(asked, 'decide_extension', { approve: false, note: '不同意' }, 70);
    expect(refused.event.type).toBe('ticket.extension_refused');
    expect(refused.next).toMatchObject({ extensions: [], pendingRequests: [], delayExplanations: asked.delayExplanations });
  });
});
