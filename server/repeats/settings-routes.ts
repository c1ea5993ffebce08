/** The repeat / cluster settings (SPEC 5), versioned and edited by supervisors; every version an audited event. */
import { sql } from 'drizzle-orm';
import { Router } from 'express';
import { repeatSettings } from '../../db/schema';
import { ZRepeatSettingsSchema } from '../../shared/schemas/rules';
import { appendEvents } from '../platform/append-events';
import type { AppContext } from '../platform/context';
import { ANY_USER, defineRoute, roles } from '../platform/define-route';
import { roleRoom } from '../platform/live/rooms';
import { currentRepeatSettings } from './settings';

/** Serialises publishing, so two supervisors cannot both build on the same version. */
const SETTINGS_LOCK = 62112348;

export function repeatSettingsRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api';

  defineRoute(
    router,
    mount,
    { method: 'get', path: '/api/repeat-settings', access: ANY_USER, summary: 'Repeat window, supervision threshold and cluster rule in force' },
    async () => {
      const current = await currentRepeatSettings(ctx.db);
      return { version: current.version, settings: current.settings, createdAt: current.createdAt?.toISOString() ?? null, createdBy: current.createdBy };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/repeat-settings',
      access: roles('supervisor'),
      summary: 'Publish new repeat and cluster settings (audited)',
      body: ZRepeatSettingsSchema,
      status: 201,
    },
    async ({ body, auth }) => {
      const now = ctx.now();
      const { version, published } = await ctx.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${SETTINGS_LOCK})`);
        const { version: current, settings: before } = await currentRepeatSettings(tx);
        const version = current + 1;
        await tx.insert(repeatSettings).values({ version, definition: body, createdAt: now, createdBy: auth.user.id });
        const published = await appendEvents(tx, [
          {
            type: 'repeat_settings.versioned',
            actorId: auth.user.id,
            actorRole: 'supervisor',
            at: now,
            payload: { version, before, after: body },
            rooms: [roleRoom('supervisor')],
          },
        ]);
        return { version, published };
      });
      ctx.live.publish(published);
      return { version, settings: body };
    },
  );

  return router;
}
