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
import { recordTransactionOwner, type Db, type Tx } from '../../db/client';
import { appendEvents, type NewEvent } from './append-events';
import type { LivePublisher, StoredEvent } from './live/publisher';

export type { NewEvent } from './append-events';

/** Records events to append with this transaction's writes; they are published after commit. */
export type Emit = (...events: NewEvent[]) => void;

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
    let open = true;
    const emit: Emit = (...events) => {
      // An event emitted after the work returned would be lost without a trace: a bug.
      if (!open) throw new Error(`event ${events[0]?.type ?? ''} emitted after its transaction's work ended`);
      pending.push(...events);
    };
    try {
      const value = await work(tx, emit);
      open = false;
      stored = await appendEvents(tx, pending);
      return value;
    } finally {
      open = false;
    }
  });
  deps.live.publish(stored);
  return result;
}
