/**
 * The live stream on the client (SPEC 7: no screen needs a reload to be current).
 *
 * `useLiveStream` is one socket with its feed: it resumes where it stopped on every reconnect
 * (`LiveFeed.resume()`: the server replays exactly what was missed, stragglers included) and
 * hands each new event to the page once. `useLiveTickets` builds the ticket store on it: a
 * snapshot from the API, then events applied by (ticket version, seq). While a snapshot loads
 * (first load, or `resync` when too far behind) events are held and replayed on top of it, so
 * nothing that happened during the load is lost.
 *
 * Consoles open their sockets with `presence: true`: an operator is offline when the last one
 * closes (server/presence/presence.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { LiveFeed, type LiveEvent } from '../../../shared/live/feed';
import type { TicketSummary } from '../../../shared/schemas/ticket';
import { api } from './api';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveStreamOptions {
  /** Loads the screen's snapshot; returns the stream position it reflects. Called again on `resync`. */
  load?: () => Promise<number>;
  /** Every new event, once, after the snapshot it builds on. */
  onEvent?: (event: LiveEvent) => void;
  /** The socket is live again (first connect or after a reconnect). */
  onReady?: () => void;
}

export interface LiveStream {
  status: LiveStatus;
  lastSeq: number;
}

export function useLiveStream(opts: LiveStreamOptions = {}): LiveStream {
  const ref = useRef(opts);
  ref.current = opts;
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [lastSeq, setLastSeq] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let socket: Socket | null = null;
    let feed: LiveFeed | null = null;
    /** Events that arrived while a snapshot was loading, replayed on top of it. */
    let held: LiveEvent[] | null = [];

    const deliver = (e: LiveEvent) => {
      if (!feed || !feed.accept(e)) return;
      setLastSeq(feed.lastSeq);
      ref.current.onEvent?.(e);
    };

    let loading: Promise<void> | null = null;
    /** One load at a time: a second request while one runs would overwrite what arrived meanwhile. */
    const load = (): Promise<void> => {
      loading ??= (async () => {
        held ??= [];
        let seq: number;
        try {
          seq = ref.current.load ? await ref.current.load() : 0;
        } catch {
          // Not loaded (server down?): keep holding; the next `ready` tries again.
          return;
        }
        if (cancelled) return;
        const previous = feed;
        feed = new LiveFeed(seq);
        // What we had already applied above the new snapshot stays applied: keep resuming after it.
        if (previous) for (const e of previous.recent()) if (e > seq) feed.accept({ seq: e });
        const pending = held ?? [];
        held = null;
        for (const e of pending.sort((a, b) => a.seq - b.seq)) deliver(e);
        setLastSeq(feed.lastSeq);
      })().finally(() => {
        loading = null;
      });
      return loading;
    };

    const start = async () => {
      const hasSnapshot = Boolean(ref.current.load);
      if (hasSnapshot) await load();
      else {
        held = null;
        feed = null;
      }
      if (cancelled) return;
      socket = io({
        transports: ['websocket', 'polling'],
        // Called on every (re)connect, so the server always knows where we stopped.
        auth: (cb) => cb({ ...(feed ? feed.resume() : {}), presence: true }),
        reconnectionDelay: 500,
        reconnectionDelayMax: 5000,
      });
      socket.on('ready', (r: { seq: number }) => {
        // A stream without a snapshot starts from where the server is.
        if (!feed) feed = new LiveFeed(r.seq);
        setStatus('live');
        if (held) void load();
        ref.current.onReady?.();
      });
      socket.on('disconnect', () => setStatus('reconnecting'));
      socket.on('connect_error', () => setStatus('reconnecting'));
      socket.on('resync', () => {
        if (ref.current.load) void load();
        else feed = null;
      });
      socket.on('event', (e: LiveEvent) => {
        if (held) held.push(e);
        else deliver(e);
      });
    };
    void start();
    return () => {
      cancelled = true;
      socket?.close();
    };
  }, []);

  return { status, lastSeq };
}

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
  /** The snapshot left tickets out (more than its limit). */
  truncated: boolean;
  /** Put a ticket the page got from an API answer (e.g. the one it just created). */
  put(ticket: TicketSummary): void;
}

export interface LiveTicketsOptions {
  /** Called with every new event after the store applied it (alerts, refreshing an open ticket). */
  onEvent?: (event: LiveEvent<{ ticket?: TicketSummary }>) => void;
  /** The snapshot: GET /api/tickets (newest open), /api/queues (every open ticket), /api/queues/mine. */
  snapshot?: string;
  /** Whether a ticket first heard of in an event joins the store (default: every ticket). */
  admit?: (ticket: TicketSummary) => boolean;
  onReady?: () => void;
}

export function useLiveTickets(opts: LiveTicketsOptions = {}): LiveTickets {
  const ref = useRef(opts);
  ref.current = opts;
  const [entries, setEntries] = useState<Map<number, Entry>>(new Map());
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  const [truncated, setTruncated] = useState(false);

  const apply = useCallback(
    (ticket: TicketSummary, seq: number) =>
      setEntries((prev) => {
        const cur = prev.get(ticket.id);
        if (cur && (cur.ticket.version > ticket.version || (cur.ticket.version === ticket.version && cur.seq >= seq))) return prev;
        if (!cur && ref.current.admit && !ref.current.admit(ticket)) return prev;
        const next = new Map(prev);
        next.set(ticket.id, { ticket, seq });
        return next;
      }),
    [],
  );

  const stream = useLiveStream({
    load: async () => {
      const snap = await api<{ seq: number; tickets: TicketSummary[]; truncated?: boolean }>('GET', ref.current.snapshot ?? '/api/tickets');
      setEntries(new Map(snap.tickets.map((t) => [t.id, { ticket: t, seq: snap.seq }])));
      setTruncated(Boolean(snap.truncated));
      return snap.seq;
    },
    onEvent: (e) => {
      const ev = e as LiveEvent<{ ticket?: TicketSummary }>;
      const ticket = ev.data?.ticket;
      if (ticket) {
        apply(ticket, ev.seq);
        if (ev.type === 'ticket.registered' || ev.type === 'ticket.dispatched') setFresh((s) => new Set(s).add(ticket.id));
      }
      ref.current.onEvent?.(ev);
    },
    onReady: () => ref.current.onReady?.(),
  });

  const put = useCallback((ticket: TicketSummary) => apply(ticket, 0), [apply]);
  const tickets = [...entries.values()].map((e) => e.ticket).sort((a, b) => b.id - a.id);
  return { tickets, status: stream.status, lastSeq: stream.lastSeq, fresh, truncated, put };
}
