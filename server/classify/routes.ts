/**
 * PRODUCT.md §5 "Suggestion", called on every (debounced) keystroke of the intake form: ranked
 * categories with their lead and assisting units, the emergency flag and the resolved address.
 * Reads only memory after the first call (model and rule table cached per process).
 */
import { Router } from 'express';
import { z } from 'zod';
import { ZSuggestionSchema } from '../../shared/schemas/suggest';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { classifierFor } from './classifier-service';
import { suggestFor } from './suggester';

/** A body, never a query string: a description in a URL ends up in logs (docs/decisions/privacy.md). */
const ZSuggestRequestSchema = z.object({
  text: z.string({ error: '诉求描述应为文字' }).max(4000, { error: '诉求描述不能超过4000个字' }).default(''),
  address: z.string({ error: '诉求地址应为文字' }).max(200, { error: '诉求地址不能超过200个字' }).optional(),
  k: z.coerce
    .number({ error: '建议数量应为1–19' })
    .int({ error: '建议数量应为1–19' })
    .min(1, { error: '建议数量应为1–19' })
    .max(19, { error: '建议数量应为1–19' })
    .default(3),
});

export function suggestRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api';
  // Train at start, not on the first operator's keystroke (≈0.6 s of CPU; docs/decisions/classify.md).
  // Test servers train on first use instead: most test files never ask for a suggestion.
  if (ctx.config.NODE_ENV !== 'test') {
    classifierFor(ctx.db)
      .start()
      .catch((err: unknown) => ctx.logger.error({ err }, 'classifier training failed; retried on the next suggestion'));
  }

  // Asked on every keystroke and stores nothing, yet a POST: the description is the citizen's.
  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/suggest',
      raises: [],
      access: roles('operator', 'supervisor'),
      summary: 'Suggested categories with lead/assisting units, emergency flag, resolved address',
      response: ZSuggestionSchema,
      body: ZSuggestRequestSchema,
    },
    async ({ body }) => suggestFor(ctx.db, { text: body.text, address: body.address?.trim() || undefined, k: body.k }),
  );

  return router;
}
