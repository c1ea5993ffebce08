/**
 * Issue 8 (PRODUCT.md §6, seed 004): supervision sheets (督办单), on-site coordination notices and
 * escalations, each a numbered row; the unit's signed written replies, append-only. Every change
 * is also an event on the ticket's timeline.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { tickets, units, users } from './schema-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const supervisions = pgTable(
  'supervisions',
  {
    id: serial('id').primaryKey(),
    /** DB2026-0012: 督办, the Shanghai year it was opened, the year's sequence. */
    number: text('number').notNull().unique(),
    /** written | on_site | escalated (004 三). */
    type: text('type').notNull(),
    /** 004 二: why it is supervised. */
    scope: text('scope').notNull(),
    /** open | replied | closed | progressed. */
    state: text('state').notNull(),
    version: integer('version').notNull().default(1),
    /** The ticket whose number and content the sheet carries (004 附件1 工单编号, 诉求内容). */
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    relatedTicketIds: integer('related_ticket_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    /** repeat | cluster: the issue-7 candidate it was opened from, by reference only. */
    candidateKind: text('candidate_kind'),
    candidateRef: text('candidate_ref'),
    /** The unit supervised (004 附件1 承办单位). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** The sheet of the lower type this one progressed from. */
    previousId: integer('previous_id'),
    /** 004 附件1 相关情况 and 督办意见. */
    situation: text('situation').notNull(),
    opinion: text('opinion').notNull(),
    /** Type-specific fields (the on-site notice, the escalation mode, leaders' instructions). */
    details: jsonb('details')
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** The SLA policy whose `supervision_reply` clock runs (the ticket's version). */
    policyCode: text('policy_code').notNull(),
    policyVersion: integer('policy_version').notNull(),
    startedAt: at('started_at').notNull(),
    /** 5 working days (004), or the time limit the on-site coordination set. */
    dueAt: at('due_at').notNull(),
    /** First written reply; the reply clock stops here. */
    /** The answer that stands (not 正在处置, not sent back since): it stops the reply clock (server/supervision/clock.ts). */
    firstRepliedAt: at('first_replied_at'),
    openedBy: integer('opened_by')
      .notNull()
      .references(() => users.id),
    closedAt: at('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
    outcomeNote: text('outcome_note'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('supervisions_ticket_idx').on(t.ticketId),
    index('supervisions_unit_state_idx').on(t.unitId, t.state),
    index('supervisions_started_idx').on(t.startedAt),
  ],
);

/** 004: the unit's written reply, signed by its head and sealed; never changed once submitted. */
export const supervisionReplies = pgTable(
  'supervision_replies',
  {
    id: serial('id').primaryKey(),
    supervisionId: integer('supervision_id')
      .notNull()
      .references(() => supervisions.id),
    progress: text('progress').notNull(),
    content: text('content').notNull(),
    /** 由单位主要领导签字. */
    headName: text('head_name').notNull(),
    signedAt: text('signed_at').notNull(),
    /** 加盖单位公章. */
    sealed: boolean('sealed').notNull(),
    submittedBy: integer('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: at('submitted_at').notNull(),
  },
  (t) => [index('supervision_replies_supervision_idx').on(t.supervisionId)],
);

/** Yearly sequence behind supervision numbers; one upsert per sheet keeps numbers unique. */
export const supervisionCounters = pgTable('supervision_counters', {
  year: text('year').primaryKey(),
  last: integer('last').notNull(),
});
