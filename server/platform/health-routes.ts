/** Health: database and socket status, for load balancers and the wallboard's status dot. */
import { Router } from 'express';
import { ZHealthAnswerSchema } from '../../shared/schemas/health';
import type { AppContext } from './context';
import { defineRoute, PUBLIC, Reply } from './define-route';

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api';

  defineRoute(
    router,
    mount,
    { method: 'get', path: '/api/health', access: PUBLIC, summary: 'Database and socket status', response: ZHealthAnswerSchema, alsoAnswers: [503] },
    async () => {
      const dbOk = await ctx.database.ping();
      return new Reply(dbOk ? 200 : 503, {
        status: dbOk ? 'ok' : 'degraded',
        database: { kind: ctx.database.kind, ok: dbOk },
        sockets: { ok: true, connected: ctx.live.connectedClients() },
        time: ctx.now().toISOString(),
      });
    },
  );

  return router;
}
