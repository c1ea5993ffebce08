/**
 * Events of the line's reference data and administration, each an audited version or change:
 * the calendar, SLA policies, dispatch rules, repeat settings, Open311 keys, the knowledge base,
 * operators' presence, and cluster alerts (PRODUCT.md §5).
 */
import { z } from 'zod';
import { PRESENCE_STATUSES } from '../schemas/presence';
import { count, id, isoDay, payload } from './fields';
import { ZCategoryCodeSchema, ZClusterViewSchema, ZDispatchRuleCellSchema, ZKnowledgeArticleViewSchema, ZPresenceViewSchema } from './views';

/** PRODUCT.md §5 settings as stored with each version (the form's limits may change; stored values stay). */
const ZRepeatSettingsValueSchema = z.object({
  repeatWindowDays: z.number().int(),
  supervisionRepeats: z.number().int(),
  clusterWindowMinutes: z.number().int(),
  clusterMinCallers: z.number().int(),
});

const apiKey = payload({ apiKeyId: id, name: z.string(), keyPrefix: z.string() });
const cluster = payload({ cluster: ZClusterViewSchema, ticketId: id });

export const REFERENCE_EVENTS = {
  /** PRODUCT.md §4: a supervisor added or corrected a day (append-only; the newest row for a date wins). */
  'calendar.day_set': payload({ date: isoDay, working: z.boolean(), note: z.string(), id }),
  /** Issue 15: a supervisor confirmed a year's published schedule; its computed holidays no longer apply. */
  'calendar.year_confirmed': payload({
    year: z.number().int(),
    id,
    source: z.enum(['paste', 'ics']),
    daysOff: z.array(isoDay),
    makeUpDays: z.array(isoDay),
    note: z.string(),
  }),
  /** PRODUCT.md §4: a new version of an SLA policy; it applies to tickets registered after it. */
  'policy.versioned': payload({ code: z.string(), version: z.number().int().positive() }),
  /** Issue 15.2: new tickets of this source, type (null: any) and urgency get this policy (append-only; newest wins). */
  'policy.assigned': payload({
    id,
    source: z.string(),
    type: z.string().nullable(),
    urgent: z.boolean(),
    policyCode: z.string(),
    note: z.string(),
  }),
  /** 000 四: a new version of the dispatch rule table and what changed. */
  'dispatch_rules.versioned': payload({
    version: z.number().int().positive(),
    previousVersion: count,
    changes: z.array(z.object({ categoryCode: ZCategoryCodeSchema, before: ZDispatchRuleCellSchema.nullable(), after: ZDispatchRuleCellSchema.nullable() })),
  }),
  /** PRODUCT.md §5: new repeat and cluster settings. */
  'repeat_settings.versioned': payload({ version: z.number().int().positive(), before: ZRepeatSettingsValueSchema, after: ZRepeatSettingsValueSchema }),
  'api_key.issued': apiKey,
  'api_key.revoked': apiKey,
  /** A supervisor created (`created`) or edited an article. */
  'knowledge.article_saved': payload({ article: ZKnowledgeArticleViewSchema, created: z.boolean() }),
  /** An operator answered a caller from an article, on a ticket. */
  'knowledge.used': payload({ articleId: id, version: z.number().int().positive(), useCount: count }),
  /** PRODUCT.md §7: an operator's status changed; `reason`: chosen, connected, disconnected, stale, wrap_up_ended (the server ended after-call work). */
  'presence.changed': payload({
    presence: ZPresenceViewSchema,
    previous: z.enum(PRESENCE_STATUSES),
    reason: z.enum(['chosen', 'connected', 'disconnected', 'stale', 'wrap_up_ended']),
  }),
  /** PRODUCT.md §5: several callers about one place and problem in a short time (mass complaint). */
  'cluster.alert': cluster,
  /** A later call grew an open cluster. */
  'cluster.updated': cluster,
};
