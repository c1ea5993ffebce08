/**
 * The live ticket store: a snapshot from the API, then socket events applied in order of
 * (ticket version, seq). On reconnect the socket sends the last seq it saw and the server
 * replays what was missed; if too far behind, the store reloads its snapshot.
 */
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { LiveFeed, type LiveEvent } from '../../../shared/live/feed';
import type { TicketSummary } from '../../../shared/schemas/ticket';
import { api } from './api';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

interface Entry {
  ticket: TicketSummary;
  seq: number;
}

export interface LiveTickets {
  tickets: TicketSummary[];
  status: LiveStatus;
  lastSeq: number;
  /** Ids of tickets that arrived live since the page loaded (for a highlight). */
  fresh: Set<number>;
}

export interface LiveTicketsOptions {
  /** Called with every new event after the store applied it (alerts, refreshing an open ticket). */
  onEvent?: (event: LiveEvent<{ ticket?: TicketSummary }>) => void;
}

export function useLiveTickets(opts: LiveTicketsOptions = {}): LiveTickets {
  const onEventRef = useRef(opts.onEvent);
  onEventRef.current = opts.onEvent;
  const [entries, setEntries] = useState<Map<number, Entry>>(new Map());
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [lastSeq, setLastSeq] = useState(0);
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  const socketRef = useRef<Socket | null>(null);

  useEffect(() => {
    let cancelled = false;
    let feed = new LiveFeed(0);

    const apply = (ticket: TicketSummary, seq: number) =>
      setEntries((prev) => {
        const cur = prev.get(ticket.id);
        if (cur && (cur.ticket.version > ticket.version || (cur.ticket.version === ticket.version && cur.seq >= seq))) return prev;
        const next = new Map(prev);
        next.set(ticket.id, { ticket, seq });
        return next;
      });

    const loadSnapshot = async () => {
      const snap = await api<{ seq: number; tickets: TicketSummary[] }>('GET', '/api/tickets');
      if (cancelled) return;
      feed = new LiveFeed(snap.seq);
      setEntries(new Map(snap.tickets.map((t) => [t.id, { ticket: t, seq: snap.seq }])));
      setLastSeq(snap.seq);
    };

    const start = async () => {
      await loadSnapshot().catch(() => undefined);
      if (cancelled) return;
      const socket = io({
        transports: ['websocket', 'polling'],
        // Called on every (re)connect, so the server always knows where we stopped.
        auth: (cb) => cb({ lastSeq: feed.lastSeq }),
        reconnectionDelay: 500,
        reconnectionDelayMax: 5000,
      });
      socketRef.current = socket;
      socket.on('ready', () => setStatus('live'));
      socket.on('disconnect', () => setStatus('reconnecting'));
      socket.on('connect_error', () => setStatus('reconnecting'));
      socket.on('resync', () => void loadSnapshot());
      socket.on('event', (e: LiveEvent<{ ticket?: TicketSummary }>) => {
        if (!feed.accept(e)) return;
        setLastSeq(feed.lastSeq);
        const ticket = e.data?.ticket;
        if (ticket) {
          apply(ticket, e.seq);
          if (e.type === 'ticket.registered' || e.type === 'ticket.dispatched') setFresh((s) => new Set(s).add(ticket.id));
        }
        onEventRef.current?.(e);
      });
    };
    void start();
    return () => {
      cancelled = true;
      socketRef.current?.close();
    };
  }, []);

  const tickets = [...entries.values()].map((e) => e.ticket).sort((a, b) => b.id - a.id);
  return { tickets, status, lastSeq, fresh };
}
