/**
 * The PRODUCT.md §7 queues counted in SQL (the wallboard's numbers). Each condition mirrors the shared
 * predicate in shared/console/queues.ts; server/console/wallboard-routes.test.ts holds them equal.
 * A reply under review: not the one the supervisor accepted (the row's marker, migration 0018).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../../db/client';
import type { TicketQueue } from '../../shared/console/queues';
import { OPEN_STATES } from '../../shared/ticket/machine';

/** Abandoned calls stay in the call-back queue this long (as GET /api/calls lists them). */
const CALLBACK_DAYS = 7;

export async function ticketQueueCounts(db: Queryable): Promise<Record<TicketQueue, number>> {
  const [r] = await rowsOf<Record<TicketQueue, string | number>>(
    db,
    sql`select
          count(*) filter (where state = 'registered') as registered,
          count(*) filter (where state = 'dispatched') as awaiting_acceptance,
          count(*) filter (where state in ('dispatched', 'in_progress') and clock_kind = 'first_contact') as awaiting_first_contact,
          count(*) filter (where state = 'in_progress') as in_progress,
          count(*) filter (where state = 'replied' and reply_accepted_at is distinct from detail->'reply'->>'at') as reply_review,
          count(*) filter (where state = 'replied') as awaiting_revisit,
          count(*) filter (where coalesce(jsonb_array_length(detail->'pendingRequests'), 0) > 0) as decisions
        from tickets t
        where state in ${[...OPEN_STATES]}`,
  );
  const n = (v: string | number | undefined) => Number(v ?? 0);
  return {
    registered: n(r?.registered),
    awaiting_acceptance: n(r?.awaiting_acceptance),
    awaiting_first_contact: n(r?.awaiting_first_contact),
    in_progress: n(r?.in_progress),
    reply_review: n(r?.reply_review),
    awaiting_revisit: n(r?.awaiting_revisit),
    decisions: n(r?.decisions),
  };
}

/** Abandoned calls nobody called back and the caller did not get through since (mirrors GET /api/calls). */
export async function abandonedToCallBack(db: Queryable, now: Date): Promise<number> {
  const since = new Date(now.getTime() - CALLBACK_DAYS * 86_400_000).toISOString();
  const [r] = await rowsOf<{ n: string | number }>(
    db,
    sql`select count(*) as n from calls c
        where c.status = 'abandoned' and c.callback_call_id is null and c.ended_at > ${since}::timestamptz
          and not exists (select 1 from calls later where later.direction = 'inbound'
            and later.citizen_phone = c.citizen_phone and later.answered_at > c.ended_at)`,
  );
  return Number(r?.n ?? 0);
}

export async function openSupervisions(db: Queryable): Promise<number> {
  const [r] = await rowsOf<{ n: string | number }>(db, sql`select count(*) as n from supervisions where state in ('open', 'replied')`);
  return Number(r?.n ?? 0);
}
