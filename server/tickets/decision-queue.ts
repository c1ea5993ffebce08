/**
 * Issue 17.7: the decision queue read from the database, a page at a time. Migration 0018 keeps on
 * each ticket row when its oldest item started waiting (`decision_since`, null when nothing waits)
 * and the kinds of its items (`decision_kinds`), in a partial index holding only those tickets.
 *
 * A page in items, oldest first: every waiting ticket has an item as old as its `decision_since`,
 * so the first `offset + limit` tickets in that order hold the first `offset + limit` items of the
 * whole queue (a ticket further on has none older). Those tickets are read — only the columns the
 * presenter reads — turned into items, sorted and cut. The counts come from the index alone.
 */
import { asc, isNotNull, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../../db/client';
import { tickets } from '../../db/schema';
import { DECISION_KINDS, type DecisionItem, type DecisionKind } from '../../shared/schemas/workspaces';
import { designationRequired } from '../../shared/ticket/rules';
import { presentSummaryWith, SUMMARY_COLUMNS } from './presenter';
import { snapshotOf } from './ticket-snapshot';

export interface DecisionQueuePage {
  items: DecisionItem[];
  total: number;
  counts: Record<DecisionKind, number>;
}

export async function readDecisionQueue(db: Queryable, offset: number, limit: number): Promise<DecisionQueuePage> {
  // The page and the counts side by side (two connections of the pool): one round trip of waiting.
  const [rows, perKinds] = await Promise.all([
    db
      .select(SUMMARY_COLUMNS)
      .from(tickets)
      .where(isNotNull(tickets.decisionSince))
      .orderBy(asc(tickets.decisionSince), asc(tickets.id))
      .limit(offset + limit),
    // Grouped by the kinds as stored: a handful of distinct lists, no row unnested (index-only scan).
    rowsOf<{ kinds: string[]; n: number }>(
      db,
      sql`select decision_kinds as kinds, count(*)::int as n from tickets where decision_since is not null group by decision_kinds`,
    ),
  ]);
  const items: DecisionItem[] = [];
  for (const row of rows) {
    const s = snapshotOf(row);
    const ticket = presentSummaryWith(row, s);
    const base = { ticket, returnedByUnitIds: s.returnedByUnitIds, designationRequired: false, reply: null, request: null };
    for (const request of s.pendingRequests) {
      items.push({
        ...base,
        key: `${row.id}:${request.id}`,
        kind: request.kind,
        request,
        designationRequired: request.kind === 'return' && designationRequired(s),
        since: request.at,
      });
    }
    // The same rule as ticket_decision_kinds (migration 0018): a reply not the accepted one.
    if (row.state === 'replied' && s.reply && s.reply.at !== row.replyAcceptedAt) {
      items.push({ ...base, key: `${row.id}:reply:${s.reply.at}`, kind: 'reply', reply: s.reply, since: s.reply.at });
    }
  }
  // Stable: a ticket's items of the same instant keep their order (its requests', then the reply).
  items.sort((a, b) => compare(a.since, b.since) || a.ticket.id - b.ticket.id);

  const counts = Object.fromEntries(DECISION_KINDS.map((k) => [k, 0])) as Record<DecisionKind, number>;
  for (const { kinds, n } of perKinds) for (const kind of kinds) if (kind in counts) counts[kind as DecisionKind] += Number(n);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { items: items.slice(offset, offset + limit), total, counts };
}

/** Code-point order, as the index's text order for ISO instants. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
