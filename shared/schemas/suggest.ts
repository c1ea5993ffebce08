/**
 * What the intake form asks while the operator types (PRODUCT.md §5): the suggestion (POST
 * /api/suggest), address list entries (POST /api/addresses/suggest) and the caller's history
 * (POST /api/callers/history): bodies, never query strings, since they carry what the citizen
 * said (docs/decisions/privacy.md). Answers only: the requests are the server's.
 */
import { z } from 'zod';
import { CATEGORY_CODES } from '../domain';

const ZUnitRefSchema = z.object({ id: z.number().int(), name: z.string() });
const ZCommunityRefSchema = z.object({ code: z.string(), name: z.string(), unitId: z.number().int().nullable() });
const ZGridRefSchema = z.object({ code: z.string(), name: z.string() });

/** One ranked category with the lead and assisting units of the rule table in force. */
export const ZSuggestedCategorySchema = z.object({
  code: z.enum(CATEGORY_CODES),
  /** Probability of the category given the text (0–1). */
  score: z.number(),
  /** Chinese label (派单规则 name). */
  label: z.string(),
  /** null when the rule says "territorial" and the address did not resolve to a community. */
  lead: ZUnitRefSchema.nullable(),
  assist: z.array(ZUnitRefSchema),
  /** The lead is the address's community because the rule names no department. */
  territorial: z.boolean(),
});
export type TSuggestedCategory = z.output<typeof ZSuggestedCategorySchema>;

export const ZSuggestionSchema = z.object({
  top: z.array(ZSuggestedCategorySchema),
  /** 003 第五条(三): the caller must dial this number at once. */
  emergency: z.enum(['110', '119', '120']).nullable(),
  /** The words that flagged the emergency, so the operator sees why. */
  emergencyPhrase: z.string().nullable(),
  address: z
    .object({ entryId: z.string(), name: z.string(), address: z.string(), community: ZCommunityRefSchema, grid: ZGridRefSchema, score: z.number() })
    .nullable(),
  ruleVersion: z.number().int(),
});
export type TSuggestion = z.output<typeof ZSuggestionSchema>;

/** One entry of the town's address list matching what was typed. */
export const ZAddressOptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  kind: z.string(),
  score: z.number(),
  community: ZCommunityRefSchema,
  grid: ZGridRefSchema,
});
export type TAddressOption = z.output<typeof ZAddressOptionSchema>;
export const ZAddressOptionListSchema = z.array(ZAddressOptionSchema);

/** An earlier ticket of the caller, or a recent one at the address (masked, PRODUCT.md §9). */
export const ZHistoryTicketSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  state: z.string(),
  type: z.string(),
  categoryCode: z.string().nullable(),
  categoryLabel: z.string().nullable(),
  callAt: z.string(),
  createdAt: z.string(),
  contactName: z.string().nullable(),
  /** Null: no number was given (an Open311 filing without `phone`). */
  contactPhoneMasked: z.string().nullable(),
  address: z.string(),
  description: z.string(),
  leadUnitId: z.number().int().nullable(),
  repeatCount: z.number().int(),
  reasons: z.array(z.enum(['same_phone', 'same_address'])),
  /** Inside the repeat window: only these count as repeats (issue 15.5). */
  inWindow: z.boolean(),
  /** Answered, settled, filed or resolved at the revisit (shared/repeats/matter.ts `madeProgress`). */
  progressed: z.boolean(),
});
export type THistoryTicket = z.output<typeof ZHistoryTicketSchema>;

export const ZCallerHistorySchema = z.object({
  phoneMasked: z.string().nullable(),
  address: z.object({ entryId: z.string(), name: z.string(), community: z.string(), grid: z.string() }).nullable(),
  /** The repeat window in force (PRODUCT.md §5). */
  windowDays: z.number().int(),
  total: z.number().int(),
  open: z.number().int(),
  /** Repeats without progress that make a supervision candidate (000 三(六)); the panel applies shared/repeats/matter.ts. */
  supervisionRepeats: z.number().int(),
  tickets: z.array(ZHistoryTicketSchema),
});
export type TCallerHistory = z.output<typeof ZCallerHistorySchema>;
