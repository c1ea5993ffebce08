/**
 * Where each command is sent: POST /api/tickets/:id/<command> (PRODUCT.md §3) and
 * POST /api/supervisions/:id/<command> (004), the command's name in kebab case. The server mounts
 * its routes at these paths, the client and the tests post to them.
 */
import type { SupervisionCommand } from '../supervision/machine';
import type { TicketCommand } from '../ticket/commands';

/** A ticket or sheet id, or ':id' for the route pattern the server mounts. */
type IdOrPattern = number | ':id';

/** record_first_contact → record-first-contact. */
const segment = (command: string) => command.replaceAll('_', '-');

/** `/api/tickets/7/record-first-contact`; without an id, the route `/api/tickets/:id/record-first-contact`. */
export function ticketCommandPath(command: TicketCommand, id: IdOrPattern = ':id'): string {
  return `/api/tickets/${id}/${segment(command)}`;
}

/** `/api/supervisions/3/record-outcome`; without an id, the route `/api/supervisions/:id/record-outcome`. */
export function supervisionCommandPath(command: SupervisionCommand, id: IdOrPattern = ':id'): string {
  return `/api/supervisions/${id}/${segment(command)}`;
}
