/**
 * Issue 14 item 4: failed logins, kept in the database so the limits hold across server
 * processes and restarts (an in-memory counter per process lets N processes take N× the guesses).
 * Short-lived transport state, not history: rows older than the window are deleted.
 */
import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One row per login attempt that is not known to have succeeded: written before the password is
 * checked (so concurrent guesses count against each other) and deleted when it was right.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The client's address (an IPv6 address reduced to its /56), as express-rate-limit keys it. */
    address: text('address').notNull(),
    /** SHA-256 of the normalised username, never the text typed: people type passwords there too. */
    usernameKey: text('username_key').notNull(),
    at: at('at').notNull(),
  },
  (t) => [index('login_failures_address_idx').on(t.address, t.usernameKey, t.at), index('login_failures_at_idx').on(t.at)],
);
