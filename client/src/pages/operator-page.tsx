import { Card } from 'antd';
import { useState } from 'react';
import { AppShell } from '../components/app-shell';
import { IncomingCalls, type LinkedCall } from '../components/incoming-calls';
import { TicketTable } from '../components/ticket-table';
import { useI18n } from '../lib/i18n';
import { useLiveTickets } from '../lib/live';
import { useUnits } from '../lib/units';
import { IntakeForm } from './intake-form';

export function OperatorPage() {
  const { t } = useI18n();
  const live = useLiveTickets();
  const units = useUnits();
  const [call, setCall] = useState<LinkedCall | null>(null);
  return (
    <AppShell status={live.status}>
      <div className="operator-grid">
        <IntakeForm units={units} call={call} onCallDone={() => setCall(null)} />
        <div>
          <IncomingCalls onTake={setCall} linked={call} />
          <Card size="small" title={`${t('queue.title')} · ${live.tickets.length}`} className="queue-card">
            <TicketTable tickets={live.tickets} units={units} fresh={live.fresh} testId="operator-queue" />
          </Card>
        </div>
      </div>
    </AppShell>
  );
}
