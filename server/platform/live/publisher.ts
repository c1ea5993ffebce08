/**
 * Fan-out after commit: the event row is the truth; publishing only tells connected screens.
 * A screen that misses a publish (network drop, restart) catches up from the events table.
 */
import type { Server } from 'socket.io';
import type { LiveEvent } from '../../../shared/live/feed';
import { fullTextRooms, maskedEvent } from './free-text';

export interface StoredEvent {
  seq: number;
  type: string;
  ticketId: number | null;
  at: Date;
  payload: Record<string, unknown>;
  rooms: string[];
}

/** An `events` row as raw SQL returns it: the drivers may give `seq` (a bigint) as a string and `at` as a string. */
export interface StoredEventRow {
  seq: string | number;
  type: string;
  ticket_id: number | null;
  at: string | Date;
  payload: Record<string, unknown>;
  rooms: string[];
}

/** The one mapping of a selected or returned `events` row to the event publish and catch-up send. */
export function storedEventOf(row: StoredEventRow): StoredEvent {
  return { seq: Number(row.seq), type: row.type, ticketId: row.ticket_id, at: new Date(row.at), payload: row.payload, rooms: row.rooms };
}

export interface LivePublisher {
  publish(events: StoredEvent[]): void;
  connectedClients(): number;
  /**
   * Closes every live connection in these rooms (a session's, a user's), this process's before
   * it returns and the other processes' through the adapter. The client is told (`io server
   * disconnect`) and does not reconnect by itself.
   */
  disconnect(rooms: string[]): Promise<void>;
}

export function toLiveEvent(e: StoredEvent): LiveEvent {
  return { seq: e.seq, type: e.type, at: e.at.toISOString(), ticketId: e.ticketId, data: e.payload };
}

/** Between processes, one message per committed transaction carries its events (issue 17.4). */
export const LIVE_BATCH = 'live:events';

/**
 * Sends events to this process's sockets in their rooms. Rooms that may not see the caller's
 * number get the free text masked (issue 14 item 7).
 */
export function deliverLocally(server: Server, events: readonly StoredEvent[]): void {
  const local = server.local;
  for (const e of events) {
    // An event without rooms is an audit row for nobody's screen; `to([])` would reach everyone.
    if (e.rooms.length === 0) continue;
    const full = fullTextRooms(e);
    const masked = e.rooms.filter((r) => !full.includes(r));
    const maskedCopy = masked.length > 0 ? maskedEvent(e) : e;
    // Most events hold no number (or reach only rooms that may read it): one emit to every room.
    if (maskedCopy.payload === e.payload) {
      local.to(e.rooms).emit('event', toLiveEvent(e));
      continue;
    }
    if (full.length > 0) local.to(full).emit('event', toLiveEvent(e));
    // A socket in both (a person with two roles) is reached once, as typed.
    local.to(masked).except(full).emit('event', toLiveEvent(maskedCopy));
  }
}

/** Events as another process sent them (dates arrive as strings). */
export function receivedBatch(batch: unknown): StoredEvent[] {
  if (!Array.isArray(batch)) return [];
  return (batch as StoredEvent[]).map((e) => ({ ...e, at: new Date(e.at) }));
}

/**
 * Publishes after commit: to this process's sockets at once, then — when other processes share the
 * database (`clustered`) — the whole transaction's events in one message through the adapter
 * (one NOTIFY), each process delivering them to its own sockets.
 */
export function socketPublisher(io: () => Server | null, clustered: () => boolean = () => false): LivePublisher {
  return {
    publish(events) {
      const server = io();
      if (!server) return;
      deliverLocally(server, events);
      const shown = events.filter((e) => e.rooms.length > 0);
      if (shown.length > 0 && clustered()) server.serverSideEmit(LIVE_BATCH, shown);
    },
    connectedClients: () => io()?.engine.clientsCount ?? 0,
    async disconnect(rooms) {
      const server = io();
      if (!server || rooms.length === 0) return;
      // Here first and at once: the cluster adapter would wait for its NOTIFY round trip.
      server.local.in(rooms).disconnectSockets(true);
      // Then every other process (the postgres adapter relays it; the in-memory one has none).
      await server.of('/').adapter.disconnectSockets({ rooms: new Set(rooms), except: new Set() }, true);
    },
  };
}
