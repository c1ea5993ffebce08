/**
 * Reading over HTTP what live events then keep current. A snapshot carries the stream position it
 * was read at; it is complete once the connection covers every event after that position, and
 * the events that arrived while it loaded are applied on top (nothing that happened during the
 * load is lost, nothing before it is applied twice: lists apply by version, lib/live/live-list.ts).
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
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

/**
 * An answer read again on events (no stream position): shown at once, and read once more as soon
 * as the connection covers the stream when it was read before (an event in between would be
 * missed). `catchUp` applies the events kept so far (lists applied by version). It does not open
 * the socket: a page without live updates (a printed form) reads once.
 */
export async function liveRead<S>(
  context: { client: QueryClient; queryKey: QueryKey },
  read: () => Promise<S>,
  catchUp?: (answer: S, events: LiveEvent[]) => S,
): Promise<S> {
  const connection = liveConnection();
  const covered = connection.covering;
  const answer = await read();
  if (!covered) void connection.whenCovered().then(() => context.client.invalidateQueries({ queryKey: context.queryKey, exact: true }));
  return catchUp ? catchUp(answer, connection.recentEvents()) : answer;
}
