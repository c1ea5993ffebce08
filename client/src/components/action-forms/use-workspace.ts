/**
 * What every workspace page shares: alerts, the selected ticket in the URL (?t=<id>, so a link or
 * a notification opens it), the server's clock, and whether the screen is narrow (a tablet: list
 * or ticket, not both side by side). Lists come from the query cache (lib/live.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { serverTimeQuery } from '../../api/reference';
import { useLiveAlerts } from '../../lib/notifications';

export function useWorkspace() {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('t'));
  const selectedId = Number.isInteger(raw) && raw > 0 ? raw : null;
  const alerts = useLiveAlerts();
  // Learn how far this device's clock is off before any countdown is shown.
  useQuery(serverTimeQuery);
  const select = useCallback(
    (id: number | null) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        if (id === null) next.delete('t');
        else next.set('t', String(id));
        return next;
      }),
    [setParams],
  );
  return { alerts, selectedId, select, narrow: useNarrow() };
}

/** Tablets and small windows (PRODUCT.md §7: usable on a tablet for liaisons in the field). */
export function useNarrow(maxWidth = 1100): boolean {
  const query = `(max-width: ${maxWidth}px)`;
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return narrow;
}
