/**
 * The wallboard's data (SPEC 7): the snapshot from GET /api/wallboard, read again shortly after
 * any event that moves a figure, after every reconnect, and every 30 seconds (a quiet night
 * still crosses midnight; the day's figures must start again). Nothing is counted in the
 * browser: every number is the database's.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '../../../shared/live/feed';
import { WALLBOARD_EVENT_PREFIXES, type WallboardSnapshot } from '../../../shared/schemas/wallboard';
import { learnServerTime } from '../components/action-forms/time';
import { api } from '../lib/api';
import { useLiveStream, type LiveStatus } from '../lib/live';

const REFRESH_MS = 30_000;
const DEBOUNCE_MS = 300;

export interface Wallboard {
  board: WallboardSnapshot | null;
  status: LiveStatus;
  /** Cluster alerts that arrived live since the screen opened (flashed). */
  freshClusters: Set<number>;
  /** When the snapshot was last read (for the "updated" line). */
  readAt: number | null;
}

export function useWallboard(): Wallboard {
  const [board, setBoard] = useState<WallboardSnapshot | null>(null);
  const [readAt, setReadAt] = useState<number | null>(null);
  const [freshClusters, setFresh] = useState<Set<number>>(new Set());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const read = useCallback(async () => {
    const sent = Date.now();
    const snap = await api<WallboardSnapshot>('GET', '/api/wallboard');
    // The server's clock: the longest wait ticks from it, not from the screen's.
    learnServerTime(snap.asOf, (sent + Date.now()) / 2);
    setBoard(snap);
    setReadAt(Date.now());
    return snap.seq;
  }, []);

  const poke = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void read().catch(() => undefined), DEBOUNCE_MS);
  }, [read]);

  const stream = useLiveStream({
    load: read,
    onEvent: (e: LiveEvent) => {
      if (!WALLBOARD_EVENT_PREFIXES.some((p) => e.type.startsWith(p))) return;
      if (e.type === 'cluster.alert') {
        const id = (e.data as { cluster?: { id?: number } } | null)?.cluster?.id;
        if (typeof id === 'number') setFresh((s) => new Set(s).add(id));
      }
      poke();
    },
    onReady: poke,
  });

  useEffect(() => {
    const every = setInterval(() => void read().catch(() => undefined), REFRESH_MS);
    return () => {
      clearInterval(every);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [read]);

  return { board, status: stream.status, freshClusters, readAt };
}
