import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { events } from '../../db/schema';
import type { StoredEvent } from './live/publisher';

export interface NewEvent {
  type: string;
  ticketId?: number | null;
  actorId: number | null;
  actorRole: string | null;
  at: Date;
  fromState?: string | null;
  toState?: string | null;
  payload: Record<string, unknown>;
  rooms: string[];
}

/** Held from the event insert to commit; see docs/decisions/event-order.md. */
const EVENT_ORDER_LOCK = 62112345;

/**
 * Appends events inside the caller's transaction. The transaction-scoped advisory lock makes
 * sequence order equal commit order, so a client resuming "after seq N" can never skip an
 * event that committed late with a smaller number.
 */
export async function appendEvents(tx: Tx, list: NewEvent[]): Promise<StoredEvent[]> {
  if (list.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`);
  const rows = await tx
    .insert(events)
    .values(
      list.map((e) => ({
        type: e.type,
        ticketId: e.ticketId ?? null,
        actorId: e.actorId,
        actorRole: e.actorRole,
        at: e.at,
        fromState: e.fromState ?? null,
        toState: e.toState ?? null,
        payload: e.payload,
        rooms: e.rooms,
      })),
    )
    .returning();
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    ticketId: r.ticketId,
    at: r.at,
    payload: r.payload as Record<string, unknown>,
    rooms: r.rooms,
  }));
}
