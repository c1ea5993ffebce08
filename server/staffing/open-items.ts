/**
 * Issue 18.5: what is open at a handover — cluster alerts, abandoned calls waiting for a call-back,
 * tickets overdue or due before the next handover, supervision sheets due before it. Ids, numbers
 * and due times only: no citizen data.
 */
import { desc, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../../db/client';
import { clusters } from '../../db/schema';
import type { HandoverOpen } from '../../shared/schemas/staffing';
import { OPEN_STATES } from '../../shared/ticket/machine';
import { abandonedToCallBack } from '../console/queue-counts';
import { presentCluster } from '../repeats/present';
import { currentRepeatSettings, MINUTE_MS } from '../repeats/settings';

const iso = (v: string | Date) => new Date(v).toISOString();

export async function openItems(db: Queryable, now: Date, nextHandoverAt: Date): Promise<HandoverOpen> {
  const nextSql = sql`${nextHandoverAt.toISOString()}::timestamptz`;
  const settings = await currentRepeatSettings(db);
  const windowMs = settings.settings.clusterWindowMinutes * MINUTE_MS;
  const clusterRows = await db.select().from(clusters).orderBy(desc(clusters.lastAt)).limit(50);
  const due = await rowsOf<{ id: number; number: string; due_at: string | Date }>(
    db,
    sql`select id, number, due_at from tickets where state in ${[...OPEN_STATES]} and due_at is not null and due_at < ${nextSql} order by due_at limit 200`,
  );
  const sheets = await rowsOf<{ id: number; ticket_id: number; due_at: string | Date }>(
    db,
    sql`select id, ticket_id, due_at from supervisions where state in ('open', 'replied') and due_at < ${nextSql} order by due_at limit 100`,
  );
  return {
    clusters: clusterRows
      .map((r) => presentCluster(r, windowMs, now))
      .filter((c) => c.active)
      .map((c) => ({ id: c.id, placeName: c.place.name, categoryLabel: c.categoryLabel, callerCount: c.callerCount })),
    callbacks: await abandonedToCallBack(db, now),
    ticketsOverdue: due.filter((t) => new Date(t.due_at) < now).map((t) => ({ id: t.id, number: t.number, dueAt: iso(t.due_at) })),
    ticketsDueBeforeNext: due.filter((t) => new Date(t.due_at) >= now).map((t) => ({ id: t.id, number: t.number, dueAt: iso(t.due_at) })),
    supervisionsDue: sheets.map((s) => ({ id: s.id, ticketId: s.ticket_id, dueAt: iso(s.due_at) })),
  };
}

/** Counts for the event (the lists stay on the handover row). */
export function openCounts(o: HandoverOpen) {
  return {
    clusters: o.clusters.length,
    callbacks: o.callbacks,
    ticketsOverdue: o.ticketsOverdue.length,
    ticketsDueBeforeNext: o.ticketsDueBeforeNext.length,
    supervisionsDue: o.supervisionsDue.length,
  };
}
