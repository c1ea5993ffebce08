/**
 * The presenters' views that events carry so screens can update without a refetch (STYLE: socket
 * payloads go through the same presenters as HTTP). Each schema is checked against the view's
 * type with `satisfies`, so a field added to a view and not here fails typecheck. Nested views are
 * not strict: a reader of an older row takes what it knows.
 */
import { z } from 'zod';
import { CATEGORY_CODES } from '../domain';
import { CALL_DIRECTIONS, CALL_STATUSES, type CallView } from '../schemas/call';
import { ZKnowledgeDetailsSchema, type KnowledgeArticleView } from '../schemas/knowledge';
import { PRESENCE_STATUSES, type PresenceView } from '../schemas/presence';
import type { TicketSummary } from '../schemas/ticket';
import { SUPERVISION_STATES, SUPERVISION_TYPES } from '../supervision/types';
import { count, id, instant } from './fields';

const nullableInstant = instant.nullable();

/** presentTicketSummary: what lists, queues and live events carry (no full phone number, PRODUCT.md §9). */
export const ZTicketSummarySchema = z.object({
  id,
  number: z.string(),
  type: z.string(),
  source: z.string(),
  state: z.string(),
  version: z.number().int(),
  round: z.number().int(),
  categoryCode: z.string().nullable(),
  leadUnitId: id.nullable(),
  assistUnitIds: z.array(id),
  contactName: z.string().nullable(),
  /** Null: no number was given (an Open311 filing without `phone`). */
  contactPhoneMasked: z.string().nullable(),
  address: z.string(),
  description: z.string(),
  confidential: z.boolean(),
  callAt: instant,
  createdAt: instant,
  updatedAt: instant,
  clockKind: z.string().nullable(),
  dueAt: nullableInstant,
  light: z.string().nullable(),
  /** Absent in events stored before issue 15. */
  dueProvisional: z.boolean().optional(),
  pending: z.array(z.string()),
  warning: z.boolean(),
  revisitAttempts: count,
  repeatCount: count,
  communityUnitId: id.nullable().optional(),
}) satisfies z.ZodType<TicketSummary>;

/** presentCall: the citizen's number masked. */
export const ZCallViewSchema = z.object({
  id,
  direction: z.enum(CALL_DIRECTIONS),
  status: z.enum(CALL_STATUSES),
  version: z.number().int(),
  simulated: z.boolean(),
  citizenPhoneMasked: z.string().nullable(),
  queuedAt: nullableInstant,
  answeredAt: nullableInstant,
  endedAt: nullableInstant,
  waitSeconds: count.nullable(),
  talkSeconds: count.nullable(),
  claimedBy: id.nullable(),
  claimedByName: z.string().nullable(),
  ticketId: id.nullable(),
  callbackOf: id.nullable(),
  callbackCallId: id.nullable(),
  requestedBy: id.nullable(),
  createdAt: instant,
}) satisfies z.ZodType<CallView>;

/** presentArticle (events never carry a search score). */
export const ZKnowledgeArticleViewSchema = z.object({
  id,
  version: z.number().int(),
  title: z.string(),
  categoryCode: z.string().nullable(),
  keywords: z.string(),
  body: z.string(),
  answer: z.string(),
  details: ZKnowledgeDetailsSchema,
  active: z.boolean(),
  useCount: count,
  lastUsedAt: nullableInstant,
  updatedAt: instant,
  updatedByName: z.string().nullable(),
}) satisfies z.ZodType<KnowledgeArticleView>;

export const ZPresenceViewSchema = z.object({
  userId: id,
  displayName: z.string(),
  status: z.enum(PRESENCE_STATUSES),
  since: instant,
  version: z.number().int(),
}) satisfies z.ZodType<PresenceView>;

export const ZTicketRefSchema = z.object({ id, number: z.string(), state: z.string() });
export type TicketRef = z.output<typeof ZTicketRefSchema>;

/** presentCluster (PRODUCT.md §5 mass complaint): no phone numbers, ever. */
export const ZClusterViewSchema = z.object({
  id,
  categoryCode: z.string(),
  categoryLabel: z.string(),
  place: z.object({ key: z.string(), name: z.string(), communityUnitId: id.nullable() }),
  callerCount: count,
  ticketIds: z.array(id),
  firstAt: instant,
  lastAt: instant,
  alertedAt: instant,
  /** Still taking calls: the last one came within the window. */
  active: z.boolean(),
  /** Until when it stays active without another call. */
  activeUntil: instant,
});
export type ClusterView = z.output<typeof ZClusterViewSchema>;

/** presentCandidate (000 三(六) repeats without progress). */
export const ZCandidateViewSchema = z.object({
  id,
  ticketId: id,
  categoryCode: z.string(),
  categoryLabel: z.string(),
  repeatCount: count,
  tickets: z.array(ZTicketRefSchema),
  address: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export type CandidateView = z.output<typeof ZCandidateViewSchema>;

/** supervisionEventData: the compact sheet live events carry (the screen refetches the sheet it shows). */
export const ZSupervisionEventDataSchema = z.object({
  id,
  number: z.string(),
  type: z.enum(SUPERVISION_TYPES),
  state: z.enum(SUPERVISION_STATES),
  version: z.number().int(),
  unitId: id,
  ticketId: id,
  dueAt: instant,
});
export type SupervisionEventData = z.output<typeof ZSupervisionEventDataSchema>;

/** One category's rule in a dispatch-rule version (000 四). */
export const ZDispatchRuleCellSchema = z.object({ leadUnitId: id.nullable(), assistUnitIds: z.array(id) });

export const ZCategoryCodeSchema = z.enum(CATEGORY_CODES);
