/**
 * The handler of a route that changes one ticket named by `:id` at the `version` its body carries
 * (a reply's acceptance and sign-off, a record correction): an id that does not parse is a ticket
 * that does not exist, and the answer is the changed ticket's summary.
 */
import type { tickets } from '../../db/schema';
import type { TicketSummary } from '../../shared/schemas/ticket';
import type { SessionUser } from '../platform/auth/sessions';
import type { HandlerInput } from '../platform/define-route';
import { idParam } from '../platform/id-param';
import { presentTicketSummary } from './presenter';

/** The ticket id of a route's `:id`; one that does not parse is not found, as a missing ticket is. */
export const ticketIdParam = (params: Record<string, string>): number => idParam(params, '工单不存在');

export interface TicketChange<B> {
  actor: SessionUser;
  ticketId: number;
  expectedVersion: number;
  body: B;
}

export function ticketChangeHandler<B extends { version: number }>(
  change: (c: TicketChange<B>) => Promise<typeof tickets.$inferSelect>,
): (input: HandlerInput<B, unknown>) => Promise<TicketSummary> {
  return async ({ auth, params, body }) =>
    presentTicketSummary(await change({ actor: auth.user, ticketId: ticketIdParam(params), expectedVersion: body.version, body }));
}
