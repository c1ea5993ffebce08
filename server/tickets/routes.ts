import { and, arrayOverlaps, desc, eq, notInArray, or, sql } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { rowsOf } from '../../db/client';
import { events, tickets } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { ZContactRevealSchema, ZRevealContactInputSchema } from '../../shared/schemas/contact';
import { ZCreateTicketInputSchema, ZRegisteredTicketSchema, ZTicketListAnswerSchema } from '../../shared/schemas/ticket';
import { ZTicketDetailViewSchema } from '../../shared/schemas/workspaces';
import { allowedCommands, CLOSED_STATES, UNDISPATCHED_STATES } from '../../shared/ticket/machine';
import { loadCalendar } from '../clock/calendar';
import { policyVersion } from '../clock/policies';
import { ticketClocks } from '../clock/ticket-clocks';
import { ticketDeadlines } from '../clock/ticket-deadlines';
import { actorNames } from '../platform/auth/actor-names';
import type { AppContext } from '../platform/context';
import { defineRoute, Reply, roles } from '../platform/define-route';
import { earlierTicketsFor } from '../repeats/earlier-tickets';
import { createTicket } from './commands/create-ticket';
import { revealContact } from './commands/reveal-contact';
import { canReadTicket, canSeeContact, contactRoleOf } from './policy';
import { presentTimeline } from './present-timeline';
import { asSeenBy, presentTicketDetail, presentTicketSummaryFor } from './presenter';
import { ticketIdParam } from './ticket-change-handler';
import { snapshotOf } from './ticket-snapshot';

const ZIdempotencyKeySchema = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[\w.:-]+$/);
const ZListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export function ticketRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/tickets';

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/tickets',
      access: roles('operator', 'supervisor'),
      summary: 'Register an intake record (and dispatch it)',
      response: ZRegisteredTicketSchema,
      alsoAnswers: [200],
      body: ZCreateTicketInputSchema,
      status: 201,
    },
    async ({ body, auth, req }) => {
      const rawKey = req.get('idempotency-key');
      const key = rawKey === undefined ? undefined : ZIdempotencyKeySchema.safeParse(rawKey);
      if (key && !key.success) {
        throw new AppError('validation_failed', '输入有误：Idempotency-Key 应为8–128位字母、数字或 ._:-', { 'Idempotency-Key': '格式不正确' });
      }
      const actorRole = auth.user.roles.includes('operator') ? 'operator' : 'supervisor';
      const { ticket, created } = await createTicket({
        db: ctx.db,
        live: ctx.live,
        actor: auth.user,
        actorRole,
        input: body,
        now: ctx.now(),
        idempotencyKey: key?.data,
      });
      const presented = presentTicketDetail(ticket, { revealPhone: true });
      // A retried request gets the ticket the first one made, with 200 instead of 201.
      return created ? presented : new Reply(200, presented);
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/tickets',
      access: roles('operator', 'revisit', 'supervisor', 'leader', 'liaison'),
      summary: 'Open tickets visible to the user (queue snapshot)',
      response: ZTicketListAnswerSchema,
      query: ZListQuerySchema,
    },
    async ({ auth, query }) => {
      // Read the stream position first: anything after it reaches the client as live events.
      const [pos] = await rowsOf<{ seq: string | number | null }>(ctx.db, sql`select max(seq) as seq from events`);
      const user = auth.user;
      const lineStaff = user.roles.some((r) => r !== 'liaison' && r !== 'admin');
      const unitFilter =
        user.unitId === null
          ? sql`false`
          : and(
              notInArray(tickets.state, [...UNDISPATCHED_STATES]),
              or(eq(tickets.leadUnitId, user.unitId), arrayOverlaps(tickets.assistUnitIds, [user.unitId])),
            );
      const rows = await ctx.db
        .select()
        .from(tickets)
        .where(and(notInArray(tickets.state, [...CLOSED_STATES]), lineStaff ? undefined : unitFilter))
        .orderBy(desc(tickets.id))
        .limit(query.limit);
      return { seq: Number(pos?.seq ?? 0), tickets: rows.map(presentTicketSummaryFor(user)) };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/tickets/:id',
      access: roles('operator', 'revisit', 'supervisor', 'leader', 'liaison'),
      summary: 'One ticket with its timeline',
      response: ZTicketDetailViewSchema,
    },
    async ({ auth, params }) => {
      const [ticket] = await ctx.db
        .select()
        .from(tickets)
        .where(eq(tickets.id, ticketIdParam(params)))
        .limit(1);
      // Invisible and missing look the same: a liaison learns nothing about other units' tickets.
      if (!ticket || !canReadTicket(auth.user, ticket)) throw new AppError('not_found', '工单不存在');
      const timeline = await ctx.db.select().from(events).where(eq(events.ticketId, ticket.id)).orderBy(events.seq);
      const snapshot = snapshotOf(ticket);
      const policy = await policyVersion(ctx.db, ticket.policyCode, ticket.policyVersion);
      const calendar = await loadCalendar(ctx.db);
      const clocks = ticketClocks(snapshot, policy, calendar, ctx.now());
      const user = auth.user;
      const allowed = new Set(user.roles.flatMap((role) => allowedCommands(snapshot, { userId: user.id, role, unitId: user.unitId })));
      // Issue 14 item 7: free text (the record, its snapshot, the timeline) with numbers masked for those who may not see the caller's.
      return asSeenBy(user, ticket, {
        // PRODUCT.md §9: the number stays masked here for everyone; POST …/reveal-contact shows it and logs who saw it.
        ...presentTicketDetail(ticket, { revealPhone: false }),
        contactRevealable: canSeeContact(auth.user, ticket),
        allowedCommands: [...allowed],
        clocks: clocks.map((c) => ({
          kind: c.kind,
          round: c.round,
          due: c.due.toISOString(),
          light: c.light,
          status: c.status,
          workingDay: c.workingDay,
          remainingMs: c.remainingMs,
        })),
        // Issue 5: each action's deadline, and who the timeline's actors are.
        deadlines: ticketDeadlines(snapshot, policy, calendar, ctx.now(), ticket),
        actors: await actorNames(
          ctx.db,
          timeline.map((e) => e.actorId),
        ),
        events: presentTimeline(timeline),
        repeats: await earlierTicketsFor(ctx.db, user, ticket),
      });
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/tickets/:id/reveal-contact',
      access: roles('operator', 'revisit', 'supervisor', 'liaison'),
      summary: "Show the caller's full number (logged)",
      body: ZRevealContactInputSchema,
      response: ZContactRevealSchema,
      raises: ['not_found', 'wrong_unit'],
    },
    async ({ auth, params, body }) => {
      const [ticket] = await ctx.db
        .select()
        .from(tickets)
        .where(eq(tickets.id, ticketIdParam(params)))
        .limit(1);
      // As GET: invisible and missing look the same (404); readable but not the lead unit: 403.
      if (!ticket || !canReadTicket(auth.user, ticket)) throw new AppError('not_found', '工单不存在');
      const actorRole = contactRoleOf(auth.user, ticket);
      if (!actorRole) throw new AppError('wrong_unit', '只有主办单位可以查看来电号码');
      return revealContact({ db: ctx.db, live: ctx.live, ticket, actor: auth.user, actorRole, now: ctx.now(), purpose: body.purpose });
    },
  );

  return router;
}
