/** Open311 API keys (PRODUCT.md §11), issued and revoked by admins: only a prefix is ever shown again. */
import { z } from 'zod';

/**
 * POST /api/api-keys. The same rules as the server's ZIssueApiKeySchema
 * (server/open311/api-key-routes.ts), which should import this one.
 */
export const ZIssueApiKeyInputSchema = z.object(
  {
    name: z
      .string({ error: (i) => (i.input === undefined ? '请填写使用单位（密钥发给谁）' : '使用单位须为文字') })
      .trim()
      .min(2, '使用单位至少2个字')
      .max(100, '使用单位不能超过100个字'),
  },
  { error: '请求内容须为对象' },
);
export type TIssueApiKeyInput = z.input<typeof ZIssueApiKeyInputSchema>;

/** A key as revoke answers it (never the key itself). */
export const ZApiKeySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The first characters of the key, to recognise it. */
  keyPrefix: z.string(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
});
export type TApiKey = z.output<typeof ZApiKeySchema>;

/** A key in the list: with who issued and revoked it, and how many Open311 requests it made. */
export const ZApiKeyRowSchema = ZApiKeySchema.extend({
  createdByName: z.string().nullable(),
  revokedByName: z.string().nullable(),
  requests: z.number().int().min(0),
});
export type TApiKeyRow = z.output<typeof ZApiKeyRowSchema>;

/** GET /api/api-keys. */
export const ZApiKeyListAnswerSchema = z.object({ keys: z.array(ZApiKeyRowSchema) });
export type TApiKeyListAnswer = z.output<typeof ZApiKeyListAnswerSchema>;

/** POST /api/api-keys: the only answer that carries the key. */
export const ZIssuedApiKeySchema = ZApiKeySchema.extend({ key: z.string() });
export type TIssuedApiKey = z.output<typeof ZIssuedApiKeySchema>;
