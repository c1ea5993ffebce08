/** zod schemas for calendar input (supervisors' day overrides, PRODUCT.md §4). */
import { z } from 'zod';

import { isIsoDate } from './shanghai';
import type { CalendarOverride } from './types';

/** A real Shanghai calendar date 'YYYY-MM-DD' ('2026-02-30' is rejected). */
export const ZIsoDateSchema = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });

export const ZCalendarOverrideSchema = z.object({
  date: ZIsoDateSchema,
  working: z.boolean(),
  note: z.string().max(200).optional(),
}) satisfies z.ZodType<CalendarOverride>;

export type TCalendarOverride = z.infer<typeof ZCalendarOverrideSchema>;
