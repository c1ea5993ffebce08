/**
 * `POST <record>/:id/active` of the console's records that are disabled, never deleted (accounts,
 * units; issue 15 item 11): the same body and the same change, through the record's change command.
 */
import type { Router } from 'express';
import type { z } from 'zod';
import type { ErrorCode } from '../../shared/errors';
import type { SessionUser } from '../platform/auth/sessions';
import { defineRoute, type Access } from '../platform/define-route';
import { ZSetActiveSchema } from './schemas';

/** What a record's change command is asked to do by this route. */
export interface ActiveChange {
  kind: 'active';
  active: boolean;
}

export function defineSetActiveRoute<R extends z.ZodType>(
  router: Router,
  mount: string,
  spec: { path: `${string}/:id/active`; access: Access; summary: string; raises: readonly ErrorCode[]; response: R },
  change: (params: Record<string, string>, actor: SessionUser, c: ActiveChange) => Promise<z.output<R>>,
): void {
  defineRoute(router, mount, { method: 'post', ...spec, body: ZSetActiveSchema }, ({ body, params, auth }) =>
    change(params, auth.user, { kind: 'active', active: body.active }),
  );
}
