/**
 * GET /api/queues (PRODUCT.md §7 queues): every open ticket of the line, most urgent first, as the
 * queue screens' snapshot. Unlike GET /api/tickets (the newest N), nothing urgent falls off the
 * end: the oldest, most overdue tickets are the ones a queue must show.
 */
import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { Router } from 'express';
import { rowsOf } from '../../db/client';
import { tickets } from '../../db/schema';
import type { TicketSummary } from '../../shared/schemas/ticket';
import { ZTicketListAnswerSchema } from '../../shared/schemas/ticket';
import { OPEN_STATES } from '../../shared/ticket/machine';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { presentTicketSummaryFor } from '../tickets/presenter';

/** PRODUCT.md §7 "own shift's calls and tickets": what the operator registered in the last 12 hours (a shift). */
export const SHIFT_HOURS = 12;

/** Far above a town's open tickets; a screen says so if it is ever reached. */
export const QUEUE_SNAPSHOT_LIMIT = 3000;

export interface QueueSnapshot {
  seq: number;
  tickets: TicketSummary[];
  /** More open tickets than the limit: the least urgent were left out. */
  truncated: boolean;
}

export function queueRoutes(ctx: AppContext): Router {
  const router = Router();
  defineRoute(
    router,
    '/api/queues',
    {
      method: 'get',
      path: '/api/queues',
      access: roles('operator', 'revisit', 'supervisor', 'leader'),
      summary: 'Every open ticket of the line, most urgent first (queue snapshot with the stream seq)',
      response: ZTicketListAnswerSchema,
    },
    async ({ auth }): Promise<QueueSnapshot> => {
      // Read the stream position first: anything after it reaches the client as live events.
      const [pos] = await rowsOf<{ seq: string | number | null }>(ctx.db, sql`select max(seq) as seq from events`);
      const rows = await ctx.db
        .select()
        .from(tickets)
        .where(inArray(tickets.state, [...OPEN_STATES]))
        .orderBy(sql`${tickets.dueAt} asc nulls last`, asc(tickets.id))
        .limit(QUEUE_SNAPSHOT_LIMIT + 1);
      return {
        seq: Number(pos?.seq ?? 0),
        tickets: rows.slice(0, QUEUE_SNAPSHOT_LIMIT).map(presentTicketSummaryFor(auth.user)),
        truncated: rows.length > QUEUE_SNAPSHOT_LIMIT,
      };
    },
  );

  defineRoute(
    router,
    '/api/queues',
    {
      method: 'get',
      path: '/api/queues/mine',
      access: roles('operator', 'supervisor'),
      summary: 'The tickets the user registered this shift (last 12 hours), closed ones included',
      response: ZTicketListAnswerSchema,
    },
    async ({ auth }): Promise<QueueSnapshot> => {
      const [pos] = await rowsOf<{ seq: string | number | null }>(ctx.db, sql`select max(seq) as seq from events`);
      const since = new Date(ctx.now().getTime() - SHIFT_HOURS * 3600_000);
      const rows = await ctx.db
        .select()
        .from(tickets)
        .where(and(eq(tickets.createdBy, auth.user.id), gte(tickets.createdAt, since)))
        .orderBy(desc(tickets.id))
        .limit(300);
      return { seq: Number(pos?.seq ?? 0), tickets: rows.map(presentTicketSummaryFor(auth.user)), truncated: rows.length === 300 };
    },
  );
  return router;
}
