/**
 * The database schema (drizzle). Migrations in db/migrations are generated from this file by
 * `npm run db:generate` and committed; never edit a migration after it lands.
 *
 * Nothing is deleted: tickets change state, events and audit rows are append-only.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { PENDING_NUMBER_PREFIX } from '../shared/domain';
import { CLOSED_STATES } from '../shared/ticket/machine';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * An open ticket, as the partial indexes' predicate: the machine's closed states written out as
 * literals (a predicate takes no parameters), in the order migration 0006 created them.
 * db/open-ticket-indexes.test.ts holds the indexes in a migrated database to the same list.
 */
/**
 * Issue 17.4: a row whose number is still the placeholder of its own transaction (shared/domain.ts
 * PENDING_NUMBER_PREFIX) is left out of the search index: the intake's insert writes none of its
 * ≈ 70 bigrams, only the tail that numbers it does — the row's index entries once, not twice. The
 * search repeats the predicate (server/search/search-tickets.ts) so the planner may use the index.
 * PostgreSQL takes no statistics from a partial index: migration 0022 keeps statistics on the
 * same expression, or every word looks rare to the planner (server/search/search-plan.test.ts).
 */
export const NUMBERED_TICKET = sql.raw(`number not like '${PENDING_NUMBER_PREFIX}%'`);

const OPEN_TICKET = sql.raw(`state not in (${CLOSED_STATES.map((s) => `'${s}'`).join(', ')})`);

