/** One ticket as its page shows it (GET /api/tickets/:id), and the actions on it, through the query cache. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TicketSummary } from '../../../../shared/schemas/ticket';
import type { TicketDetailView } from '../../../../shared/schemas/workspaces';
import type { TicketCommand } from '../../../../shared/ticket/commands';
import { keys } from '../../api/keys';
import { runCommand, ticketDetailQuery, type TCommandDraft } from '../../api/tickets';
import { ApiError } from '../../lib/api';

export interface TicketState {
  ticket: TicketDetailView | null;
  /** 'not_found' when missing or no longer visible (moved to another unit). */
  error: string | null;
  loading: boolean;
  /** Read it again now (after an action, or a refusal that says someone was faster). */
  reload(): void;
}

/** Read again whenever a live event touches the ticket (client/src/api/tickets.ts). */
export function useTicket(id: number | null): TicketState {
  const qc = useQueryClient();
  const query = useQuery({ ...ticketDetailQuery(id ?? 0), enabled: id !== null });
  const error = query.error ? (query.error instanceof ApiError ? query.error.code : 'network') : null;
  const reload = useCallback(() => void (id !== null && qc.invalidateQueries({ queryKey: keys.tickets.detail(id) })), [qc, id]);
  return {
    // Missing or moved away: nothing to show, even what was shown before.
    ticket: id === null || error === 'not_found' ? null : (query.data ?? null),
    error,
    loading: query.isFetching,
    reload,
  };
}

/** Runs a command on a ticket with the version the user saw; its answer shows at once in every list. */
export function useTicketCommand(): <C extends TicketCommand>(
  ticket: { id: number; version: number },
  command: C,
  input: TCommandDraft<C>,
) => Promise<TicketSummary> {
  const qc = useQueryClient();
  return useCallback((ticket, command, input) => runCommand(qc, ticket, command, input), [qc]);
}
