/**
 * /tickets/:id — one ticket for every role: all fields, the timeline, the deadlines and the
 * actions this user may take now, as forms. Live: it reloads when an event touches the ticket.
 */
import { useState } from 'react';
import { useParams } from 'react-router';
import { TicketPanel } from '../components/action-forms/ticket-panel';
import { AppShell } from '../components/app-shell';
import { useLiveTickets } from '../lib/live';
import { useLiveAlerts } from '../lib/notifications';
import { useUnits } from '../lib/units';

export function TicketPage() {
  const params = useParams();
  const id = Number(params.id);
  const units = useUnits();
  const alerts = useLiveAlerts();
  const [touched, setTouched] = useState(0);
  const live = useLiveTickets({
    onEvent: (e) => {
      alerts.onEvent(e);
      if (e.ticketId === id) setTouched(e.seq);
    },
  });
  return (
    <AppShell status={live.status}>
      <div className="ticket-page">{Number.isInteger(id) && id > 0 && <TicketPanel id={id} refreshKey={touched} units={units} />}</div>
    </AppShell>
  );
}
