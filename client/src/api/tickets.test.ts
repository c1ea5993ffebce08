import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../shared/live/feed';
import type { TicketSummary } from '../../../shared/schemas/ticket';
import { liveListOf } from '../lib/live/live-list';
import { keys } from './keys';
import { summaryOf, ticketChanged, ticketsOf, ticketsOnEvent, type TicketList } from './tickets';

const ticket = (id: number, version: number, state = 'dispatched'): TicketSummary => ({
  id,
  number: `ZX20261201-${String(id).padStart(4, '0')}`,
  type: 'complaint_help',
  source: 'hotline',
  state,
  version,
  round: 1,
  categoryCode: null,
  leadUnitId: 3,
  assistUnitIds: [],
  contactName: null,
  contactPhoneMasked: '138****5678',
  address: '涞坊路1111弄',
  description: '油烟扰民',
  confidential: false,
  callAt: '2026-12-01T01:00:00.000Z',
  createdAt: '2026-12-01T01:00:00.000Z',
  updatedAt: '2026-12-01T01:00:00.000Z',
  clockKind: null,
  dueAt: null,
  light: null,
  pending: [],
  warning: false,
  revisitAttempts: 0,
  repeatCount: 0,
});

const event = (seq: number, t: TicketSummary, type = 'ticket.dispatched'): LiveEvent => ({
  seq,
  type,
  at: '2026-12-01T01:00:00Z',
  ticketId: t.id,
  data: { ticket: t },
});

function cache() {
  const qc = new QueryClient();
  const open = liveListOf(100, [ticket(1, 2)], (t) => t.id);
  qc.setQueryData(keys.tickets.list('queues'), open);
  qc.setQueryData(keys.tickets.list('mine'), open);
  qc.setQueryData(keys.tickets.detail(1), { id: 1, version: 2 });
  const list = (scope: 'queues' | 'mine') => qc.getQueryData<TicketList>(keys.tickets.list(scope));
  const states = (scope: 'queues' | 'mine') => ticketsOf(list(scope)).map((t) => `${t.id}:${t.state}`);
  return { qc, list, states };
}

describe('live ticket events in the cache', () => {
  it('update the ticket in every list it is in, and mark its page for reading again', () => {
    const { qc, states } = cache();
    ticketsOnEvent(qc, event(101, ticket(1, 3, 'in_progress'), 'ticket.accepted'));
    expect(states('queues')).toEqual(['1:in_progress']);
    expect(states('mine')).toEqual(['1:in_progress']);
    expect(qc.getQueryState(keys.tickets.detail(1))?.isInvalidated).toBe(true);
  });

  it('a new ticket joins the line queues, not the operator’s shift', () => {
    const { qc, states } = cache();
    ticketsOnEvent(qc, event(102, ticket(2, 1, 'registered'), 'ticket.registered'));
    expect(states('queues')).toEqual(['2:registered', '1:dispatched']);
    expect(states('mine')).toEqual(['1:dispatched']);
  });

  it('a late event (replayed, relayed) never rolls a list back', () => {
    const { qc, states, list } = cache();
    ticketsOnEvent(qc, event(105, ticket(1, 4, 'replied'), 'ticket.replied'));
    const before = list('queues');
    ticketsOnEvent(qc, event(103, ticket(1, 3, 'in_progress'), 'ticket.accepted'));
    expect(states('queues')).toEqual(['1:replied']);
    // Nothing changed: the cached list is the same object (screens do not re-render).
    expect(list('queues')).toBe(before);
  });

  it('events without a ticket leave the lists alone', () => {
    const { qc, list } = cache();
    const before = list('queues');
    ticketsOnEvent(qc, { seq: 106, type: 'presence.changed', at: '2026-12-01T01:00:00Z', ticketId: null, data: { presence: {} } });
    expect(list('queues')).toBe(before);
  });
});

describe("an action's answer", () => {
  it('shows at once, and a saved ticket joins this operator’s shift', () => {
    const { qc, states } = cache();
    ticketChanged(qc, ticket(3, 2, 'dispatched'), true);
    expect(states('mine')).toEqual(['3:dispatched', '1:dispatched']);
    ticketChanged(qc, ticket(1, 3, 'closed_on_call'));
    expect(states('mine')).toEqual(['3:dispatched', '1:closed_on_call']);
  });

  it('keeps no full phone number in the lists (the create answer carries one)', () => {
    const answer = { ...ticket(4, 1), contactPhone: '13812345678', detail: {} } as TicketSummary;
    expect(summaryOf(answer)).toEqual(ticket(4, 1));
  });
});
