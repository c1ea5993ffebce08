/** The lists behind the report's figures: overdue clocks, supervision, hot spots, repeats, returns. */
import { Card, Col, Empty, List, Row, Table, Tabs, Tag } from 'antd';
import type { MessageKey } from '../../../shared/i18n';
import type { CountRow, HotSpotRow, OverdueRow, RepeatRow, Report, ReturnRow, SupervisionReportRow } from '../../../shared/schemas/reports';
import { fullTime } from '../components/action-forms/time';
import { KeyboardScroll } from '../components/keyboard-scroll';
import { useI18n } from '../lib/i18n';
import { labelOf } from './reports-data';

export function ReportTables({ report }: { report: Report }) {
  const { t } = useI18n();
  const count = (n: number) => <Tag>{n}</Tag>;
  return (
    <Card size="small" className="report-lists">
      <Tabs
        size="small"
        items={[
          { key: 'volumes', label: t('rpt.volumes'), children: <Volumes report={report} /> },
          {
            key: 'overdue',
            label: (
              <span>
                {t('rpt.overdueList')} {count(report.overdueList.length)}
              </span>
            ),
            children: <OverdueTable rows={report.overdueList} />,
          },
          {
            key: 'supervision',
            label: (
              <span>
                {t('rpt.supervisionList')} {count(report.supervisionList.length)}
              </span>
            ),
            children: <SupervisionTable rows={report.supervisionList} />,
          },
          { key: 'hot', label: t('rpt.hotSpots'), children: <HotSpots spots={report.hotSpots} /> },
          {
            key: 'repeats',
            label: (
              <span>
                {t('rpt.repeatsList')} {count(report.repeatsList.length)}
              </span>
            ),
            children: <RepeatsTable rows={report.repeatsList} />,
          },
          {
            key: 'returns',
            label: (
              <span>
                {t('rpt.returnsList')} {count(report.returnsList.length)}
              </span>
            ),
            children: <ReturnsTable rows={report.returnsList} />,
          },
        ]}
      />
    </Card>
  );
}

/** R1 and R3 in full: by type, by community (居委会/村), by lead unit. */
function Volumes({ report }: { report: Report }) {
  const { t, locale } = useI18n();
  const f = report.current;
  const table = (title: string, rows: CountRow[], total: number, prefix: string, testId: string) => (
    <Col span={8}>
      <KeyboardScroll label={title}>
        <Table<CountRow>
          size="small"
          rowKey="key"
          data-testid={testId}
          dataSource={rows}
          pagination={false}
          scroll={{ y: 260 }}
          locale={{ emptyText: t('rpt.empty') }}
          columns={[
            { title, dataIndex: 'label', ellipsis: true, render: (l: string, r) => labelOf(locale, prefix, r.key, l) },
            { title: t('rpt.count'), dataIndex: 'count', width: 64 },
            { title: '%', width: 64, render: (_: unknown, r) => (total ? `${((r.count / total) * 100).toFixed(1)}%` : '—') },
          ]}
        />
      </KeyboardScroll>
    </Col>
  );
  return (
    <Row gutter={10}>
      {table(t('queue.type'), f.byType, f.received, 'type', 'by-type')}
      {table(t('rpt.chart.community'), f.byCommunity, f.received, 'community', 'by-community')}
      {table(t('rpt.dispatched'), f.byUnit, f.dispatched, 'unit', 'by-unit')}
    </Row>
  );
}

const ticketLink = (number: string, id: number) => (
  <a className="mono" href={`/tickets/${id}`}>
    {number}
  </a>
);

export function OverdueTable({ rows }: { rows: OverdueRow[] }) {
  const { t } = useI18n();
  return (
    <Table<OverdueRow>
      size="small"
      rowKey={(r) => `${r.clock}-${r.ticketId}-${r.due}`}
      dataSource={rows}
      pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: t('rpt.empty') }}
      data-testid="overdue-table"
      columns={[
        { title: t('rpt.clockCol'), dataIndex: 'clock', width: 96, render: (c: OverdueRow['clock']) => t(`rpt.clock.${c}`) },
        { title: t('rpt.ticket'), dataIndex: 'ticketNumber', width: 150, render: (n: string, r) => ticketLink(n, r.ticketId) },
        { title: t('rpt.unit'), dataIndex: 'unitName', ellipsis: true },
        { title: t('rpt.startedAt'), dataIndex: 'startedAt', width: 140, render: fullTime },
        { title: t('rpt.due'), dataIndex: 'due', width: 140, render: fullTime },
        { title: t('rpt.done'), dataIndex: 'doneAt', width: 140, render: (d: string | null) => (d ? fullTime(d) : <Tag color="red">{t('rpt.notDone')}</Tag>) },
      ]}
    />
  );
}

