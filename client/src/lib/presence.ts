/**
 * The operator's own presence (PRODUCT.md §7): read with everyone's, kept current from `presence.changed`
 * events (another tab, the server turning it offline), changed with PUT /api/presence.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ChosenStatus, PresenceView } from '../../../shared/schemas/presence';
import { presenceQuery, setPresence, type PresenceList } from '../api/presence';

export interface MyPresence {
  presence: PresenceView | null;
  /** Sets the status; with `onlyFrom`, only while the status is one of those (an automatic change). */
  set(status: ChosenStatus, onlyFrom?: readonly string[]): Promise<void>;
}

export function useMyPresence(userId: number | null, enabled: boolean): MyPresence {
  const qc = useQueryClient();
  const query = useQuery({ ...presenceQuery, enabled: enabled && userId !== null });
  const presence = (userId !== null && query.data?.entries.get(userId)?.item) || null;

  const set = useCallback(
    async (status: ChosenStatus, onlyFrom?: readonly string[]) => {
      // The status now, not this render's: an automatic change may follow another within a render.
      const current = userId === null ? undefined : qc.getQueryData<PresenceList>(presenceQuery.queryKey)?.entries.get(userId)?.item;
      if (!enabled || current?.status === status) return;
      if (onlyFrom && !onlyFrom.includes(current?.status ?? 'offline')) return;
      await setPresence(qc, status);
    },
    [enabled, qc, userId],
  );

  return { presence, set };
}
