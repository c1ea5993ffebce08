/**
 * Admins issue and revoke Open311 API keys (PRODUCT.md §1 admin: integrations). A key is shown once,
 * when issued; only its hash is kept. Every issue and revoke is an event (the audit log).
 */
import { count, desc, inArray } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { apiKeys, open311Requests, users } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { ZApiKeyListAnswerSchema, ZApiKeySchema, ZIssuedApiKeySchema } from '../../shared/schemas/api-keys';
import { ZIdParamSchema } from '../../shared/schemas/ids';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import type { ApiKeyRow } from './api-keys';
import { issueApiKey } from './commands/issue-api-key';
import { revokeApiKey } from './commands/revoke-api-key';

export const ZIssueApiKeySchema = z.object(
  {
    name: z
      .string({ error: (i) => (i.input === undefined ? '请填写使用单位（密钥发给谁）' : '使用单位须为文字') })
      .trim()
      .min(2, '使用单位至少2个字')
      .max(100, '使用单位不能超过100个字'),
  },
  { error: '请求内容须为对象' },
);

export function apiKeyRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/api-keys';
  const ADMIN = roles('admin');

  defineRoute(
    router,
    mount,
    { method: 'get', path: '/api/api-keys', access: ADMIN, summary: 'Open311 API keys (never the keys themselves)', response: ZApiKeyListAnswerSchema },
    async () => {
      const rows = await ctx.db.select().from(apiKeys).orderBy(desc(apiKeys.id));
      const uses = rows.length
        ? await ctx.db
            .select({ id: open311Requests.apiKeyId, n: count() })
            .from(open311Requests)
            .where(
              inArray(
                open311Requests.apiKeyId,
                rows.map((r) => r.id),
              ),
            )
            .groupBy(open311Requests.apiKeyId)
        : [];
      const people = await ctx.db.select({ id: users.id, displayName: users.displayName }).from(users);
      const name = (id: number | null) => (id === null ? null : (people.find((p) => p.id === id)?.displayName ?? null));
      return {
        keys: rows.map((r) => ({
          ...present(r),
          createdByName: name(r.createdBy),
          revokedByName: name(r.revokedBy),
          requests: uses.find((u) => u.id === r.id)?.n ?? 0,
        })),
      };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/api-keys',
      raises: [],
      access: ADMIN,
      summary: 'Issue an Open311 API key (the key is in this answer only)',
      response: ZIssuedApiKeySchema,
      body: ZIssueApiKeySchema,
      status: 201,
    },
    async ({ body, auth }) => {
      const issued = await issueApiKey({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), name: body.name });
      return { ...present(issued.row), key: issued.key };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/api-keys/:id/revoke',
      raises: ['not_found', 'invalid_state'],
      access: ADMIN,
      summary: 'Revoke an Open311 API key',
      response: ZApiKeySchema,
    },
    async ({ params, auth }) => {
      const id = ZIdParamSchema.safeParse(params.id);
      if (!id.success) throw new AppError('not_found', '密钥不存在');
      const row = await revokeApiKey({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), apiKeyId: id.data });
      return present(row);
    },
  );

  return router;
}

function present(r: ApiKeyRow) {
  return {
    id: r.id,
    name: r.name,
    keyPrefix: r.keyPrefix,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    active: r.revokedAt === null,
  };
}
