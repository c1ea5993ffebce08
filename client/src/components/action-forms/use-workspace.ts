/**
 * What every workspace page shares: the live store (one socket per page), alerts, the selected
 * ticket in the URL (?t=<id>, so a link or a notification opens it), and whether the screen is
 * narrow (a tablet: list or ticket, not both side by side).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../lib/api';
import { useLiveTickets } from '../../lib/live';
import { useLiveAlerts } from '../../lib/notifications';
import { learnServerTime } from './time';

export interface WorkspaceOptions {
  /** The live store's snapshot (default GET /api/tickets; the line's queues use /api/queues, complete). */
  snapshot?: string;
}

export function useWorkspace(opts: WorkspaceOptions = {}) {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('t'));
  const selectedId = Number.isInteger(raw) && raw > 0 ? raw : null;
  const alerts = useLiveAlerts();
  const [touched, setTouched] = useState(0);
  const selected = useRef(selectedId);
  selected.current = selectedId;
  const live = useLiveTickets({
    ...(opts.snapshot ? { snapshot: opts.snapshot } : {}),
    onEvent: (e) => {
      alerts.onEvent(e);
      if (e.ticketId !== null && e.ticketId === selected.current) setTouched(e.seq);
    },
  });
  useEffect(() => {
    // Learn how far this device's clock is off before any countdown is shown.
    api<{ time: string }>('GET', '/api/health')
      .then((h) => learnServerTime(h.time, Date.now()))
      .catch(() => undefined);
  }, []);
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
  return { live, alerts, selectedId, select, refreshKey: `${selectedId}:${touched}`, narrow: useNarrow() };
}

/** Tablets and small windows (SPEC 7: usable on a tablet for liaisons in the field). */
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
