/** docs/REPORTS.md "When a clock counts", on the pure rebuild of a ticket's history. */
import { describe, expect, it } from 'vitest';
import { settle, ticketHistory, type ReportEvent } from './handlings';

const d = (s: string) => new Date(`${s}+08:00`);
const base = { kind: 'reply' as const, ticketId: 1, unitId: 7, round: 1, startedAt: d('2026-11-02T09:00:00'), due: d('2026-11-09T23:59:59.999') };

describe('settling a clock', () => {
  const asOf = d('2026-12-01T09:00:00');
  it('is on time when stopped by the due time, settled at the stop', () => {
    expect(settle(base, d('2026-11-09T23:59:59'), null, asOf)).toMatchObject({ status: 'on_time', settledAt: d('2026-11-09T23:59:59') });
  });
  it('is late at the due time when stopped after it, or not at all', () => {
    expect(settle(base, d('2026-11-10T00:00:00'), null, asOf)).toMatchObject({ status: 'late', settledAt: base.due, stoppedAt: d('2026-11-10T00:00:00') });
    expect(settle(base, null, null, asOf)).toMatchObject({ status: 'late', settledAt: base.due, stoppedAt: null });
    expect(settle(base, null, d('2026-11-12T00:00:00'), asOf)).toMatchObject({ status: 'late' });
  });
  it('is cancelled when its handling ended before the due time, pending while it may still be met', () => {
    expect(settle(base, null, d('2026-11-05T10:00:00'), asOf)).toMatchObject({ status: 'cancelled', settledAt: null });
    expect(settle(base, null, null, d('2026-11-09T12:00:00'))).toMatchObject({ status: 'pending', settledAt: null });
    // What happens after the report's moment does not exist yet.
    expect(settle(base, d('2026-11-09T15:00:00'), null, d('2026-11-09T12:00:00'))).toMatchObject({ status: 'pending' });
  });
});

describe('rebuilding handlings from events', () => {
  const ev = (seq: number, type: string, at: string, payload: Record<string, unknown> = {}, fromState: string | null = null): ReportEvent => ({
    ticketId: 1,
    seq,
    type,
    at: d(at),
    fromState,
    payload,
  });
  const due = (kind: string, start: Date) => new Date(start.getTime() + (kind === 'reply' ? 5 : 1) * 86_400_000);

  it('starts a handling per unit, keeps returns and evaluations with the unit that replied', () => {
    const h = ticketHistory(
      1,
      [
        ev(1, 'ticket.dispatched', '2026-11-02T09:00:00', { leadUnitId: 7, previousLeadUnitId: null, round: 1 }, 'registered'),
        ev(2, 'ticket.dispatched', '2026-11-02T09:10:00', { leadUnitId: 7, previousLeadUnitId: 7, round: 1 }, 'dispatched'),
        ev(3, 'ticket.return_requested', '2026-11-02T10:00:00', { unitId: 7, reason: '不属于本单位' }),
        ev(4, 'ticket.return_approved', '2026-11-02T11:00:00', { newLeadUnitId: 8 }),
        ev(5, 'ticket.first_contacted', '2026-11-02T12:00:00', { at: '2026-11-02T11:30:00+08:00' }),
        ev(6, 'ticket.replied', '2026-11-03T10:00:00', { unitId: 8, citizenToldAt: '2026-11-03T09:00:00+08:00' }),
        ev(7, 'ticket.revisited', '2026-11-03T15:00:00', {
          revisit: { resolved: false, satisfaction: 'dissatisfied', words: '没解决' },
          outcome: 'redispatched',
          leadUnitId: 8,
          round: 2,
        }),
      ],
      due,
      d('2026-12-01T00:00:00'),
    );
    expect(h.handlings.map((x) => [x.unitId, x.round])).toEqual([
      [7, 1],
      [8, 1],
      [8, 2],
    ]);
    expect(h.returns).toEqual([expect.objectContaining({ unitId: 7, decision: 'approved' })]);
    expect(h.evaluations).toEqual([expect.objectContaining({ unitId: 8, resolved: false, satisfaction: 'dissatisfied' })]);
    const byUnit = h.clocks.map((c) => `${c.unitId}/${c.round}/${c.kind}/${c.status}`);
    expect(byUnit).toEqual([
      '7/1/first_contact/cancelled',
      '7/1/reply/cancelled',
      '8/1/first_contact/on_time',
      '8/1/reply/on_time',
      '8/2/first_contact/late',
      '8/2/reply/late',
      '8/1/revisit/on_time',
    ]);
    // The recorded contact time, not the time it was typed in.
    expect(h.clocks[2]!.stoppedAt).toEqual(d('2026-11-02T11:30:00'));
  });
});
