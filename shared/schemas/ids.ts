/**
 * Row ids as the API accepts them: serial columns are PostgreSQL int4, so an id past 2³¹−1 can
 * name no row and must be a 400, not a database error (issue 14: ids ≥ 2³¹ answered 500).
 */
import { z } from 'zod';

export const MAX_ROW_ID = 2_147_483_647;

/** An id in a JSON body: a whole number from 1 to 2³¹−1. */
export const rowId = (message: string) => z.number({ error: message }).int({ error: message }).min(1, { error: message }).max(MAX_ROW_ID, { error: message });

/** An id in a path or query string: plain decimal digits only (no `1e3`, `0x10`, `1.5`, `-1`), 1 to 2³¹−1. */
export const rowIdParam = (message: string) =>
  z
    .string({ error: message })
    .regex(/^[1-9]\d{0,9}$/, { error: message })
    .transform(Number)
    .refine((n) => n <= MAX_ROW_ID, { error: message });

/** The common case: `:id` of a route. */
export const ZIdParamSchema = rowIdParam('编号不正确');
