/**
 * Operators' presence (PRODUCT.md §7): GET /api/presence, kept current by `presence.changed` events
 * (another tab, the server turning someone offline) applied by version; PUT sets one's own.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../../shared/live/feed';
import { PRESENCE_CHANGED_EVENT, type ChosenStatus, type PresenceView, type TPresenceListAnswer } from '../../../shared/schemas/presence';
import { api } from '../lib/api';
import { liveListOf, putItem, type LiveList } from '../lib/live/live-list';
import { liveRead } from '../lib/live/snapshot';
import { keys } from './keys';

export type PresenceList = LiveList<PresenceView>;

export function applyPresenceEvent(list: PresenceList, e: LiveEvent): PresenceList {
  const p = e.type === PRESENCE_CHANGED_EVENT ? (e.data as { presence?: PresenceView } | null)?.presence : undefined;
  return p ? putItem(list, p.userId, p, e.seq, 'any') : list;
}

/** No stream position in the answer: read once the connection covers the stream, then by version. */
export const presenceQuery = queryOptions({
  queryKey: keys.presence,
  queryFn: (context) =>
    liveRead(
      context,
      async () => liveListOf(0, (await api<TPresenceListAnswer>('GET', '/api/presence')).operators, (p) => p.userId),
      (list, events) => events.reduce(applyPresenceEvent, list),
    ),
  meta: { live: 'refetch' },
});

export function presenceOnEvent(qc: QueryClient, e: LiveEvent): void {
  const list = qc.getQueryData<PresenceList>(keys.presence);
  if (!list) return;
  const next = applyPresenceEvent(list, e);
  if (next !== list) qc.setQueryData(keys.presence, next);
}

/** PUT /api/presence: the operator's own status. */
export async function setPresence(qc: QueryClient, status: ChosenStatus): Promise<PresenceView> {
  const p = await api<PresenceView>('PUT', '/api/presence', { status });
  qc.setQueryData<PresenceList>(keys.presence, (list) => list && putItem(list, p.userId, p, 0, 'any'));
  return p;
}
