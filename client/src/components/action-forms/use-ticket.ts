/** One ticket as its page shows it (GET /api/tickets/:id), reloaded when told something changed. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TicketSummary } from '../../../../shared/schemas/ticket';
import type { TicketDetailView } from '../../../../shared/schemas/workspaces';
import type { TicketCommand } from '../../../../shared/ticket/commands';
import { api, ApiError } from '../../lib/api';
import { learnServerTime } from './time';

export interface TicketState {
  ticket: TicketDetailView | null;
  /** 'not_found' when missing or no longer visible (moved to another unit). */
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** `refreshKey` changes whenever a live event touched the ticket. */
export function useTicket(id: number | null, refreshKey: unknown): TicketState {
  const [ticket, setTicket] = useState<TicketDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [bump, setBump] = useState(0);
  const current = useRef<number | null>(null);

  useEffect(() => {
    if (id === null) {
      setTicket(null);
      return;
    }
    let cancelled = false;
    if (current.current !== id) setTicket(null);
    current.current = id;
    setLoading(true);
    api<TicketDetailView>('GET', `/api/tickets/${id}`)
      .then((t) => {
        if (cancelled) return;
        learnServerTime(t.deadlines.asOf, Date.now());
        setTicket(t);
        setError(null);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        setError(e instanceof ApiError ? e.code : 'network');
        if (e instanceof ApiError && e.code === 'not_found') setTicket(null);
      })
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [id, refreshKey, bump]);

  const reload = useCallback(() => setBump((b) => b + 1), []);
  return { ticket, error, loading, reload };
}

export const commandPath = (command: TicketCommand) => command.replaceAll('_', '-');

/** POST /api/tickets/:id/<command> with the version the user saw (409 if someone was faster). */
export function runCommand(ticket: { id: number; version: number }, command: TicketCommand, input: Record<string, unknown>): Promise<TicketSummary> {
  return api<TicketSummary>('POST', `/api/tickets/${ticket.id}/${commandPath(command)}`, { version: ticket.version, ...input });
}
