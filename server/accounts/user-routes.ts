/**
 * Issue 15 item 11, PRODUCT.md §1 "admin (IT): users, roles, integrations": accounts are opened,
 * changed, disabled and given a new password in the console by admins; never deleted. Each change
 * is an event with its actor (./commands/).
 */
import { asc } from 'drizzle-orm';
import { Router } from 'express';
import { users } from '../../db/schema';
import { ZUserListAnswerSchema, ZUserViewSchema } from '../../shared/schemas/accounts';
import { hashPassword } from '../platform/auth/passwords';
import type { SessionUser } from '../platform/auth/sessions';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { idParam } from '../platform/id-param';
import { changeUser, type UserChange } from './commands/change-user';
import { createUser } from './commands/create-user';
import { presentUser } from './present-user';
import { ZCreateUserSchema, ZResetPasswordSchema, ZUpdateUserSchema } from './schemas';
import { defineSetActiveRoute } from './set-active-route';

export function userRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/users';
  const ADMIN = roles('admin');
  const change = async (params: Record<string, string>, actor: SessionUser, c: UserChange) =>
    presentUser(await changeUser({ db: ctx.db, live: ctx.live, actor, now: ctx.now(), userId: idParam(params, '用户不存在'), change: c }));

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

  defineSetActiveRoute(
    router,
    mount,
    {
      path: '/api/users/:id/active',
      raises: ['not_found', 'invalid_state'],
      access: ADMIN,
      summary: 'Disable (its sessions end) or enable an account',
      response: ZUserViewSchema,
    },
    change,
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
