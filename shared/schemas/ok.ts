/** The answer of a route whose success says nothing more than that it was done. */
import { z } from 'zod';

export const ZOkAnswerSchema = z.object({ ok: z.literal(true) });
