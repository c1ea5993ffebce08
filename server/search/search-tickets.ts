/**
 * Issue 16.6 (PRODUCT.md §7 search): tickets across all time by number, full phone number, or words
 * of the address, description or number, within what the user may read (server/tickets/policy.ts:
 * the line's staff every ticket, a liaison its unit's once dispatched). Every branch is indexed:
 * the number's unique index, `tickets_phone_idx`, and the bigram GIN index `tickets_search_idx`
 * (migration 0015) with each word confirmed as a whole by `strpos`. A phone search is logged like
 * a reveal (`search.phone_searched`: who, which tickets, never the number).
 */
import { and, arrayOverlaps, desc, eq, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { NUMBERED_TICKET, tickets } from '../../db/schema';
import type { Role } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { SearchAnswer } from '../../shared/schemas/search';
import { parseSearchQuery, searchGrams, type SearchQuery } from '../../shared/search/parse-query';
import { UNDISPATCHED_STATES } from '../../shared/ticket/machine';
import type { SessionUser } from '../platform/auth/sessions';
import { withTransaction, type UnitOfWorkDeps } from '../platform/unit-of-work';
import { presentTicketSummaryFor } from '../tickets/presenter';

const LINE_READERS: readonly Role[] = ['operator', 'revisit', 'supervisor', 'leader'];

/** The same text the index holds (migration 0015): number, address and description. */
const SEARCHED = sql`(${tickets.number} || ' ' || ${tickets.address} || ' ' || ${tickets.description})`;
const LOWERED = sql`translate(${SEARCHED}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

export interface SearchTicketsOptions extends UnitOfWorkDeps {
  user: SessionUser;
  /** The role the search is logged under (the user's first staff role). */
  actorRole: Role;
  q: string;
  limit: number;
  now: Date;
}

/** What this user may read, as SQL (canReadTicket's rule); undefined for the line's staff. */
function visibleTo(user: SessionUser): SQL | undefined {
  if (user.roles.some((r) => LINE_READERS.includes(r))) return undefined;
  if (!user.roles.includes('liaison') || user.unitId === null) return sql`false`;
  return and(notInArray(tickets.state, [...UNDISPATCHED_STATES]), or(eq(tickets.leadUnitId, user.unitId), arrayOverlaps(tickets.assistUnitIds, [user.unitId])));
}

/** The rows a parsed query matches, as SQL; every branch is answered from an index. */
export function searchMatch(query: Exclude<SearchQuery, { kind: 'invalid' }>): SQL | undefined {
  switch (query.kind) {
    case 'number':
      return eq(tickets.number, query.number);
    case 'phone':
      return eq(tickets.contactPhone, query.phone);
    case 'text': {
      // The index narrows by bigrams; strpos keeps only the rows holding each word as written.
      const grams = [...new Set(query.words.flatMap(searchGrams))];
      const array = sql`array[${sql.join(
        grams.map((g) => sql`${g}`),
        sql`, `,
      )}]::text[]`;
      // The index holds numbered rows only (NUMBERED_TICKET): saying so lets the planner use it.
      return and(NUMBERED_TICKET, sql`ticket_search_grams(${SEARCHED}) @> ${array}`, ...query.words.map((w) => sql`strpos(${LOWERED}, ${w}) > 0`));
    }
  }
}

/** The search itself: newest first, one more than the limit (to say "truncated"). */
export function searchStatement(db: Queryable, user: SessionUser, query: Exclude<SearchQuery, { kind: 'invalid' }>, limit: number) {
  return db
    .select()
    .from(tickets)
    .where(and(searchMatch(query), visibleTo(user)))
    .orderBy(desc(tickets.id))
    .limit(limit + 1);
}

export async function searchTickets(opts: SearchTicketsOptions): Promise<SearchAnswer> {
  const query = parseSearchQuery(opts.q);
  if (query.kind === 'invalid') throw new AppError('validation_failed', `输入有误：${query.message}`, { q: query.message });
  const rows = await searchStatement(opts.db, opts.user, query, opts.limit);
  const found = rows.slice(0, opts.limit);
  if (query.kind === 'phone')
    await logPhoneSearch(
      opts,
      found.map((r) => r.id),
    );
  return { kind: query.kind, tickets: found.map(presentTicketSummaryFor(opts.user)), truncated: rows.length > opts.limit };
}

/**
 * PRODUCT.md §7 "phone (logged like a reveal)": who searched for a caller's number and which
 * tickets it found, in the append-only events table; never broadcast (no room), never the number.
 */
async function logPhoneSearch(opts: SearchTicketsOptions, ticketIds: number[]): Promise<void> {
  await withTransaction(opts, async (_tx, emit) => {
    emit({
      type: 'search.phone_searched',
      ticketId: null,
      actorId: opts.user.id,
      actorRole: opts.actorRole,
      at: opts.now,
      payload: { found: ticketIds.length, ticketIds },
      rooms: [],
    });
  });
}
