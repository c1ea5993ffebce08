/**
 * Tickets: the list snapshots the screens start from (kept current by live events), one ticket as
 * its page shows it, and the actions on tickets. Every action's answer is put into the cache at
 * once, so the screen shows the result before the live event that follows it arrives.
 */
import { queryOptions, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { z } from 'zod';
import { ticketCommandPath } from '../../../shared/api/command-paths';
import type { LiveEvent } from '../../../shared/live/feed';
import type { ContactReveal, TRevealContactInput } from '../../../shared/schemas/contact';
import type { TSetUrgencyInput } from '../../../shared/schemas/policies';
import {
  ZTicketSummarySchema,
  type TCorrectCallTimeInput,
  type TCreateTicketInput,
  type TicketSummary,
  type TTicketListAnswer,
} from '../../../shared/schemas/ticket';
import type { TAcceptReplyInput, TicketDetailView, TSignOffReplyInput } from '../../../shared/schemas/workspaces';
import type { COMMAND_INPUT_SCHEMAS, TicketCommand } from '../../../shared/ticket/commands';
import { learnServerTime } from '../components/action-forms/time';
import { api } from '../lib/api';
import { itemsOf, liveListOf, putFromEvent, putItem, type LiveList } from '../lib/live/live-list';
import { liveRead, liveSnapshot } from '../lib/live/snapshot';
import { keys, type TicketListScope } from './keys';

export type TicketList = LiveList<TicketSummary>;

const PATHS: Record<TicketListScope, string> = { open: '/api/tickets', queues: '/api/queues', mine: '/api/queues/mine' };
/** Whether a ticket first heard of in an event joins the list: the shift list takes only what this tab saved. */
const ADMITS_NEW: Record<TicketListScope, boolean> = { open: true, queues: true, mine: false };

const SUMMARY_FIELDS = ZTicketSummarySchema.keyof().options;
/** The summary fields of an answer (a create answers the detail, with the full number: lists keep none). */
export function summaryOf(ticket: TicketSummary): TicketSummary {
  const out: Record<string, unknown> = {};
  for (const f of SUMMARY_FIELDS) if (f in ticket) out[f] = ticket[f];
  return out as TicketSummary;
}

/** An event's copy of its ticket applied to a list (by ticket version, then seq). */
export function applyTicketEvent(list: TicketList, e: LiveEvent, scope: TicketListScope): TicketList {
  const ticket = (e.data as { ticket?: TicketSummary } | null)?.ticket;
  return ticket ? putFromEvent(list, ticket.id, ticket, e.seq, ADMITS_NEW[scope]) : list;
}

/**
 * GET /api/tickets (the newest open tickets the user may see; `limit` up to 500), /api/queues
 * (every open ticket of the line) or /api/queues/mine (this operator's shift).
 */
export const ticketListQuery = (scope: TicketListScope, limit?: number) =>
  queryOptions({
    queryKey: keys.tickets.list(scope, limit),
    queryFn: () =>
      liveSnapshot(
        async () => {
          const a = await api<TTicketListAnswer>('GET', limit ? `${PATHS[scope]}?limit=${limit}` : PATHS[scope]);
          return liveListOf(a.seq, a.tickets, (t) => t.id, Boolean(a.truncated));
        },
        (list, events) => events.reduce((l, e) => applyTicketEvent(l, e, scope), list),
      ),
    meta: { live: 'snapshot' },
  });

/** Newest first (the shift list and the unit's inbox sort again as they need). */
export const ticketsOf = (list: TicketList | undefined) => itemsOf(list, (a, b) => b.id - a.id);

/** GET /api/tickets/:id: read again whenever a live event touches the ticket. */
export const ticketDetailQuery = (id: number) =>
  queryOptions({
    queryKey: keys.tickets.detail(id),
    queryFn: (context) =>
      liveRead(context, async () => {
        const ticket = await api<TicketDetailView>('GET', `/api/tickets/${id}`);
        learnServerTime(ticket.deadlines.asOf, Date.now());
        return ticket;
      }),
    meta: { live: 'refetch' },
  });

const scopeOf = (key: QueryKey) => key[2] as TicketListScope;

function updateLists(qc: QueryClient, update: (list: TicketList, scope: TicketListScope) => TicketList) {
  for (const [key, list] of qc.getQueriesData<TicketList>({ queryKey: keys.tickets.lists })) {
    if (!list) continue;
    const next = update(list, scopeOf(key));
    if (next !== list) qc.setQueryData(key, next);
  }
}

/** Live: a ticket's copy goes into every list it belongs to; its page reads it again. */
export function ticketsOnEvent(qc: QueryClient, e: LiveEvent): void {
  updateLists(qc, (list, scope) => applyTicketEvent(list, e, scope));
  if (e.ticketId !== null) void qc.invalidateQueries({ queryKey: keys.tickets.detail(e.ticketId) });
}

/** An action's answer: shown at once in the lists (new tickets join them) and on its page. */
export function ticketChanged(qc: QueryClient, ticket: TicketSummary, created = false): void {
  const summary = summaryOf(ticket);
  updateLists(qc, (list, scope) => putItem(list, summary.id, summary, 0, created && (scope === 'mine' || ADMITS_NEW[scope]) ? 'any' : 'existing'));
  void qc.invalidateQueries({ queryKey: keys.tickets.detail(ticket.id) });
}

export type TCommandInput<C extends TicketCommand> = z.input<(typeof COMMAND_INPUT_SCHEMAS)[C]>;
/**
 * What a form sends for a command: its input as the shared schema takes it, where a field left
 * empty is the server's to refuse (its message lands on the field).
 */
export type TCommandDraft<C extends TicketCommand> = Partial<TCommandInput<C>>;

/** POST /api/tickets/:id/<command> with the version the user saw (409 if someone was faster). */
export async function runCommand<C extends TicketCommand>(
  qc: QueryClient,
  ticket: { id: number; version: number },
  command: C,
  input: TCommandDraft<C>,
): Promise<TicketSummary> {
  const changed = await api<TicketSummary>('POST', ticketCommandPath(command, ticket.id), { version: ticket.version, ...input });
  ticketChanged(qc, changed);
  // Requests and decisions come and go with commands.
  void qc.invalidateQueries({ queryKey: keys.decisions });
  return changed;
}

/** 000 三(五): the centre accepts a closing report (POST /api/decisions/replies/:id/accept). */
export async function acceptReply(qc: QueryClient, ticket: { id: number }, input: TAcceptReplyInput): Promise<TicketSummary> {
  const changed = await api<TicketSummary>('POST', `/api/decisions/replies/${ticket.id}/accept`, input);
  ticketChanged(qc, changed);
  void qc.invalidateQueries({ queryKey: keys.decisions });
  return changed;
}

/** Issue 15.8 (000 三(四)): the unit's liaison records its head's sign-off on the closing report. */
export async function signOffReply(qc: QueryClient, ticket: { id: number }, input: TSignOffReplyInput): Promise<TicketSummary> {
  const changed = await api<TicketSummary>('POST', `/api/decisions/replies/${ticket.id}/sign-off`, input);
  ticketChanged(qc, changed);
  return changed;
}

/** Issue 15.9: a supervisor corrects the call time with a reason (POST /api/tickets/:id/call-time). */
export async function correctCallTime(qc: QueryClient, ticket: { id: number }, input: TCorrectCallTimeInput): Promise<TicketSummary> {
  const changed = await api<TicketSummary>('POST', `/api/tickets/${ticket.id}/call-time`, input);
  ticketChanged(qc, changed);
  return changed;
}

/** Issue 15.2 / 001 三.1: a supervisor marks a ticket urgent or not, with a reason (POST /api/tickets/:id/urgency). */
export async function setUrgency(qc: QueryClient, ticket: { id: number }, input: TSetUrgencyInput): Promise<TicketSummary> {
  const changed = await api<TicketSummary>('POST', `/api/tickets/${ticket.id}/urgency`, input);
  ticketChanged(qc, changed);
  return changed;
}

/** POST /api/tickets with the record's idempotency key: saving again after a lost answer finds the same ticket. */
export async function createTicket(qc: QueryClient, input: TCreateTicketInput, idempotencyKey: string): Promise<TicketSummary> {
  const ticket = await api<TicketSummary>('POST', '/api/tickets', input, { 'idempotency-key': idempotencyKey });
  ticketChanged(qc, ticket, true);
  return ticket;
}

/** POST /api/tickets/:id/reveal-contact: every call is one logged reveal (PRODUCT.md §9); the number is kept for this tab. */
export async function revealContact(qc: QueryClient, ticketId: number, purpose: TRevealContactInput['purpose']): Promise<ContactReveal> {
  const contact = await api<ContactReveal>('POST', `/api/tickets/${ticketId}/reveal-contact`, { purpose });
  qc.setQueryData(keys.tickets.contact(ticketId), contact);
  // The reveal is on the ticket's timeline.
  void qc.invalidateQueries({ queryKey: keys.tickets.detail(ticketId) });
  return contact;
}

/** What this tab revealed, kept until log-out (never fetched: only `revealContact` fills it). */
export const revealedContactQuery = (ticketId: number) =>
  queryOptions<ContactReveal | null>({
    queryKey: keys.tickets.contact(ticketId),
    queryFn: () => null,
    enabled: false,
    gcTime: Infinity,
  });
