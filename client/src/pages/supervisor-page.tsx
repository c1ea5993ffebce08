/**
 * The live queues (PRODUCT.md §7 "Queues") for supervisors and leaders: every queue with its count,
 * most urgent first, filtered by unit, light, category and community; each row shows number,
 * type, category, unit, the running clock's light and time left, and opens the ticket (click or
 * Enter). Tickets come from the complete queue snapshot plus live events; replies awaiting review
 * and supervision sheets are read again when the stream moves; calls are telephony's own store.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Statistic } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { byDue, inQueue, TICKET_QUEUES, type TicketQueue } from '../../../shared/console/queues';
import { decisionsReviewQuery } from '../api/console';
import { supervisionListQuery } from '../api/supervision';
import { useNow } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { IncomingCalls } from '../components/incoming-calls';
import { lightNow, matches, NO_FILTER, QueueFilters, type QueueFilter } from '../components/queue-filters';
import { QueueMenu, type QueueView } from '../components/queue-menu';
import { QueueSupervision } from '../components/queue-supervision';
import { TicketTable } from '../components/ticket-table';
import { useI18n } from '../lib/i18n';
import { useLiveTickets } from '../lib/live';
import { isWaiting, needsCallback, useLiveCalls } from '../lib/live-calls';
import { useSession } from '../lib/session';
import { useUnits } from '../lib/units';

const OPEN_STATES = ['registered', 'dispatched', 'in_progress', 'replied'] as const;

export function SupervisorPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const units = useUnits();
  const now = useNow(30_000);
  const [view, setView] = useState<QueueView>('all');
  const [filter, setFilter] = useState<QueueFilter>(NO_FILTER);
  const takesCalls = user?.roles.includes('supervisor') ?? false;
  const calls = useLiveCalls(takesCalls);
  // Replies awaiting review and open sheets are read again when tickets or sheets move (client/src/api/).
  const decisions = useQuery(decisionsReviewQuery).data;
  const underReview = useMemo(() => new Set((decisions?.items ?? []).filter((i) => i.kind === 'reply').map((i) => i.ticket.id)), [decisions]);
  const sheets = useQuery(supervisionListQuery('active')).data;
  const supervisions = useMemo(() => (sheets?.supervisions ?? []).filter((s) => s.state === 'open' || s.state === 'replied'), [sheets]);
  const live = useLiveTickets('queues');

  const open = live.tickets.filter((x) => (OPEN_STATES as readonly string[]).includes(x.state));
  const qc = { replyUnderReview: underReview };
  const inView = (v: QueueView) =>
    v === 'all' ? open : (TICKET_QUEUES as readonly string[]).includes(v) ? open.filter((x) => inQueue(v as TicketQueue, x, qc)) : [];

  const views: QueueView[] = ['all', ...TICKET_QUEUES, 'supervision_open', ...(takesCalls ? (['waiting_calls', 'abandoned_calls'] as const) : [])];
  const counts: Partial<Record<QueueView, number>> = Object.fromEntries(views.map((v) => [v, inView(v).length]));
  counts.supervision_open = supervisions.length;
  counts.waiting_calls = calls.calls.filter(isWaiting).length;
  counts.abandoned_calls = calls.calls.filter(needsCallback).length;

  const shown = inView(view)
    .filter((x) => matches(filter, x, now))
    .sort(byDue);
  const overdue = open.filter((x) => lightNow(x, now) === 'overdue').length;
  const ticketView = view !== 'supervision_open' && view !== 'waiting_calls' && view !== 'abandoned_calls';

  const kpi = (testId: string, title: string, value: number, tone?: string) => (
    <Col flex="1 1 0" key={testId}>
      <Card size="small" className={`q-kpi ${tone ?? ''}`}>
        <Statistic title={title} value={value} data-testid={testId} />
      </Card>
    </Col>
  );

  return (
    <AppShell>
      <Row gutter={8} className="kpi-row" wrap={false}>
        {kpi('count-open', t('queue.total'), open.length)}
        {OPEN_STATES.map((s) => kpi(`count-${s}`, t(`state.${s}`), open.filter((x) => x.state === s).length))}
        {kpi('count-overdue', t('light.overdue'), overdue, overdue > 0 ? 'kpi-alert' : '')}
        {takesCalls && kpi('count-waiting', t('queue.view.waiting_calls'), counts.waiting_calls ?? 0, (counts.waiting_calls ?? 0) > 0 ? 'kpi-alert' : '')}
      </Row>
      <div className="queues-grid">
        <Card size="small" className="queue-menu-card" title={t('queue.queues')}>
          <QueueMenu views={views} counts={counts} value={view} onChange={setView} />
        </Card>
        <Card
          size="small"
          className="queue-card queues-main"
          title={`${t(`queue.view.${view}`)} · ${ticketView ? shown.length : (counts[view] ?? 0)}`}
          extra={ticketView ? <QueueFilters value={filter} onChange={setFilter} units={units} tickets={inView(view)} now={now} /> : null}
        >
          {live.truncated && <Alert type="warning" showIcon banner title={t('queue.truncated')} />}
          {ticketView && (
            <TicketTable
              tickets={shown}
              units={units}
              fresh={live.fresh}
              testId="supervisor-queue"
              columns={['number', 'type', 'category', 'unit', 'light', 'due', 'state', 'address', 'description']}
              onOpen={(x) => navigate(`/tickets/${x.id}`)}
              height="calc(100vh - 300px)"
              pageSize={200}
            />
          )}
          {view === 'supervision_open' && <QueueSupervision items={supervisions} onOpen={(s) => navigate(`/supervision?id=${s.id}`)} />}
          {(view === 'waiting_calls' || view === 'abandoned_calls') && (
            <div className="queue-calls">
              <IncomingCalls onTake={(c) => navigate('/operator', { state: { call: c } })} linked={null} />
            </div>
          )}
        </Card>
      </div>
    </AppShell>
  );
}
