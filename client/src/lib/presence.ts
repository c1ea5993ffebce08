/**
 * The operator's own presence (SPEC 7): read with everyone's, kept current from `presence.changed`
 * events (another tab, the server turning it offline), changed with PUT /api/presence.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import type { ChosenStatus, PresenceView } from '../../../shared/schemas/presence';
import { presenceQuery, setPresence } from '../api/presence';

export interface MyPresence {
  presence: PresenceView | null;
  /** Sets the status; with `onlyFrom`, only while the status is one of those (an automatic change). */
  set(status: ChosenStatus, onlyFrom?: readonly string[]): Promise<void>;
}

export function useMyPresence(userId: number | null, enabled: boolean): MyPresence {
  const qc = useQueryClient();
  const query = useQuery({ ...presenceQuery, enabled: enabled && userId !== null });
  const presence = (userId !== null && query.data?.entries.get(userId)?.item) || null;
  const current = useRef(presence);
  current.current = presence;

  const set = useCallback(
    async (status: ChosenStatus, onlyFrom?: readonly string[]) => {
      if (!enabled || current.current?.status === status) return;
      if (onlyFrom && !onlyFrom.includes(current.current?.status ?? 'offline')) return;
      await setPresence(qc, status);
    },
    [enabled, qc],
  );

  return { presence, set };
}
