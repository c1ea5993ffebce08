/**
 * Issue 16.8 (PRODUCT.md §5 repeats): the earlier tickets a ticket was linked to at intake (same
 * phone, or same address and category), as this viewer may see them. A liaison reads only what
 * its unit handles (server/tickets/policy.ts): an earlier ticket of another unit is counted, never
 * shown. Free text is masked for a viewer who may not see that ticket's caller (privacy.md), and
 * no name or number of the caller is included at all.
 */
import { desc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { ticketLinks, tickets } from '../../db/schema';
import type { RepeatsView } from '../../shared/schemas/workspaces';
import type { SessionUser } from '../platform/auth/sessions';
import { canReadTicket } from '../tickets/policy';
import { asSeenBy } from '../tickets/presenter';
import type { LinkReason } from './analyse-intake';

/** The description is a reminder of the matter, not the record: the ticket's own page has it whole. */
const DESCRIPTION_CHARS = 80;

export async function earlierTicketsFor(db: Queryable, viewer: SessionUser, ticket: { id: number; repeatCount: number }): Promise<RepeatsView> {
  const rows = await db
    .select({ ticket: tickets, reasons: ticketLinks.reasons })
    .from(ticketLinks)
    .innerJoin(tickets, eq(tickets.id, ticketLinks.linkedTicketId))
    .where(eq(ticketLinks.ticketId, ticket.id))
    .orderBy(desc(tickets.id));
  const visible = rows.filter((r) => canReadTicket(viewer, r.ticket));
  return {
    count: ticket.repeatCount,
    hidden: rows.length - visible.length,
    earlier: visible.map(({ ticket: t, reasons }) =>
      asSeenBy(viewer, t, {
        id: t.id,
        number: t.number,
        state: t.state,
        categoryCode: t.categoryCode,
        callAt: t.callAt.toISOString(),
        leadUnitId: t.leadUnitId,
        description: t.description.length > DESCRIPTION_CHARS ? `${t.description.slice(0, DESCRIPTION_CHARS)}…` : t.description,
        reasons: reasons as LinkReason[],
      }),
    ),
  };
}
