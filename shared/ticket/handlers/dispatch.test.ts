import { describe, expect, it } from 'vitest';
import { decide } from '../decide';
import { actor, buildTicket, ctxAt, registered, run, UNIT } from '../test-builders';

describe('registration outcomes (PRODUCT.md §3)', () => {
  it('closes a consultation on the call with its reason', () => {
    const { next, event } = run(registered(), 'close_on_call', { reason: 'out_of_scope_emergency', note: '已告知拨打110' }, 0);
    expect(next).toMatchObject({ state: 'closed_on_call', closedReason: 'out_of_scope_emergency', version: 2 });
    expect(event).toEqual({
      type: 'ticket.closed_on_call',
      fromState: 'registered',
      toState: 'closed_on_call',
      payload: { reason: 'out_of_scope_emergency', note: '已告知拨打110' },
    });
  });

  it('dispatches with lead and assisting units', () => {
    const input = { leadUnitId: UNIT.lead, assistUnitIds: [UNIT.assist, UNIT.other], onSiteDetermination: true };
    const { next, event } = decide(registered(), 'dispatch', actor('supervisor'), input, ctxAt(5));
    expect(next).toMatchObject({ state: 'dispatched', leadUnitId: UNIT.lead, assistUnitIds: [UNIT.assist, UNIT.other], onSiteDetermination: true });
    expect(event.payload).toEqual({ ...input, previousLeadUnitId: null, round: 1 });
  });

  it('urges without changing the state', () => {
    const inProgress = buildTicket('in_progress');
    const { next, event } = run(inProgress, 'urge', { note: '请尽快联系市民' }, 60);
    expect(next).toEqual({ ...inProgress, version: inProgress.version + 1 });
    expect(event).toMatchObject({ type: 'ticket.urged', payload: { unitId: UNIT.lead } });
  });
});
