/**
 * Issue 4 (PRODUCT.md §7 "operators by status"): each operator's presence, and the open console
 * connections behind "offline". Kept in the database so a restart and several server
 * processes agree; every change of status is also a `presence.changed` event (the history).
 */
import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './schema-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The status now: available | on_call | wrap_up | break | offline. */
export const operatorPresence = pgTable('operator_presence', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  status: text('status').notNull(),
  /** When the current status began (the wallboard shows how long). */
  since: at('since').notNull(),
  /** Bumped on every change; screens apply a presence by version. */
  version: integer('version').notNull().default(1),
});

/**
 * Console sockets per user and server process: a counter, not one row per socket, so it stays
 * small. A process refreshes `seen_at` of its rows while it lives; rows of a process that died
 * (no disconnect handlers ran) go stale and stop counting. Transport state, like socket.io's own
 * attachment table — the domain history is the event stream.
 */
export const presenceConnections = pgTable(
  'presence_connections',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** One id per running server process. */
    serverId: text('server_id').notNull(),
    sockets: integer('sockets').notNull(),
    seenAt: at('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.serverId] }), index('presence_connections_server_idx').on(t.serverId)],
);
