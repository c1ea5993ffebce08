/**
 * The insert of event rows. Only the unit of work (./unit-of-work.ts) calls it: a command emits
 * events, the unit of work appends them at the end of its transaction and publishes them after
 * commit (docs/decisions/events.md).
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { events } from '../../db/schema';
import { EventPayloadError, parseEventPayload, type CatalogueEvent, type EventType } from '../../shared/events/catalogue';
import type { StoredEvent } from './live/publisher';

interface EventRow {
  ticketId?: number | null;
  actorId: number | null;
  actorRole: string | null;
  at: Date;
  fromState?: string | null;
  toState?: string | null;
  /** Who may see it live and on catch-up; [] for an audit-only row. */
  rooms: string[];
}

/** An event to write: a catalogue type with its payload (checked at compile time and again at run time). */
export type NewEvent<T extends EventType = EventType> = CatalogueEvent<T> & EventRow;

/** Held from the event insert to commit; see docs/decisions/event-order.md. */
const EVENT_ORDER_LOCK = 62112345;

/**
 * Appends events inside the caller's transaction. The transaction-scoped advisory lock makes
 * sequence order equal commit order, so a client resuming "after seq N" can never skip an
 * event that committed late with a smaller number.
 *
 * Every payload is parsed with its catalogue schema first: a type outside the catalogue or a
 * payload that does not match is a bug, and throws (the transaction rolls back).
 */
export async function appendEvents(tx: Tx, list: readonly NewEvent[]): Promise<StoredEvent[]> {
  if (list.length === 0) return [];
  for (const e of list) checkPayload(e.type, e.payload);
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

function checkPayload(type: string, payload: unknown): void {
  try {
    parseEventPayload(type as EventType, payload);
  } catch (err) {
    if (err instanceof EventPayloadError) throw new Error(`refused to append ${err.message}`, { cause: err });
    throw err;
  }
}
