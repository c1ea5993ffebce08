/**
 * The one way to write (STYLE: one domain action, one path): a command runs its writes inside
 * `withTransaction`, emits the events they make, and the unit of work appends them at the end of
 * the transaction and publishes them to the rooms only after commit. A rollback (a refusal thrown
 * by the command, a failed insert, a lost connection) publishes nothing. Only this module appends
 * events or publishes them (server/platform/one-way-to-write.test.ts checks the source).
 *
 * The events are appended last, just before commit, so the event-order lock
 * (docs/decisions/event-order.md) is held only for the insert and the commit, and is always the
 * last lock a writer takes.
 */
import { randomUUID } from 'node:crypto';
import { recordTransactionOwner, type Db, type Tx } from '../../db/client';
import { PENDING_NUMBER_PREFIX } from '../../shared/domain';
import { appendEvents, type NewEvent, type PendingNumber } from './append-events';
import type { LivePublisher, StoredEvent } from './live/publisher';
import { noteReferenceWrite } from './reference-data';

export type { NewEvent } from './append-events';

/** Stands for a ticket number until the tail takes it (Emit.numberLast): random, so it occurs nowhere else. */
export function pendingNumberToken(): string {
  return `${PENDING_NUMBER_PREFIX}${randomUUID()}`;
}

/** Records events to append with this transaction's writes; they are published after commit. */
export interface Emit {
  (...events: NewEvent[]): void;
  /**
   * The ticket registered in this transaction, inserted with `token` for its number: the tail
   * takes the day's number last (issue 17.2) and puts it in place of the token — in the row, in
   * every event payload, and in what the work returns.
   */
  numberLast(pending: PendingNumber): void;
}

export interface UnitOfWorkDeps {
  db: Db;
  live: LivePublisher;
}

/**
 * Runs `work` in one transaction; inside it every query must use `tx` (PGlite has one connection,
 * a query on `db` would wait for this transaction forever). Returns what `work` returns.
 */
export async function withTransaction<R>(deps: UnitOfWorkDeps, work: (tx: Tx, emit: Emit) => Promise<R>): Promise<R> {
  let stored: StoredEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    recordTransactionOwner(tx, deps.db);
    const pending: NewEvent[] = [];
    let numbering: PendingNumber | null = null;
    let open = true;
    const ended = (what: string) => {
      // An event emitted after the work returned would be lost without a trace: a bug.
      if (!open) throw new Error(`${what} after its transaction's work ended`);
    };
    const emit: Emit = Object.assign(
      (...events: NewEvent[]) => {
        ended(`event ${events[0]?.type ?? ''} emitted`);
        // A transaction that changed reference data reads it from the database from now on.
        for (const e of events) noteReferenceWrite(tx, e.type);
        pending.push(...events);
      },
      {
        numberLast(p: PendingNumber) {
          ended('a ticket number asked for');
          if (numbering) throw new Error('one intake per transaction: a second ticket number asked for');
          numbering = p;
        },
      },
    );
    try {
      const value = await work(tx, emit);
      open = false;
      const tail = await appendEvents(tx, pending, numbering);
      stored = tail.stored;
      const token = (numbering as PendingNumber | null)?.token;
      return token && tail.number ? replaceToken(value, token, tail.number) : value;
    } finally {
      open = false;
    }
  });
  deps.live.publish(stored);
  return result;
}

/** `value` with every string holding `token` rewritten (rows and plain objects; dates and other instances kept). */
function replaceToken<T>(value: T, token: string, number: string): T {
  if (typeof value === 'string') return value.replaceAll(token, number) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => replaceToken(v, token, number)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceToken(v, token, number)])) as T;
  }
  return value;
}
