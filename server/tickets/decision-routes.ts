/**
 * The supervisor's decision queue (PRODUCT.md §7: "returns and delay requests awaiting a decision",
 * "replies awaiting review") and the acceptance of a reviewed reply. Every other decision is a
 * ticket command (POST /api/tickets/:id/decide-return, designate, send-back-reply, …).
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { Router } from 'express';
import { events, tickets } from '../../db/schema';
import {
  REPLY_ACCEPTED_EVENT,
  ZAcceptReplyInputSchema,
  ZSignOffReplyInputSchema,
  type DecisionItem,
  type DecisionsAnswer,
} from '../../shared/schemas/workspaces';
import { designationRequired } from '../../shared/ticket/rules';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { acceptReply } from './commands/accept-reply';
import { signOffReply } from './commands/sign-off-reply';
import { asSeenBy, presentTicketSummary } from './presenter';
import { ticketChangeHandler } from './ticket-change-handler';
import { snapshotOf } from './ticket-snapshot';

/** Leaders designate units too (001 二.2 报街道主要领导批办), so they see the queue. */
const DECIDERS = roles('supervisor', 'leader');

export function decisionRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/decisions';

  defineRoute(
    router,
    mount,
    { method: 'get', path: '/api/decisions', access: DECIDERS, summary: 'Requests and replies awaiting a decision, oldest first' },
    async ({ auth }): Promise<DecisionsAnswer> => {
      const rows = await ctx.db
        .select()
        .from(tickets)
        .where(or(eq(tickets.state, 'replied'), sql`coalesce(jsonb_array_length(${tickets.detail}->'pendingRequests'), 0) > 0`));
      const replied = rows.filter((r) => r.state === 'replied').map((r) => r.id);
      const accepted = new Set<string>();
      if (replied.length > 0) {
        const done = await ctx.db
          .select({ ticketId: events.ticketId, replyAt: sql<string>`${events.payload}->>'replyAt'` })
          .from(events)
          .where(and(eq(events.type, REPLY_ACCEPTED_EVENT), inArray(events.ticketId, replied)));
        for (const d of done) accepted.add(`${d.ticketId}:${d.replyAt}`);
      }
      const items: DecisionItem[] = [];
      for (const row of rows) {
        const s = snapshotOf(row);
        const ticket = presentTicketSummary(row);
        const base = { ticket, returnedByUnitIds: s.returnedByUnitIds, designationRequired: false, reply: null, request: null };
        for (const request of s.pendingRequests) {
          items.push({
            ...base,
            key: `${row.id}:${request.id}`,
            kind: request.kind,
            request,
            designationRequired: request.kind === 'return' && designationRequired(s),
            since: request.at,
          });
        }
        if (row.state === 'replied' && s.reply && !accepted.has(`${row.id}:${s.reply.at}`)) {
          items.push({ ...base, key: `${row.id}:reply:${s.reply.at}`, kind: 'reply', reply: s.reply, since: s.reply.at });
        }
      }
      items.sort((a, b) => a.since.localeCompare(b.since) || a.ticket.id - b.ticket.id);
      // Issue 14 item 7: a leader reads the reasons and replies with numbers masked.
      return { items: items.map((item) => asSeenBy(auth.user, item.ticket, item)) };
    },
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/decisions/replies/:id/accept',
      access: roles('supervisor'),
      summary: 'Accept a reviewed closing report (000 三(五))',
      body: ZAcceptReplyInputSchema,
    },
    ticketChangeHandler(({ body, ...change }) => acceptReply({ ctx, ...change, note: body.note })),
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/decisions/replies/:id/sign-off',
      access: roles('liaison'),
      summary: "Record the unit head's sign-off on the closing report (000 三(四), 002 一.6)",
      body: ZSignOffReplyInputSchema,
    },
    ticketChangeHandler(({ body, ...change }) => signOffReply({ ctx, ...change, signer: body.signer, note: body.note })),
  );

  return router;
}
