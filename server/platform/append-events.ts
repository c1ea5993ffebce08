/**
 * The tail of every write: the insert of its event rows and, for an intake, the day's ticket
 * number — one statement, the last before commit. Only the unit of work (./unit-of-work.ts) calls
 * it: a command emits events, the unit of work appends them at the end of its transaction and
 * publishes them after commit (docs/decisions/events.md, docs/decisions/event-order.md).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client';
import { EventPayloadError, parseEventPayload, type CatalogueEvent, type EventType } from '../../shared/events/catalogue';
import { storedEventOf, type StoredEvent, type StoredEventRow } from './live/publisher';

interface EventRow {
  ticketId?: number | null;
  actorId: number | null;
  actorRole: string | null;
  at: Date;
  fromState?: string | null;
  toState?: string | null;
  /** Who may see it live and on catch-up; [] for an audit row. */
  rooms: string[];
}

/** An event to write: a catalogue type with its payload (checked at compile time and again at run time). */
export type NewEvent<T extends EventType = EventType> = CatalogueEvent<T> & EventRow;

/**
 * A ticket registered in this transaction whose daily number is taken last (issue 17.2): its row
 * and every payload that names it hold `token` until the tail replaces it with the number.
 */
export interface PendingNumber {
  ticketId: number;
  token: string;
  /** ZX (the line's prefix). */
  prefix: string;
  /** The Shanghai day of the registration, YYYYMMDD. */
  day: string;
}

/** Held from the event insert to commit; see docs/decisions/event-order.md. */
const EVENT_ORDER_LOCK = 62112345;

export interface AppendedTail {
  stored: StoredEvent[];
  /** The number the pending ticket got (null when none was pending). */
  number: string | null;
}

/**
 * Appends events inside the caller's transaction, in one statement that first takes the
 * event-order lock (sequence order equals commit order: a client resuming "after seq N" can never
 * skip an event that committed late with a smaller number) and, for an intake, the day's number:
 * both locks are held for this statement and the commit only.
 *
 * Every payload is parsed with its catalogue schema first: a type outside the catalogue or a
 * payload that does not match is a bug, and throws (the transaction rolls back).
 */
export async function appendEvents(tx: Tx, list: readonly NewEvent[], pending: PendingNumber | null = null): Promise<AppendedTail> {
  if (pending && !list.some((e) => e.ticketId === pending.ticketId)) throw new Error('a ticket registered without its events');
  if (list.length === 0) return { stored: [], number: null };
  for (const e of list) checkPayload(e.type, e.payload);
  const rows = list.map((e) => ({
    type: e.type,
    ticket_id: e.ticketId ?? null,
    actor_id: e.actorId,
    actor_role: e.actorRole,
    at: e.at.toISOString(),
    from_state: e.fromState ?? null,
    to_state: e.toState ?? null,
    payload: e.payload,
    rooms: e.rooms,
  }));
  const values = sql`rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (type text, ticket_id integer, actor_id integer,
    actor_role text, at timestamptz, from_state text, to_state text, payload jsonb, rooms text[]))
    with ordinality as v(type, ticket_id, actor_id, actor_role, at, from_state, to_state, payload, rooms, ord)`;
  const numbering = pending
    ? sql`, counter as (
          insert into ticket_counters (prefix, day, last) select ${pending.prefix}, ${pending.day}, 1 from lock
          on conflict (prefix, day) do update set last = ticket_counters.last + 1
          returning last),
        numbered as (
          update tickets set number = ${`${pending.prefix}${pending.day}-`} || lpad(counter.last::text, greatest(4, length(counter.last::text)), '0')
          from counter where tickets.id = ${pending.ticketId} and tickets.number = ${pending.token}
          returning tickets.number)`
    : sql``;
  const payload = pending ? sql`replace(v.payload::text, ${pending.token}, numbered.number)::jsonb` : sql`v.payload`;
  const result = await rowsOf<StoredEventRow & { number: string | null }>(
    tx,
    sql`with lock as materialized (select pg_advisory_xact_lock(${EVENT_ORDER_LOCK}) as held)${numbering},
      appended as (
        insert into events (type, ticket_id, actor_id, actor_role, at, from_state, to_state, payload, rooms)
        select v.type, v.ticket_id, v.actor_id, v.actor_role, v.at, v.from_state, v.to_state, ${payload}, v.rooms
        from lock, ${pending ? sql`numbered, ` : sql``}${values}
        order by v.ord
        returning seq, type, ticket_id, at, payload, rooms)
      select appended.*, ${pending ? sql`(select number from numbered)` : sql`null::text`} as number from appended order by seq`,
  );
  if (pending && !result[0]?.number) throw new Error(`ticket ${pending.ticketId} was not numbered`);
  return {
    stored: result.map(storedEventOf),
    number: result[0]?.number ?? null,
  };
}

function checkPayload(type: string, payload: unknown): void {
  try {
    parseEventPayload(type as EventType, payload);
  } catch (err) {
    if (err instanceof EventPayloadError) throw new Error(`refused to append ${err.message}`, { cause: err });
    throw err;
  }
}
