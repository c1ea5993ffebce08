/**
 * The operator's own presence (SPEC 7): read once, kept current from `presence.changed` events
 * (another tab, the server turning it offline), changed with PUT /api/presence.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '../../../shared/live/feed';
import type { ChosenStatus, PresenceView } from '../../../shared/schemas/presence';
import { api } from './api';

export interface MyPresence {
  presence: PresenceView | null;
  /** Sets the status; with `onlyFrom`, only while the status is one of those (an automatic change). */
  set(status: ChosenStatus, onlyFrom?: readonly string[]): Promise<void>;
  /** Feed it the page's live events. */
  onEvent(e: LiveEvent): void;
  /** Read again (after a reconnect). */
  reload(): void;
}

export function useMyPresence(userId: number | null, enabled: boolean): MyPresence {
  const [presence, setPresence] = useState<PresenceView | null>(null);
  const current = useRef<PresenceView | null>(null);
  current.current = presence;

  const accept = useCallback((p: PresenceView) => setPresence((prev) => (prev && prev.version > p.version ? prev : p)), []);

  const reload = useCallback(() => {
    if (!enabled || userId === null) return;
    api<{ operators: PresenceView[] }>('GET', '/api/presence')
      .then((r) => {
        const mine = r.operators.find((p) => p.userId === userId);
        if (mine) accept(mine);
      })
      .catch(() => undefined);
  }, [enabled, userId, accept]);

  useEffect(reload, [reload]);

  const set = useCallback(
    async (status: ChosenStatus, onlyFrom?: readonly string[]) => {
      if (!enabled || current.current?.status === status) return;
      if (onlyFrom && !onlyFrom.includes(current.current?.status ?? 'offline')) return;
      accept(await api<PresenceView>('PUT', '/api/presence', { status }));
    },
    [enabled, accept],
  );

  const onEvent = useCallback(
    (e: LiveEvent) => {
      const p = (e.data as { presence?: PresenceView } | null)?.presence;
      if (e.type === 'presence.changed' && p && p.userId === userId) accept(p);
    },
    [userId, accept],
  );

  return { presence, set, onEvent, reload };
}
