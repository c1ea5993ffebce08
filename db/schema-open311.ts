/**
 * Issue 8 (PRODUCT.md §11): Open311 GeoReport v2. API keys issued by admins (only a SHA-256 of each key
 * is stored) and what a city platform sent with each request beyond the ticket's own fields.
 */
import { doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tickets, users } from './schema-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const apiKeys = pgTable('api_keys', {
  id: serial('id').primaryKey(),
  /** Who the key was issued to, e.g. 松江区城运中心平台. */
  name: text('name').notNull(),
  /** SHA-256 (hex) of the key; the key itself is shown once, when issued. */
  keyHash: text('key_hash').notNull().unique(),
  /** The first characters, so admins can tell keys apart. */
  keyPrefix: text('key_prefix').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: at('created_at').notNull().defaultNow(),
  revokedAt: at('revoked_at'),
  revokedBy: integer('revoked_by').references(() => users.id),
});

/** A request filed through Open311: its ticket, the key, and the standard's extra fields. */
export const open311Requests = pgTable(
  'open311_requests',
  {
    ticketId: integer('ticket_id')
      .primaryKey()
      .references(() => tickets.id),
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    lat: doublePrecision('lat'),
    long: doublePrecision('long'),
    addressId: text('address_id'),
    /** Personal data: kept for the line's staff, never returned by the Open311 API. */
    email: text('email'),
    deviceId: text('device_id'),
    accountId: text('account_id'),
    mediaUrl: text('media_url'),
    attributes: jsonb('attributes').notNull().default({}),
    createdAt: at('created_at').notNull().defaultNow(),
    /** The client's Idempotency-Key (header or `idempotency_key` field): a retry answers this request again. */
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the request's fields (without the keys): the same key with another body is refused. */
    requestHash: text('request_hash'),
  },
  (t) => [index('open311_requests_key_idx').on(t.apiKeyId), uniqueIndex('open311_requests_idempotency_idx').on(t.apiKeyId, t.idempotencyKey)],
);
