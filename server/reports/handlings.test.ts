/** docs/REPORTS.md "When a clock counts", on the pure rebuild of a ticket's history. */
import { describe, expect, it } from 'vitest';
import { EventPayloadError } from '../../shared/events/catalogue';
import type { TicketSummary } from '../../shared/schemas/ticket';
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
  /** The summary every stored ticket event carries for live screens (the report does not read it). */
  const ticket: TicketSummary = {
    id: 1,
    number: 'ZX20261102-0001',
    type: 'complaint_help',
    source: 'hotline',
    state: 'dispatched',
    version: 2,
    round: 1,
    categoryCode: 'noise',
    leadUnitId: 7,
    assistUnitIds: [],
    contactName: '刘先生',
    contactPhoneMasked: '138****5678',
    address: '沪亭北路99弄',
    description: '楼下饭店油烟很大',
    confidential: false,
    callAt: d('2026-11-02T08:50:00').toISOString(),
    createdAt: d('2026-11-02T08:55:00').toISOString(),
    updatedAt: d('2026-11-02T09:00:00').toISOString(),
    clockKind: 'first_contact',
    dueAt: null,
    light: 'normal',
    pending: [],
    warning: false,
    revisitAttempts: 0,
    repeatCount: 0,
    communityUnitId: null,
  };
  const ev = (seq: number, type: string, at: string, payload: Record<string, unknown>, fromState: string | null = null): ReportEvent => ({
    ticketId: 1,
    seq,
    type,
    at: d(at),
    fromState,
    payload: { ...payload, ticket },
  });
  const revisit = { resolved: false, satisfaction: 'dissatisfied', words: '没解决', at: d('2026-11-03T15:00:00').toISOString() };
  const DISPATCH = { assistUnitIds: [], onSiteDetermination: false };
  const REPLY = { outcome: 'resolved', facts: '已核实', report: '已清理' };
  const due = (kind: string, start: Date) => new Date(start.getTime() + (kind === 'reply' ? 5 : 1) * 86_400_000);

  it('starts a handling per unit, keeps returns and evaluations with the unit that replied', () => {
    const h = ticketHistory(
      1,
      [
        ev(1, 'ticket.dispatched', '2026-11-02T09:00:00', { ...DISPATCH, leadUnitId: 7, previousLeadUnitId: null, round: 1 }, 'registered'),
        ev(2, 'ticket.dispatched', '2026-11-02T09:10:00', { ...DISPATCH, leadUnitId: 7, previousLeadUnitId: 7, round: 1, assistUnitIds: [9] }, 'dispatched'),
        ev(3, 'ticket.return_requested', '2026-11-02T10:00:00', { requestId: 'return-3', unitId: 7, reason: '不属于本单位', suggestedUnitId: 8 }),
        ev(4, 'ticket.return_approved', '2026-11-02T11:00:00', { requestId: 'return-3', unitId: 7, approve: true, note: '同意', newLeadUnitId: 8 }),
        ev(5, 'ticket.first_contacted', '2026-11-02T12:00:00', { at: '2026-11-02T11:30:00+08:00', channel: 'phone', note: '已联系', unitId: 8 }),
        ev(6, 'ticket.replied', '2026-11-03T10:00:00', {
          ...REPLY,
          unitId: 8,
          citizenToldAt: '2026-11-03T09:00:00+08:00',
          at: d('2026-11-03T10:00:00').toISOString(),
        }),
        ev(7, 'ticket.revisited', '2026-11-03T15:00:00', { revisit, outcome: 'redispatched', leadUnitId: 8, round: 2 }),
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

  it('refuses a revisit without its satisfaction by name instead of counting it as dissatisfied', () => {
    const dispatched = ev(1, 'ticket.dispatched', '2026-11-02T09:00:00', { ...DISPATCH, leadUnitId: 7, previousLeadUnitId: null, round: 1 }, 'registered');
    const withoutSatisfaction = { resolved: revisit.resolved, words: revisit.words, at: revisit.at };
    const revisited = ev(2, 'ticket.revisited', '2026-11-03T15:00:00', { revisit: withoutSatisfaction, outcome: 'archived', round: 1 });
    const rebuild = () => ticketHistory(1, [dispatched, revisited], due, d('2026-12-01T00:00:00'));
    expect(rebuild).toThrow(EventPayloadError);
    expect(rebuild).toThrow(/#2 ticket\.revisited: .*revisit\.satisfaction/);
    // With it, the same revisit counts as what the citizen said.
    const satisfied = ev(2, 'ticket.revisited', '2026-11-03T15:00:00', { revisit: { ...revisit, satisfaction: 'satisfied' }, outcome: 'archived', round: 1 });
    expect(ticketHistory(1, [dispatched, satisfied], due, d('2026-12-01T00:00:00')).evaluations).toEqual([
      expect.objectContaining({ unitId: 7, satisfaction: 'satisfied' }),
    ]);
  });
});
