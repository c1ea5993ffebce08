/**
 * The wallboard's data (PRODUCT.md §7): the snapshot from GET /api/wallboard, read again shortly after
 * any event that moves a figure (client/src/api/console.ts), after every reconnect, and every 30
 * seconds (a quiet night still crosses midnight; the day's figures must start again). Nothing is
 * counted in the browser: every number is the database's.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { WallboardSnapshot } from '../../../shared/schemas/wallboard';
import { wallboardQuery } from '../api/console';
import type { LiveStatus } from '../lib/live';
import { useLiveEvent, useLiveStatus } from '../lib/live/hooks';

const REFRESH_MS = 30_000;

export interface Wallboard {
  board: WallboardSnapshot | null;
  status: LiveStatus;
  /** Cluster alerts that arrived live since the screen opened (flashed). */
  freshClusters: Set<number>;
  /** When the snapshot was last read (for the "updated" line). */
  readAt: number | null;
}

export function useWallboard(): Wallboard {
  const query = useQuery({ ...wallboardQuery, refetchInterval: REFRESH_MS });
  const status = useLiveStatus();
  const [freshClusters, setFresh] = useState<Set<number>>(() => new Set());
  useLiveEvent((e) => {
    if (e.type !== 'cluster.alert') return;
    const id = (e.data as { cluster?: { id?: number } } | null)?.cluster?.id;
    if (typeof id === 'number') setFresh((s) => new Set(s).add(id));
  });
  return { board: query.data ?? null, status, freshClusters, readAt: query.data ? query.dataUpdatedAt : null };
}
