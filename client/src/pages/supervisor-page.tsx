import { Card, Col, Row, Statistic } from 'antd';
import { TICKET_STATES } from '../../../shared/domain';
import { AppShell } from '../components/app-shell';
import { TicketTable } from '../components/ticket-table';
import { useI18n } from '../lib/i18n';
import { useLiveTickets } from '../lib/live';
import { useUnits } from '../lib/units';

const OPEN_STATES = TICKET_STATES.filter((s) => !['archived', 'closed_on_call', 'filed'].includes(s));

export function SupervisorPage() {
  const { t } = useI18n();
  const live = useLiveTickets();
  const units = useUnits();
  const open = live.tickets.filter((x) => OPEN_STATES.includes(x.state as (typeof OPEN_STATES)[number]));
  return (
    <AppShell status={live.status}>
      <Row gutter={12} className="kpi-row">
        <Col span={4}>
          <Card size="small">
            <Statistic title={t('queue.total')} value={open.length} data-testid="count-open" />
          </Card>
        </Col>
        {OPEN_STATES.map((s) => (
          <Col span={4} key={s}>
            <Card size="small">
              <Statistic title={t(`state.${s}`)} value={open.filter((x) => x.state === s).length} data-testid={`count-${s}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('queue.title')} className="queue-card">
        <TicketTable tickets={open} units={units} fresh={live.fresh} testId="supervisor-queue" />
      </Card>
    </AppShell>
  );
}
