/**
 * Issue 15 item 11, PRODUCT.md §1 "supervisor … edits rules, units": units are added, renamed,
 * deactivated and reactivated in the console; never deleted. Each change is an event with its actor.
 */
import { asc } from 'drizzle-orm';
import { Router } from 'express';
import { units, users } from '../../db/schema';
import { ZAdminUnitListAnswerSchema, ZAdminUnitSchema } from '../../shared/schemas/units';
import { ZCreateUnitSchema, ZRenameUnitSchema } from '../accounts/schemas';
import { defineSetActiveRoute } from '../accounts/set-active-route';
import type { SessionUser } from '../platform/auth/sessions';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { idParam } from '../platform/id-param';
import { changeUnit, type UnitChange } from './commands/change-unit';
import { createUnit } from './commands/create-unit';

const present = (u: typeof units.$inferSelect, liaisons = 0) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, active: u.active, liaisons });

export function unitAdminRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/units';
  const SUPERVISOR = roles('supervisor');
  const change = async (params: Record<string, string>, actor: SessionUser, c: UnitChange) =>
    present(await changeUnit({ db: ctx.db, live: ctx.live, actor, now: ctx.now(), unitId: idParam(params, '单位不存在'), change: c }));

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/units/all',
      access: roles('supervisor', 'admin'),
      summary: 'Every unit, active or not, with its number of active liaisons',
      response: ZAdminUnitListAnswerSchema,
    },
    async () => {
      const rows = await ctx.db.select().from(units).orderBy(asc(units.kind), asc(units.id));
      const people = await ctx.db.select({ unitId: users.unitId, active: users.active }).from(users);
      return { units: rows.map((u) => present(u, people.filter((p) => p.unitId === u.id && p.active).length)) };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/units',
      raises: [],
      access: SUPERVISOR,
      summary: 'Add a handling unit',
      body: ZCreateUnitSchema,
      status: 201,
      response: ZAdminUnitSchema,
    },
    async ({ body, auth }) => present(await createUnit({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), ...body })),
  );

  defineRoute(
    router,
    mount,
    {
      method: 'patch',
      path: '/api/units/:id',
      raises: ['not_found', 'invalid_state'],
      access: SUPERVISOR,
      summary: 'Rename a unit',
      body: ZRenameUnitSchema,
      response: ZAdminUnitSchema,
    },
    ({ body, params, auth }) => change(params, auth.user, { kind: 'rename', name: body.name }),
  );

  defineSetActiveRoute(
    router,
    mount,
    {
      path: '/api/units/:id/active',
      raises: ['not_found', 'invalid_state'],
      access: SUPERVISOR,
      summary: 'Deactivate (not while the dispatch rules name it) or reactivate a unit',
      response: ZAdminUnitSchema,
    },
    change,
  );

  return router;
}