/** 承办单位: departments, communities (居委会), villages, companies. */
export const units = pgTable('units', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** A person can hold several roles (PRODUCT.md §1). */
  roles: text('roles').array().notNull(),
  /** Set for liaisons: the unit whose tickets they see. */
  unitId: integer('unit_id').references(() => units.id),
  active: boolean('active').notNull().default(true),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** Server-side sessions; the cookie carries a random token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** 派单规则 (000 四): categories with lead and assisting units, versioned as a whole table. */
export const dispatchRules = pgTable(
  'dispatch_rules',
  {
    version: integer('version').notNull(),
    categoryCode: text('category_code').notNull(),
    leadUnitId: integer('lead_unit_id').references(() => units.id),
    assistUnitIds: integer('assist_unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.version, t.categoryCode] })],
);

export const tickets = pgTable(
  'tickets',
  {
    id: serial('id').primaryKey(),
    /** ZX20261122-0007: line, Shanghai date, daily sequence. */
    number: text('number').notNull().unique(),
    source: text('source').notNull(),
    type: text('type').notNull(),
    state: text('state').notNull(),
    /** Optimistic concurrency: every write bumps it. */
    version: integer('version').notNull().default(1),
    callAt: at('call_at').notNull(),
    contactName: text('contact_name'),
    /** Null only for an Open311 filing without `phone` (GeoReport v2 makes it optional; docs/decisions/open311.md). */
    contactPhone: text('contact_phone'),
    address: text('address').notNull(),
    description: text('description').notNull(),
    categoryCode: text('category_code'),
    leadUnitId: integer('lead_unit_id').references(() => units.id),
    assistUnitIds: integer('assist_unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    confidential: boolean('confidential').notNull().default(false),
    round: integer('round').notNull().default(1),
    /** The handling detail the domain core works on (shared/ticket snapshot). */
    detail: jsonb('detail')
      .notNull()
      .default(sql`'{}'::jsonb`),
    policyCode: text('policy_code').notNull(),
    policyVersion: integer('policy_version').notNull(),
    /**
     * The running clock, derived from the snapshot's timestamps, the policy and the calendar
     * on every change (and again when the calendar is corrected); stored so queues sort and
     * the sweeper selects by it. Never the source of truth.
     */
    clockKind: text('clock_kind'),
    dueAt: at('due_at'),
    /** The light last published; the sweeper compares and publishes changes once. */
    light: text('light'),
    /** The stored due counts days of a year whose holidays are computed, not published (PRODUCT.md §4). */
    dueProvisional: boolean('due_provisional').notNull().default(false),
    /** 001 三.1 紧急工单 (issue 15.2): set with a reason (`ticket.urgency_set`); chooses the policy with the source and type. */
    urgent: boolean('urgent').notNull().default(false),
    idempotencyKey: text('idempotency_key'),
    /** Issue 7: the address resolved on the town's list — entry id, or `text:<normalised>` when unresolved. */
    addressKey: text('address_key'),
    /** The community (居委会/村) the address lies in: the territorial fallback unit (003 第八条). */
    communityUnitId: integer('community_unit_id').references(() => units.id),
    gridCode: text('grid_code'),
    /** The dispatch rule table version in force when the operator confirmed the category. */
    ruleVersion: integer('rule_version'),
    /** Earlier tickets linked at creation (same phone, or same address and category; PRODUCT.md §5). */
    repeatCount: integer('repeat_count').notNull().default(0),
    /**
     * Issue 17.7: the `at` of the closing report the supervisor accepted (`ticket.reply_accepted`,
     * set in the same transaction). A reply whose `at` differs — none accepted, or a new one after a
     * send-back — awaits review. Migration 0018 backfilled it from the events.
     */
    replyAcceptedAt: text('reply_accepted_at'),
    /**
     * Issue 17.7, the decision queue (server/tickets/decision-routes.ts), kept by PostgreSQL from
     * the snapshot (migration 0018's functions): when the oldest item of the ticket started waiting
     * (a pending request's or the unaccepted reply's `at`; null when nothing waits), and the kinds
     * of its items, one per item. The queue pages by the first and counts the second in one index.
     */
    decisionSince: text('decision_since').generatedAlwaysAs(sql`ticket_decision_since(state, detail, reply_accepted_at)`),
    decisionKinds: text('decision_kinds')
      .array()
      .generatedAlwaysAs(sql`ticket_decision_kinds(state, detail, reply_accepted_at)`),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tickets_idempotency_idx').on(t.createdBy, t.idempotencyKey),
    index('tickets_state_idx').on(t.state),
    index('tickets_lead_unit_idx').on(t.leadUnitId, t.state),
    index('tickets_phone_idx').on(t.contactPhone),
    index('tickets_due_idx').on(t.dueAt),
    index('tickets_place_idx').on(t.communityUnitId, t.categoryCode, t.createdAt),
    index('tickets_address_key_idx').on(t.addressKey, t.categoryCode),
    // Issue 9 (docs/PERFORMANCE.md): with a million closed tickets, queues and the wallboard
    // read only the open ones. Partial indexes hold just those rows (the predicate is the
    // queue's own `state not in (…)`), so they stay small and index-only scans answer counts.
    index('tickets_open_idx').on(t.state, t.light, t.leadUnitId, t.dueAt).where(OPEN_TICKET),
    index('tickets_open_unit_idx').on(t.leadUnitId, t.id).where(OPEN_TICKET),
    index('tickets_open_assist_idx').using('gin', t.assistUnitIds).where(OPEN_TICKET),
    // Issue 14: the public Open311 list pages through requests filed through Open311, newest first.
    index('tickets_open311_idx')
      .on(t.callAt, t.id)
      .where(sql`source = 'open311'`),
    // Issue 16.6 search (server/search/): words of the address and description, or part of the
    // number, across all time. Character bigrams (ticket_search_grams, migration 0015: plain SQL, no
    // extension, the same on PGlite and PostgreSQL) in a GIN index: Chinese needs no segmenter.
    index('tickets_search_idx')
      .using('gin', sql`ticket_search_grams(${t.number} || ' ' || ${t.address} || ' ' || ${t.description})`)
      .where(NUMBERED_TICKET),
    // Issue 17.7: the decision queue (server/tickets/decision-routes.ts), oldest first, a page at a
    // time; its counts per kind are an index-only scan of the same rows (the kinds are included).
    index('tickets_decision_idx')
      .on(t.decisionSince, t.id)
      .where(sql`decision_since is not null`),
  ],
);

/** SLA policies (PRODUCT.md §4), versioned: a new row per edit; a ticket keeps the version it started with. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    code: text('code').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.code, t.version] })],
);

/**
 * Which SLA policy new tickets get (PRODUCT.md §4; issue 15.2): by source, ticket type (null: any
 * type) and the urgent flag. Append-only; the newest row for a (source, type, urgent) wins.
 */
export const policyAssignments = pgTable('policy_assignments', {
  id: serial('id').primaryKey(),
  source: text('source').notNull(),
  type: text('type'),
  urgent: boolean('urgent').notNull(),
  policyCode: text('policy_code').notNull(),
  note: text('note').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  createdBy: integer('created_by').references(() => users.id),
});

/**
 * A year's published State Council schedule, confirmed by a supervisor (PRODUCT.md §4). Its days
 * are calendar_days rows naming it; until a year has one, its holidays are computed. Append-only.
 */
export const calendarConfirmations = pgTable('calendar_confirmations', {
  id: serial('id').primaryKey(),
  year: integer('year').notNull().unique(),
  /** 'paste' (dates typed or pasted) or 'ics' (an imported calendar file). */
  source: text('source').notNull(),
  note: text('note').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  createdBy: integer('created_by').references(() => users.id),
});

/**
 * Issue 17.3: one counter per kind of reference data, bumped by statement triggers on its tables
 * (migration 0021) in the transaction that writes them. The process's cache of reference data
 * (server/platform/reference-data.ts) reads these six rows once per transaction to know whether
 * what it holds is still what the database holds.
 */
export const referenceVersions = pgTable('reference_versions', {
  kind: text('kind').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/** Days supervisors added or corrected; append-only, the newest row for a date wins. */
export const calendarDays = pgTable(
  'calendar_days',
  {
    id: serial('id').primaryKey(),
    date: text('date').notNull(),
    working: boolean('working').notNull(),
    note: text('note'),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
    /** Set on the days of a confirmed published schedule. */
    confirmationId: integer('confirmation_id').references(() => calendarConfirmations.id),
  },
  (t) => [index('calendar_days_date_idx').on(t.date, t.id)],
);

/**
 * Reminders and light changes already sent: the unique key makes "exactly once" a database
 * fact, whichever process sweeps and however often it restarts.
 */
export const clockNotices = pgTable(
  'clock_notices',
  {
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    key: text('key').notNull(),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.key] })],
);

/**
 * Recomputes of open tickets' due times a calendar correction asked for (PRODUCT.md §4), done by the
 * recompute job after the request answered (server/clock/recompute-dues.ts). A row is queued in
 * the correction's transaction, so none is lost to a restart; `done_at` is set once, by whichever
 * process finished it first. The events it writes are once per ticket through clock_notices.
 */
export const clockRecomputes = pgTable(
  'clock_recomputes',
  {
    calendarDayId: integer('calendar_day_id')
      .primaryKey()
      .references(() => calendarDays.id),
    requestedAt: at('requested_at').notNull(),
    doneAt: at('done_at'),
  },
  (t) => [
    index('clock_recomputes_pending_idx')
      .on(t.calendarDayId)
      .where(sql`${t.doneAt} is null`),
  ],
);

/** Daily sequence behind ticket numbers; one upsert per ticket keeps numbers unique. */
export const ticketCounters = pgTable(
  'ticket_counters',
  {
    prefix: text('prefix').notNull(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.day] })],
);

/**
 * Every change is an event (PRODUCT.md §3): the ticket timeline and the live stream at once.
 * `seq` orders the stream; `rooms` says which socket rooms may receive it, so catch-up after a
 * reconnect replays exactly what the client was allowed to see.
 */
export const events = pgTable(
  'events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    ticketId: integer('ticket_id').references(() => tickets.id),
    actorId: integer('actor_id').references(() => users.id),
    actorRole: text('actor_role'),
    at: at('at').notNull().defaultNow(),
    fromState: text('from_state'),
    toState: text('to_state'),
    payload: jsonb('payload')
      .notNull()
      .default(sql`'{}'::jsonb`),
    rooms: text('rooms').array().notNull(),
  },
  (t) => [
    index('events_ticket_idx').on(t.ticketId, t.seq),
    // Issue 9: "events of a kind in a period" (satisfaction today / this month, reports).
    index('events_type_at_idx').on(t.type, t.at),
  ],
);
