/**
 * PRODUCT.md §5 "Several callers about the same place and problem in a short time → a cluster alert on
 * the supervisors' board (mass complaint)". Place = the community the address resolved to (or the
 * address itself when it did not resolve); problem = the confirmed category; callers = distinct
 * phones. The alert is raised once, when the cluster opens; later calls grow it (cluster.updated).
 */
import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { clusters, tickets } from '../../db/schema';
import type { TRepeatSettings } from '../../shared/schemas/rules';
import { roleRoom } from '../platform/live/rooms';
import type { NewEvent } from '../platform/unit-of-work';
import { presentCluster } from './present';
import { MINUTE_MS } from './settings';

/** First key of the two-key advisory lock that serialises cluster decisions per place and category. */
const CLUSTER_LOCK = 62112346;

export interface ClusterTicket {
  id: number;
  categoryCode: string | null;
  contactPhone: string | null;
  address: string;
  addressKey: string | null;
  communityUnitId: number | null;
}

export interface DetectClusterOptions {
  ticket: ClusterTicket;
  communityName: string | null;
  settings: TRepeatSettings;
  now: Date;
  actorId: number;
  actorRole: string;
}

export const CLUSTER_ROOMS = [roleRoom('supervisor'), roleRoom('leader')];

/** Returns the event to append (cluster.alert or cluster.updated), or null. */
export async function detectCluster(tx: Tx, opts: DetectClusterOptions): Promise<NewEvent | null> {
  const { ticket, settings, now } = opts;
  const category = ticket.categoryCode;
  if (!category) return null;
  const placeKey = ticket.communityUnitId !== null ? `community:${ticket.communityUnitId}` : ticket.addressKey ? `address:${ticket.addressKey}` : null;
  if (!placeKey) return null;
  const windowMs = settings.clusterWindowMinutes * MINUTE_MS;
  const since = new Date(now.getTime() - windowMs);

  // Exactly once under concurrent intakes: whoever holds the lock sees every earlier decision
  // for this place and category committed (READ COMMITTED takes a new snapshot per statement).
  await tx.execute(sql`select pg_advisory_xact_lock(${CLUSTER_LOCK}, hashtext(${`${placeKey}|${category}`}))`);

  const [open] = await tx
    .select()
    .from(clusters)
    .where(and(eq(clusters.placeKey, placeKey), eq(clusters.categoryCode, category), gte(clusters.lastAt, since)))
    .orderBy(desc(clusters.id))
    .limit(1);
  const event = (type: 'cluster.alert' | 'cluster.updated', row: typeof clusters.$inferSelect): NewEvent => ({
    type,
    ticketId: null,
    actorId: opts.actorId,
    actorRole: opts.actorRole,
    at: now,
    payload: { cluster: presentCluster(row, windowMs, now), ticketId: ticket.id },
    rooms: CLUSTER_ROOMS,
  });

  if (open) {
    const ids = [...new Set([...open.ticketIds, ticket.id])];
    const callers = await distinctCallers(tx, ids);
    const [grown] = await tx.update(clusters).set({ ticketIds: ids, callerCount: callers, lastAt: now }).where(eq(clusters.id, open.id)).returning();
    if (!grown) throw new Error(`cluster ${open.id} vanished`);
    return event('cluster.updated', grown);
  }

  const place = ticket.communityUnitId !== null ? eq(tickets.communityUnitId, ticket.communityUnitId) : eq(tickets.addressKey, ticket.addressKey ?? '');
  const recent = await tx
    .select({ id: tickets.id, phone: tickets.contactPhone, createdAt: tickets.createdAt })
    .from(tickets)
    .where(and(place, eq(tickets.categoryCode, category), gte(tickets.createdAt, since), lte(tickets.createdAt, now)))
    .orderBy(tickets.id);
  const phones = callersOf(recent);
  if (phones.size < settings.clusterMinCallers) return null;
  const [created] = await tx
    .insert(clusters)
    .values({
      categoryCode: category,
      placeKey,
      placeName: opts.communityName ?? ticket.address,
      communityUnitId: ticket.communityUnitId,
      ticketIds: recent.map((r) => r.id),
      callerCount: phones.size,
      firstAt: recent[0]?.createdAt ?? now,
      lastAt: now,
      alertedAt: now,
    })
    .returning();
  if (!created) throw new Error('cluster insert returned no row');
  return event('cluster.alert', created);
}

async function distinctCallers(tx: Tx, ids: number[]): Promise<number> {
  return callersOf(await tx.select({ phone: tickets.contactPhone }).from(tickets).where(inArray(tickets.id, ids))).size;
}

/**
 * The different callers among tickets, by number. A ticket without a number (an Open311 filing
 * without `phone`) cannot be told from another one's caller: it stays in the cluster's tickets but
 * is not counted as a caller, so two phoneless filings never make "two callers".
 */
function callersOf(rows: readonly { phone: string | null }[]): Set<string> {
  return new Set(rows.flatMap((r) => (r.phone === null ? [] : [r.phone])));
}
