/**
 * Reading over HTTP what live events then keep current. A snapshot carries the stream position it
 * was read at; it is complete once the connection covers every event after that position, and
 * the events that arrived while it loaded are applied on top (nothing that happened during the
 * load is lost, nothing before it is applied twice: lists apply by version, lib/live/live-list.ts).
 */
import type { LiveEvent } from '../../../../shared/live/feed';
import { liveConnection } from './connection';

/** Reads a snapshot and brings it up to date; read again when it is older than the connection's coverage. */
export async function liveSnapshot<S extends { seq: number }>(read: () => Promise<S>, catchUp: (snapshot: S, events: LiveEvent[]) => S): Promise<S> {
  const connection = liveConnection();
  for (let attempt = 1; ; attempt++) {
    // In parallel: the first screen does not wait for the socket before asking.
    const [snapshot] = await Promise.all([read(), connection.covered()]);
    const events = snapshot.seq >= connection.coveredFrom ? connection.eventsAfter(snapshot.seq) : null;
    if (events) return catchUp(snapshot, events);
    // Read before the connection covered the stream (or too long ago): a second read is later than both.
    if (attempt >= 3) return catchUp(snapshot, connection.recentEvents());
  }
}

/** A list without a stream position (applied by version): read once the connection covers the stream. */
export async function liveRead<S>(read: () => Promise<S>, catchUp?: (snapshot: S, events: LiveEvent[]) => S): Promise<S> {
  const connection = liveConnection();
  await connection.covered();
  const snapshot = await read();
  return catchUp ? catchUp(snapshot, connection.recentEvents()) : snapshot;
}
