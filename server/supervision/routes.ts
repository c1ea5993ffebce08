/**
 * Supervision (督办, PRODUCT.md §6 / 004) over REST. Supervisors open, review and progress sheets;
 * leaders read them and record instructions; a unit's liaisons see and answer their unit's
 * sheets only. Commands: POST /api/supervisions/:id/<command> with `{ version, ...input }`.
 */
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { events, supervisions, tickets } from '../../db/schema';
import { supervisionCommandPath } from '../../shared/api/command-paths';
import { AppError } from '../../shared/errors';
import { ZIdParamSchema } from '../../shared/schemas/ids';
import {
  SUPERVISION_INPUT_SCHEMAS,
  type TProgressSupervisionInput,
  ZOpenSupervisionInputSchema,
  ZSupervisionDetailSchema,
  ZSupervisionListAnswerSchema,
  ZSupervisionListQuerySchema,
  ZSupervisionViewSchema,
} from '../../shared/schemas/supervision';
import { SUPERVISION_COMMANDS, supervisionTransitionOf } from '../../shared/supervision/machine';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { asSeenBy } from '../tickets/presenter';
import { openSupervision } from './open-supervision';
import { canReadSupervision, supervisionUnitFilter } from './policy';
import { presentSupervisions } from './present-supervision';
import { progressSupervision } from './progress-supervision';
import { runSupervisionCommand, type SimpleSupervisionCommand } from './run-supervision-command';

const READERS = roles('supervisor', 'leader', 'liaison');
const ZVersionSchema = z.object({
  version: z.number({ error: '缺少督办版本号（version）' }).int().positive({ error: '督办版本号不正确' }),
});

export function supervisionRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/supervisions';

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/supervisions',
      access: READERS,
      summary: 'Supervision sheets visible to the user (active by default)',
      response: ZSupervisionListAnswerSchema,
      query: ZSupervisionListQuerySchema,
    },
    async ({ auth, query }) => {
      const unit = supervisionUnitFilter(auth.user);
      if (unit === 'none') return { supervisions: [] };
      const where: SQL[] = [];
      if (unit !== null) where.push(eq(supervisions.unitId, unit));
      if (query.state === 'active') where.push(inArray(supervisions.state, ['open', 'replied']));
      else if (query.state !== 'all') where.push(eq(supervisions.state, query.state));
      if (query.ticketId !== undefined) where.push(eq(supervisions.ticketId, query.ticketId));
      const rows = await ctx.db
        .select()
        .from(supervisions)
        .where(and(...where))
        .orderBy(desc(supervisions.id))
        .limit(query.limit);
      return { supervisions: await presentSupervisions(ctx.db, rows, auth.user, ctx.now()) };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/supervisions/:id',
      access: READERS,
      summary: 'One supervision sheet with its replies and timeline',
      response: ZSupervisionDetailSchema,
    },
    async ({ auth, params }) => {
      const id = ZIdParamSchema.safeParse(params.id);
      if (!id.success) throw new AppError('not_found', '督办不存在');
      const [row] = await ctx.db.select().from(supervisions).where(eq(supervisions.id, id.data)).limit(1);
      if (!row || !canReadSupervision(auth.user, row)) throw new AppError('not_found', '督办不存在');
      const [view] = await presentSupervisions(ctx.db, [row], auth.user, ctx.now());
      if (!view) throw new Error(`no view of supervision ${row.id}`);
      const timeline = await ctx.db.select().from(events).where(eq(events.ticketId, row.ticketId)).orderBy(events.seq);
      const mine = timeline.filter((e) => e.type.startsWith('supervision.') && (e.payload as { supervision?: { id?: number } }).supervision?.id === row.id);
      const [ticket] = await ctx.db
        .select({ state: tickets.state, leadUnitId: tickets.leadUnitId, assistUnitIds: tickets.assistUnitIds })
        .from(tickets)
        .where(eq(tickets.id, row.ticketId));
      if (!ticket) throw new Error(`supervision ${row.id} points at missing ticket ${row.ticketId}`);
      // Issue 14 item 7: the events' texts as the sheet's (presentSupervisions masked the view).
      return asSeenBy(auth.user, ticket, {
        ...view,
        events: mine.map((e) => ({
          seq: e.seq,
          type: e.type,
          actorId: e.actorId,
          actorRole: e.actorRole,
          at: e.at.toISOString(),
          payload: stripSheet(e.payload as Record<string, unknown>),
        })),
      });
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/supervisions',
      access: roles('supervisor'),
      summary: 'Open a supervision sheet (written, on-site coordination or escalated) from a ticket or a candidate',
      response: ZSupervisionViewSchema,
      body: ZOpenSupervisionInputSchema,
      status: 201,
    },
    async ({ auth, body }) => {
      const row = await openSupervision({ ctx, actor: auth.user, input: body });
      const [view] = await presentSupervisions(ctx.db, [row], auth.user, ctx.now());
      return view;
    },
  );

  for (const command of SUPERVISION_COMMANDS) {
    defineRoute(
      router,
      mount,
      {
        method: 'post',
        path: supervisionCommandPath(command),
        access: roles(...supervisionTransitionOf(command).roles),
        summary: `Supervision command ${command}`,
        // The same presenter as opening a sheet (presentSupervisions).
        response: ZSupervisionViewSchema,
        body: ZVersionSchema.and(SUPERVISION_INPUT_SCHEMAS[command]),
      },
      async ({ auth, params, body }) => {
        const id = ZIdParamSchema.safeParse(params.id);
        if (!id.success) throw new AppError('not_found', '督办不存在');
        const { version, ...input } = body as { version: number } & Record<string, unknown>;
        const row =
          command === 'progress'
            ? await progressSupervision({ ctx, actor: auth.user, supervisionId: id.data, input: input as TProgressSupervisionInput, expectedVersion: version })
            : await runSupervisionCommand({
                ctx,
                actor: auth.user,
                supervisionId: id.data,
                command: command as SimpleSupervisionCommand,
                input: input as never,
                expectedVersion: version,
              });
        const [view] = await presentSupervisions(ctx.db, [row], auth.user, ctx.now());
        return view;
      },
    );
  }

  return router;
}

function stripSheet(payload: Record<string, unknown>) {
  const { supervision: _s, ...rest } = payload;
  return rest;
}
