import { Card } from 'antd';
import { AppShell } from '../components/app-shell';
import { TicketTable } from '../components/ticket-table';
import { useI18n } from '../lib/i18n';
import { useLiveTickets } from '../lib/live';
import { useSession } from '../lib/session';
import { useUnits } from '../lib/units';

export function UnitPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const live = useLiveTickets();
  const units = useUnits();
  const unitId = user?.unitId ?? null;
  // The server only sends this unit's tickets; the filter drops one that was moved away.
  const mine = live.tickets.filter((x) => x.leadUnitId === unitId || (unitId !== null && x.assistUnitIds.includes(unitId)));
  const unitName = units.find((u) => u.id === unitId)?.name ?? '';
  return (
    <AppShell status={live.status}>
      <Card size="small" title={`${t('queue.unitTitle')} · ${unitName} · ${mine.length}`} className="queue-card">
        <TicketTable tickets={mine} units={units} fresh={live.fresh} testId="unit-queue" />
      </Card>
    </AppShell>
  );
}
