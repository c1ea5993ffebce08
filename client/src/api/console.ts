/**
 * The supervisor's screens that are read again rather than accumulated: the decision queue
 * (GET /api/decisions) and the wallboard (GET /api/wallboard, docs/decisions/live-console.md).
 * Events in bursts: each read waits a moment after the last event that moves it.
 */
import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../../shared/live/feed';
import { WALLBOARD_EVENT_PREFIXES, type WallboardSnapshot } from '../../../shared/schemas/wallboard';
import { DECISIONS_PAGE, DECISIONS_PAGE_MAX, type DecisionsAnswer } from '../../../shared/schemas/workspaces';
import { learnServerTime } from '../components/action-forms/time';
import { api } from '../lib/api';
import { liveRead } from '../lib/live/snapshot';
import { keys } from './keys';

/** After the last ticket event, before the decision queue is read again. */
const DECISIONS_DEBOUNCE_MS = 200;
/** After the last event that moves a figure, before the wallboard is read again. */
const WALLBOARD_DEBOUNCE_MS = 300;

/**
 * Issue 17.7: the decision queue a page at a time, oldest first (`offset` = items already loaded);
 * read again as a whole (every loaded page) on events, so items come and go in place.
 */
export const decisionsQuery = infiniteQueryOptions({
  queryKey: keys.decisions,
  initialPageParam: 0,
  queryFn: (context) => liveRead(context, () => api<DecisionsAnswer>('GET', `/api/decisions?limit=${DECISIONS_PAGE}&offset=${context.pageParam}`)),
  getNextPageParam: (last, pages) => {
    const loaded = pages.reduce((n, p) => n + p.items.length, 0);
    return last.items.length > 0 && loaded < last.total ? loaded : undefined;
  },
  meta: { live: 'refetch' },
});

/**
 * The supervisor's queues mark the replies under review: the oldest items of the queue, one
 * largest page (a queue longer than that marks the rest when it shortens).
 */
export const decisionsReviewQuery = queryOptions({
  queryKey: [...keys.decisions, 'review'] as const,
  queryFn: (context) => liveRead(context, () => api<DecisionsAnswer>('GET', `/api/decisions?limit=${DECISIONS_PAGE_MAX}`)),
  meta: { live: 'refetch' },
});

export const wallboardQuery = queryOptions({
  queryKey: keys.wallboard,
  queryFn: (context) =>
    liveRead(context, async () => {
      const sent = Date.now();
      const board = await api<WallboardSnapshot>('GET', '/api/wallboard');
      // The server's clock: the longest wait ticks from it, not from the screen's.
      learnServerTime(board.asOf, (sent + Date.now()) / 2);
      return board;
    }),
  meta: { live: 'refetch' },
});

const timers = new Map<string, ReturnType<typeof setTimeout>>();
/** Invalidates `key` once, `ms` after the last call for it. */
function invalidateSoon(qc: QueryClient, key: readonly string[], ms: number): void {
  const id = key.join('/');
  clearTimeout(timers.get(id));
  timers.set(
    id,
    setTimeout(() => {
      timers.delete(id);
      void qc.invalidateQueries({ queryKey: key });
    }, ms),
  );
}

export function consoleOnEvent(qc: QueryClient, e: LiveEvent): void {
  // Any ticket event may add or settle a decision.
  if (e.type.startsWith('ticket.') && qc.getQueryCache().findAll({ queryKey: keys.decisions }).length > 0)
    invalidateSoon(qc, keys.decisions, DECISIONS_DEBOUNCE_MS);
  if (WALLBOARD_EVENT_PREFIXES.some((p) => e.type.startsWith(p)) && qc.getQueryState(keys.wallboard)) invalidateSoon(qc, keys.wallboard, WALLBOARD_DEBOUNCE_MS);
}
