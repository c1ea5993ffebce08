/**
 * /tickets/:id — one ticket for every role: all fields, the timeline, the deadlines and the
 * actions this user may take now, as forms. Live: it is read again when an event touches the ticket.
 */
import { useParams } from 'react-router';
import { TicketPanel } from '../components/action-forms/ticket-panel';
import { AppShell } from '../components/app-shell';
import { useLiveAlerts } from '../lib/notifications';
import { useUnits } from '../lib/units';

export function TicketPage() {
  const params = useParams();
  const id = Number(params.id);
  const units = useUnits();
  useLiveAlerts();
  return (
    <AppShell>
      <div className="ticket-page">{Number.isInteger(id) && id > 0 && <TicketPanel id={id} units={units} />}</div>
    </AppShell>
  );
}
