/** Issue 4 (PRODUCT.md §7): operator presence, set by the operator and derived from their console's connections. */
import { z } from 'zod';

/** PRODUCT.md §7 "operators by status". `offline` is never chosen: it is having no console open. */
export const PRESENCE_STATUSES = ['available', 'on_call', 'wrap_up', 'break', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];
export const CHOSEN_STATUSES = ['available', 'on_call', 'wrap_up', 'break'] as const;
export type ChosenStatus = (typeof CHOSEN_STATUSES)[number];

export const ZPresenceInputSchema = z.object({
  status: z.enum(CHOSEN_STATUSES, { error: '状态应为：空闲、通话中、话后处理或小休' }),
});

export const ZPresenceViewSchema = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  status: z.enum(PRESENCE_STATUSES),
  since: z.string(),
  /** Rises with every change: a late event never overwrites a newer status. */
  version: z.number().int().min(0),
});
export type TPresenceView = z.output<typeof ZPresenceViewSchema>;
/** The same type under the name the server and older code use. */
export type PresenceView = TPresenceView;

/** GET /api/presence: every operator with their status now. */
export const ZPresenceListAnswerSchema = z.object({ operators: z.array(ZPresenceViewSchema) });
export type TPresenceListAnswer = z.output<typeof ZPresenceListAnswerSchema>;

export const PRESENCE_CHANGED_EVENT = 'presence.changed';
