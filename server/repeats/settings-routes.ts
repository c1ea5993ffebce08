/** The repeat / cluster settings (PRODUCT.md §5), versioned and edited by supervisors; every version an audited event. */
import { Router } from 'express';
import { ZRepeatSettingsAnswerSchema, ZRepeatSettingsPublishAnswerSchema, ZRepeatSettingsSchema } from '../../shared/schemas/rules';
import type { AppContext } from '../platform/context';
import { ANY_USER, defineRoute, roles } from '../platform/define-route';
import { publishRepeatSettings } from './commands/publish-repeat-settings';
import { currentRepeatSettings } from './settings';

export function repeatSettingsRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api';

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/repeat-settings',
      access: ANY_USER,
      summary: 'Repeat window, supervision threshold and cluster rule in force',
      response: ZRepeatSettingsAnswerSchema,
    },
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
      raises: [],
      access: roles('supervisor'),
      summary: 'Publish new repeat and cluster settings (audited)',
      response: ZRepeatSettingsPublishAnswerSchema,
      body: ZRepeatSettingsSchema,
      status: 201,
    },
    async ({ body, auth }) => {
      const version = await publishRepeatSettings({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), settings: body });
      return { version, settings: body };
    },
  );

  return router;
}
