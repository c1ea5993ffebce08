import { Card } from 'antd';
import { AppShell } from '../components/app-shell';
import { TicketTable } from '../components/ticket-table';
import { useI18n } from '../lib/i18n';
import { useLiveTickets } from '../lib/live';
import { useUnits } from '../lib/units';
import { IntakeForm } from './intake-form';

export function OperatorPage() {
  const { t } = useI18n();
  const live = useLiveTickets();
  const units = useUnits();
  return (
    <AppShell status={live.status}>
      <div className="operator-grid">
        <IntakeForm units={units} />
        <Card size="small" title={`${t('queue.title')} · ${live.tickets.length}`} className="queue-card">
          <TicketTable tickets={live.tickets} units={units} fresh={live.fresh} testId="operator-queue" />
        </Card>
      </div>
    </AppShell>
  );
}
