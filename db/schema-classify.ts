/**
 * Issue 7 (PRODUCT.md §5): what the line learns and links at intake — operators' confirmed categories
 * (the classifier's training data beyond the shipped set), repeat links between tickets, cluster
 * alerts (mass complaints), supervision candidates (repeats without progress) and the versioned
 * settings of those rules. Append-only, except the running counters of an open cluster or
 * candidate, whose every change is also an event.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { tickets, units, users } from './schema-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * PRODUCT.md §5 "it learns from operators' confirmed choices": one row per ticket created with a
 * category. Every server process trains on these at start and learns the new ones as they come.
 */
export const classifierChoices = pgTable('classifier_choices', {
  id: serial('id').primaryKey(),
  ticketId: integer('ticket_id')
    .notNull()
    .references(() => tickets.id),
  text: text('text').notNull(),
  categoryCode: text('category_code').notNull(),
  confirmedBy: integer('confirmed_by')
    .notNull()
    .references(() => users.id),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** PRODUCT.md §5 "Repeats": a new ticket linked to the earlier ones it repeats, with why. */
export const ticketLinks = pgTable(
  'ticket_links',
  {
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    linkedTicketId: integer('linked_ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** same_phone and/or same_place (same address and category). */
    reasons: text('reasons').array().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.linkedTicketId] }), index('ticket_links_linked_idx').on(t.linkedTicketId)],
);

/**
 * PRODUCT.md §5 / PRODUCT.md §7: several callers about one place and problem in a short time. A cluster stays
 * open while calls keep coming within the window; its alert is raised once, when it opens.
 */
export const clusters = pgTable(
  'clusters',
  {
    id: serial('id').primaryKey(),
    categoryCode: text('category_code').notNull(),
    /** community:<unit id>, or address:<key> when the address did not resolve to a community. */
    placeKey: text('place_key').notNull(),
    placeName: text('place_name').notNull(),
    communityUnitId: integer('community_unit_id').references(() => units.id),
    ticketIds: integer('ticket_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    /** Distinct caller phones among the cluster's tickets. */
    callerCount: integer('caller_count').notNull(),
    firstAt: at('first_at').notNull(),
    lastAt: at('last_at').notNull(),
    alertedAt: at('alerted_at').notNull(),
  },
  (t) => [index('clusters_place_idx').on(t.placeKey, t.categoryCode, t.lastAt)],
);

/** 000 三(六), 004 二.4: a matter repeated 3 or more times without progress, for supervisors to weigh. */
export const supervisionCandidates = pgTable('supervision_candidates', {
  id: serial('id').primaryKey(),
  /** The latest ticket of the matter. */
  ticketId: integer('ticket_id')
    .notNull()
    .references(() => tickets.id),
  categoryCode: text('category_code').notNull(),
  /** Every ticket of the matter, oldest first. */
  ticketIds: integer('ticket_ids').array().notNull(),
  /** Earlier tickets of the matter without progress when the candidate was last raised. */
  repeatCount: integer('repeat_count').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** The repeat and cluster windows and thresholds (PRODUCT.md §5 "configurable"), versioned like SLA policies. */
export const repeatSettings = pgTable('repeat_settings', {
  version: integer('version').primaryKey(),
  definition: jsonb('definition').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  createdBy: integer('created_by').references(() => users.id),
});
