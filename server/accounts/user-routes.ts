/**
 * Issue 15 item 11, PRODUCT.md §1 "admin (IT): users, roles, integrations": accounts are opened,
 * changed, disabled and given a new password in the console by admins; never deleted. Each change
 * is an event with its actor (./commands/).
 */
import { asc } from 'drizzle-orm';
import { Router } from 'express';
import { users } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { ZUserListAnswerSchema, ZUserViewSchema } from '../../shared/schemas/accounts';
import { ZIdParamSchema } from '../../shared/schemas/ids';
import { hashPassword } from '../platform/auth/passwords';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { changeUser, type UserChange } from './commands/change-user';
import { createUser } from './commands/create-user';
import { presentUser } from './present-user';
import { ZCreateUserSchema, ZResetPasswordSchema, ZSetActiveSchema, ZUpdateUserSchema } from './schemas';

export function userRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/users';
  const ADMIN = roles('admin');
  const userIdOf = (params: Record<string, string>) => {
    const id = ZIdParamSchema.safeParse(params.id);
    if (!id.success) throw new AppError('not_found', '用户不存在');
    return id.data;
  };
  const change = async (params: Record<string, string>, actor: Parameters<typeof changeUser>[0]['actor'], c: UserChange) =>
    presentUser(await changeUser({ db: ctx.db, live: ctx.live, actor, now: ctx.now(), userId: userIdOf(params), change: c }));

  defineRoute(
    router,
    mount,
    { method: 'get', path: '/api/users', access: ADMIN, summary: 'Every account, active or disabled (never a password hash)', response: ZUserListAnswerSchema },
    async () => {
      const rows = await ctx.db.select().from(users).orderBy(asc(users.id));
      return { users: rows.map(presentUser) };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/users',
      raises: [],
      access: ADMIN,
      summary: 'Open an account with roles (and a unit for a liaison)',
      body: ZCreateUserSchema,
      response: ZUserViewSchema,
      status: 201,
    },
    async ({ body, auth }) => {
      const { password, ...input } = body;
      const row = await createUser({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), input, passwordHash: await hashPassword(password) });
      return presentUser(row);
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'patch',
      path: '/api/users/:id',
      raises: ['not_found', 'invalid_state'],
      access: ADMIN,
      summary: "Change an account's name, roles or unit (its sessions end when roles or unit change)",
      body: ZUpdateUserSchema,
      response: ZUserViewSchema,
    },
    ({ body, params, auth }) => change(params, auth.user, { kind: 'update', input: body }),
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/users/:id/active',
      raises: ['not_found', 'invalid_state'],
      access: ADMIN,
      summary: 'Disable (its sessions end) or enable an account',
      body: ZSetActiveSchema,
      response: ZUserViewSchema,
    },
    ({ body, params, auth }) => change(params, auth.user, { kind: 'active', active: body.active }),
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/users/:id/password',
      raises: ['not_found', 'invalid_state'],
      access: ADMIN,
      summary: "Set a new password (the person's sessions end)",
      body: ZResetPasswordSchema,
      response: ZUserViewSchema,
    },
    async ({ body, params, auth }) => change(params, auth.user, { kind: 'password', passwordHash: await hashPassword(body.password) }),
  );

  return router;
}
