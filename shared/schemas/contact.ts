/** PRODUCT.md §9: revealing a caller's full number (POST /api/tickets/:id/reveal-contact). */
import { z } from 'zod';

/** Why the number is shown; recorded with the reveal so the audit log reads as a story. */
export const REVEAL_PURPOSES = ['view', 'call', 'print'] as const;

export const ZRevealContactInputSchema = z.object({
  // Required: a reveal is a deliberate act that says why (a bare POST is refused and logs nothing).
  purpose: z.enum(REVEAL_PURPOSES, { error: '查看号码的用途应为 view、call 或 print' }),
});
export type TRevealContactInput = z.infer<typeof ZRevealContactInputSchema>;

/** What a reveal answers: the caller's name and full number, for this user only. */
export const ZContactRevealSchema = z.object({
  contactName: z.string().nullable(),
  /** Null: the caller gave no number (an Open311 filing without `phone`). */
  contactPhone: z.string().nullable(),
});
export type ContactReveal = z.output<typeof ZContactRevealSchema>;
