/**
 * Live events → the query cache: one small handler per resource (client/src/api/*), each saying
 * which of its queries an event updates in place (lists, by version) or reads again.
 *
 * After a reconnect the server replays what was missed, so lists follow by themselves; queries
 * read again on events (`meta.live: 'refetch'`) are read again anyway, in case the replay was cut
 * short. After a `resync` nothing was replayed: everything live is read again.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../../../shared/live/feed';
import { callsOnEvent } from '../../api/calls';
import { consoleOnEvent } from '../../api/console';
import { knowledgeOnEvent } from '../../api/knowledge';
import { presenceOnEvent } from '../../api/presence';
import { rulesOnEvent } from '../../api/rules';
import { staffingOnEvent } from '../../api/staffing';
import { supervisionsOnEvent } from '../../api/supervision';
import { ticketsOnEvent } from '../../api/tickets';
import type { LiveConnection, ReadyKind } from './connection';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /** `snapshot`: a list with a stream position, updated by events; `refetch`: read again on events. */
      live?: 'snapshot' | 'refetch';
    };
  }
}

const HANDLERS: readonly ((qc: QueryClient, e: LiveEvent) => void)[] = [
  ticketsOnEvent,
  callsOnEvent,
  presenceOnEvent,
  consoleOnEvent,
  knowledgeOnEvent,
  supervisionsOnEvent,
  rulesOnEvent,
  staffingOnEvent,
];

export function applyLiveEvent(qc: QueryClient, e: LiveEvent): void {
  for (const handle of HANDLERS) handle(qc, e);
}

export function onLiveReady(qc: QueryClient, kind: ReadyKind): void {
  if (kind === 'first') return;
  void qc.invalidateQueries({
    predicate: (q) => {
      const live = q.meta?.live;
      if (kind === 'resync') return live !== undefined;
      return live === 'refetch' || (live === 'snapshot' && q.state.status === 'error');
    },
  });
}

/** Keeps `qc` current from the connection's events. */
export function bindLiveCache(connection: LiveConnection, qc: QueryClient): void {
  connection.onEvent((e) => applyLiveEvent(qc, e));
  connection.onReady((kind) => onLiveReady(qc, kind));
}
