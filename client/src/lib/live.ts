/**
 * Ticket lists as screens use them: the list snapshot from the query cache (kept current by live
 * events on the tab's one connection, client/src/lib/live/), and which tickets arrived live since
 * the screen opened (for a highlight).
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { TicketSummary } from '../../../shared/schemas/ticket';
import type { TicketListScope } from '../api/keys';
import { ticketListQuery, ticketsOf } from '../api/tickets';
import { useLiveEvent } from './live/hooks';

export type { LiveStatus } from './live/connection';

export interface LiveTickets {
  /** Newest first. */
  tickets: TicketSummary[];
  /** Ids of tickets registered or dispatched live since the screen opened. */
  fresh: Set<number>;
  /** The snapshot left tickets out (more than its limit). */
  truncated: boolean;
}

const FRESH_EVENTS = new Set(['ticket.registered', 'ticket.dispatched']);

/**
 * `open`: GET /api/tickets (the newest open tickets the user may see); `queues`: GET /api/queues
 * (every open ticket of the line); `mine`: GET /api/queues/mine (this operator's shift).
 */
export function useLiveTickets(scope: TicketListScope, opts: { enabled?: boolean; limit?: number } = {}): LiveTickets {
  const query = useQuery({ ...ticketListQuery(scope, opts.limit), enabled: opts.enabled ?? true });
  const [fresh, setFresh] = useState<Set<number>>(() => new Set());
  useLiveEvent((e) => {
    const ticket = (e.data as { ticket?: TicketSummary } | null)?.ticket;
    if (ticket && FRESH_EVENTS.has(e.type)) setFresh((s) => (s.has(ticket.id) ? s : new Set(s).add(ticket.id)));
  });
  const tickets = useMemo(() => ticketsOf(query.data), [query.data]);
  return { tickets, fresh, truncated: query.data?.truncated ?? false };
}
