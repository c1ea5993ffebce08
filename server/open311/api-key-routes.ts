/**
 * Admins issue and revoke Open311 API keys (SPEC 1 admin: integrations). A key is shown once,
 * when issued; only its hash is kept. Every issue and revoke is an event (the audit log).
 */
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { apiKeys, open311Requests, users } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { ZIdParamSchema } from '../../shared/schemas/ids';
import { appendEvents } from '../platform/append-events';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { roleRoom } from '../platform/live/rooms';
import { insertApiKey, type ApiKeyRow } from './api-keys';

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

  defineRoute(router, mount, { method: 'get', path: '/api/api-keys', access: ADMIN, summary: 'Open311 API keys (never the keys themselves)' }, async () => {
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
  });

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/api-keys',
      access: ADMIN,
      summary: 'Issue an Open311 API key (the key is in this answer only)',
      body: ZIssueApiKeySchema,
      status: 201,
    },
    async ({ body, auth }) => {
      const now = ctx.now();
      const { issued, published } = await ctx.db.transaction(async (tx) => {
        const issued = await insertApiKey(tx, { name: body.name, createdBy: auth.user.id, now });
        const published = await appendEvents(tx, [
          {
            type: 'api_key.issued',
            actorId: auth.user.id,
            actorRole: 'admin',
            at: now,
            payload: { apiKeyId: issued.row.id, name: body.name, keyPrefix: issued.row.keyPrefix },
            rooms: [roleRoom('admin')],
          },
        ]);
        return { issued, published };
      });
      ctx.live.publish(published);
      return { ...present(issued.row), key: issued.key };
    },
  );

  defineRoute(
    router,
    mount,
    { method: 'post', path: '/api/api-keys/:id/revoke', access: ADMIN, summary: 'Revoke an Open311 API key' },
    async ({ params, auth }) => {
      const id = ZIdParamSchema.safeParse(params.id);
      if (!id.success) throw new AppError('not_found', '密钥不存在');
      const now = ctx.now();
      const { row, published } = await ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .update(apiKeys)
          .set({ revokedAt: now, revokedBy: auth.user.id })
          .where(and(eq(apiKeys.id, id.data), isNull(apiKeys.revokedAt)))
          .returning();
        if (!row) {
          const [exists] = await tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, id.data));
          throw exists ? new AppError('invalid_state', '该密钥已停用') : new AppError('not_found', '密钥不存在');
        }
        const published = await appendEvents(tx, [
          {
            type: 'api_key.revoked',
            actorId: auth.user.id,
            actorRole: 'admin',
            at: now,
            payload: { apiKeyId: row.id, name: row.name, keyPrefix: row.keyPrefix },
            rooms: [roleRoom('admin')],
          },
        ]);
        return { row, published };
      });
      ctx.live.publish(published);
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