function SupervisionTable({ rows }: { rows: SupervisionReportRow[] }) {
  const { t } = useI18n();
  return (
    <Table<SupervisionReportRow>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: t('rpt.empty') }}
      columns={[
        {
          title: t('sup.number'),
          dataIndex: 'number',
          width: 120,
          render: (n: string, r) => (
            <a href={`/supervision?id=${r.id}`} className="mono">
              {n}
            </a>
          ),
        },
        { title: t('sup.type'), dataIndex: 'type', width: 120, render: (v: string) => t(`sup.type.${v}` as MessageKey) },
        { title: t('sup.state'), dataIndex: 'state', width: 110, render: (v: string) => t(`sup.state.${v}` as MessageKey) },
        { title: t('sup.unit'), dataIndex: 'unitName', ellipsis: true },
        { title: t('rpt.ticket'), dataIndex: 'ticketNumber', width: 150, render: (n: string) => <span className="mono">{n}</span> },
        { title: t('sup.due'), dataIndex: 'dueAt', width: 140, render: fullTime },
        {
          title: t('sup.onTime'),
          dataIndex: 'onTime',
          width: 90,
          render: (v: boolean | null) => (v === null ? '—' : v ? <Tag color="green">{t('sup.onTime')}</Tag> : <Tag color="red">{t('sup.late')}</Tag>),
        },
      ]}
    />
  );
}

export function HotSpots({ spots }: { spots: Report['hotSpots'] }) {
  const { t, locale } = useI18n();
  const list = (title: string, rows: HotSpotRow[], prefix: string) => (
    <Col span={12}>
      <Card size="small" type="inner" title={title}>
        {rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rpt.empty')} />
        ) : (
          <List
            size="small"
            dataSource={rows}
            renderItem={(r, i) => (
              <List.Item>
                <span>
                  <Tag color={i === 0 ? 'red' : 'orange'}>{i + 1}</Tag>
                  {labelOf(locale, prefix, r.key, r.label)}
                </span>
                <span className="rpt-muted">{t('rpt.hot.change', { count: r.count, previous: r.previous, change: r.change })}</span>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Col>
  );
  return (
    <Row gutter={10} data-testid="hot-spots">
      {list(t('rpt.hot.category'), spots.categories, 'category')}
      {list(t('rpt.hot.place'), spots.places, 'community')}
    </Row>
  );
}

export function RepeatsTable({ rows }: { rows: RepeatRow[] }) {
  const { t, locale } = useI18n();
  return (
    <Table<RepeatRow>
      size="small"
      rowKey="ticketId"
      dataSource={rows}
      pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: t('rpt.empty') }}
      columns={[
        { title: t('rpt.ticket'), dataIndex: 'ticketNumber', width: 150, render: (n: string, r) => ticketLink(n, r.ticketId) },
        { title: t('queue.callAt'), dataIndex: 'callAt', width: 140, render: fullTime },
        {
          title: t('rpt.chart.category'),
          dataIndex: 'categoryLabel',
          width: 130,
          render: (l: string, r) => labelOf(locale, 'category', r.categoryCode ?? 'uncategorised', l),
        },
        { title: t('queue.address'), dataIndex: 'address', ellipsis: true },
        {
          title: t('intake.contactPhone'),
          dataIndex: 'phoneMasked',
          width: 120,
          render: (p: string | null) => (p === null ? t('reveal.noPhone') : <span className="mono">{p}</span>),
        },
        { title: '', dataIndex: 'reasons', width: 150, render: (rs: string[]) => rs.map((r) => <Tag key={r}>{labelOf(locale, 'rpt.reason', r, r)}</Tag>) },
        { title: '', dataIndex: 'earlierTicketNumbers', width: 160, render: (ns: string[]) => <span className="mono">{ns.join(' ')}</span> },
      ]}
    />
  );
}

function ReturnsTable({ rows }: { rows: ReturnRow[] }) {
  const { t } = useI18n();
  const color = { approved: 'green', rejected: 'red', pending: 'gold' } as const;
  return (
    <Table<ReturnRow>
      size="small"
      rowKey={(r) => `${r.ticketId}-${r.at}`}
      dataSource={rows}
      pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: t('rpt.empty') }}
      columns={[
        { title: t('rpt.ticket'), dataIndex: 'ticketNumber', width: 150, render: (n: string, r) => ticketLink(n, r.ticketId) },
        { title: t('rpt.unit'), dataIndex: 'unitName', width: 180, ellipsis: true },
        { title: t('rpt.startedAt'), dataIndex: 'at', width: 140, render: fullTime },
        { title: '', dataIndex: 'reason', ellipsis: true },
        { title: '', dataIndex: 'decision', width: 90, render: (d: ReturnRow['decision']) => <Tag color={color[d]}>{t(`rpt.decision.${d}`)}</Tag> },
      ]}
    />
  );
}
