/** Issue 16.6: the search box (PRODUCT.md §7): a POST body, so no number ever sits in a URL or a request log. */
import { z } from 'zod';
import { requiredText } from './text';
import { ZTicketSummarySchema } from './ticket';

export const ZSearchInputSchema = z.object({
  q: requiredText('搜索内容', { max: 100 }),
  limit: z.number({ error: '数量应为1–50' }).int({ error: '数量应为1–50' }).min(1, { error: '数量应为1–50' }).max(50, { error: '数量应为1–50' }).default(20),
});
export type TSearchInput = z.input<typeof ZSearchInputSchema>;

export const ZSearchAnswerSchema = z.object({
  /** What the query was taken for: a ticket number, a full phone number, or words. */
  kind: z.enum(['number', 'phone', 'text']),
  /** Newest first, as this user may read them (numbers in free text masked as on their pages). */
  tickets: z.array(ZTicketSummarySchema),
  /** More matched than `limit`: the user should narrow the search. */
  truncated: z.boolean(),
});
export type SearchAnswer = z.output<typeof ZSearchAnswerSchema>;
