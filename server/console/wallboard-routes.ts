/**
 * GET /api/wallboard (PRODUCT.md §7): the supervisor wallboard's snapshot — calls, operators by
 * status, tickets by state and light, overdue by unit, revisit backlog, satisfaction, cluster
 * alerts, queue counts — computed by SQL in one read-only transaction on Shanghai day
 * boundaries. Screens re-read it when the live stream moves (server/console/wallboard.ts).
 */
import { Router } from 'express';
import { ZWallboardSnapshotSchema, type WallboardSnapshot } from '../../shared/schemas/wallboard';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { sharedWallboardSnapshot } from './wallboard';

export function wallboardRoutes(ctx: AppContext): Router {
  const router = Router();
  defineRoute(
    router,
    '/api/wallboard',
    {
      method: 'get',
      path: '/api/wallboard',
      access: roles('supervisor', 'leader'),
      summary: 'The wallboard snapshot: calls, operators, tickets, queues, satisfaction, clusters',
      response: ZWallboardSnapshotSchema,
    },
    async (): Promise<WallboardSnapshot> => sharedWallboardSnapshot(ctx.db, ctx.now()),
  );
  return router;
}
