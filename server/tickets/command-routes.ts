/**
 * One REST endpoint per ticket command (PRODUCT.md §3), generated from the shared command list:
 * POST /api/tickets/:id/<command> with `{ version, ...input }`. The input schema, the roles and
 * the state rules all come from shared/ticket, so the API cannot drift from the machine.
 */
import { Router } from 'express';
import { z } from 'zod';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { Role } from '../../shared/domain';
import { ZTicketSummarySchema } from '../../shared/schemas/ticket';
import { COMMAND_INPUT_SCHEMAS, COMMANDS, type TicketCommand } from '../../shared/ticket/commands';
import { transitionsOf } from '../../shared/ticket/machine';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { runTicketCommand } from './commands/run-ticket-command';
import { presentTicketSummaryFor } from './presenter';
import { ticketIdParam } from './ticket-change-handler';

const ZVersionedSchema = z.looseObject({
  version: z.number({ error: '缺少工单版本号（version）' }).int().positive({ error: '工单版本号不正确' }),
});

export function rolesOf(command: TicketCommand): Role[] {
  return [...new Set(transitionsOf(command).flatMap((t) => t.roles))];
}

export function ticketCommandRoutes(ctx: AppContext): Router {
  const router = Router();
  for (const command of COMMANDS) {
    defineRoute(
      router,
      '/api/tickets',
      {
        method: 'post',
        path: ticketCommandPath(command),
        access: roles(...rolesOf(command)),
        summary: `Ticket command ${command}`,
        body: ZVersionedSchema,
        // The document shows the whole input, checked in the command (shared/ticket/commands.ts).
        documentedBody: ZVersionedSchema.extend(COMMAND_INPUT_SCHEMAS[command].shape),
        response: ZTicketSummarySchema,
      },
      async ({ auth, params, body }) => {
        const { version, ...input } = body;
        const ticket = await runTicketCommand({ ctx, actor: auth.user, ticketId: ticketIdParam(params), command, input, expectedVersion: version });
        return presentTicketSummaryFor(auth.user)(ticket);
      },
    );
  }
  return router;
}
