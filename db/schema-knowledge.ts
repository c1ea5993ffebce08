/**
 * Issue 4 (PRODUCT.md §1, 7): the knowledge base operators answer consultations from (000 三(八)
 * 简易流程). Supervisors edit articles; every edit is a new row of the version table (nothing
 * is overwritten without its history) and an event; every use on a call is a row and a count.
 */
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { TKnowledgeDetails } from '../shared/schemas/knowledge';
import { tickets, users } from './schema-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The version in force of each article (what search reads), with its running use count. */
export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: serial('id').primaryKey(),
    /** The newest row of knowledge_article_versions; bumped by every edit (optimistic concurrency). */
    version: integer('version').notNull().default(1),
    title: text('title').notNull(),
    /** The dispatch rule category it answers (000 四), when it matches one. */
    categoryCode: text('category_code'),
    /** Words callers use that the title may not contain, separated by spaces or commas. */
    keywords: text('keywords').notNull().default(''),
    /** The facts: policy, where to go, what to bring, opening hours. */
    body: text('body').notNull(),
    /** What the operator reads to the caller. */
    answer: text('answer').notNull(),
    /** Office, address, hours, documents, phone, and whether it is sample content (shared/schemas/knowledge.ts). */
    details: jsonb('details').$type<Partial<TKnowledgeDetails>>().notNull().default({}),
    /** Retired articles stay (history, counts) but are not offered on calls. */
    active: boolean('active').notNull().default(true),
    useCount: integer('use_count').notNull().default(0),
    lastUsedAt: at('last_used_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: at('updated_at').notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [index('knowledge_articles_active_idx').on(t.active, t.useCount)],
);

/** Every version of every article, append-only: who changed what and when. */
export const knowledgeArticleVersions = pgTable(
  'knowledge_article_versions',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => knowledgeArticles.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    categoryCode: text('category_code'),
    keywords: text('keywords').notNull(),
    body: text('body').notNull(),
    answer: text('answer').notNull(),
    details: jsonb('details').$type<Partial<TKnowledgeDetails>>().notNull().default({}),
    active: boolean('active').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

/** One row per answer given from an article (the count on the article is their number). */
export const knowledgeUses = pgTable(
  'knowledge_uses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => knowledgeArticles.id),
    version: integer('version').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** The ticket (usually closed on the call) the answer was given on. */
    ticketId: integer('ticket_id').references(() => tickets.id),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('knowledge_uses_article_idx').on(t.articleId, t.at)],
);
