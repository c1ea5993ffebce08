/**
 * 003 二(二)3 每周召开热线工作分析研判会: the week's dissatisfied tickets (with the citizen's words)
 * and the issues raised most, rising against the week before; repeats of the week.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, DatePicker, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { DissatisfiedRow } from '../../../shared/schemas/reports';
import { weeklyReviewQuery } from '../api/reports';
import { fullTime } from '../components/action-forms/time';
import { WithRule } from '../components/rule-hint';
import { errorText } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import { labelOf, periodLabel } from './reports-data';
import { HotSpots, RepeatsTable } from './reports-tables';

export function WeeklyReviewPanel({ week, onWeek }: { week: string; onWeek: (week: string) => void }) {
  const { t, locale } = useI18n();
  const read = useQuery(weeklyReviewQuery(week));
  const review = read.data ?? null;
  const error = read.error ? errorText(locale, read.error) : null;
  return (
    <div className="report-view" data-testid="weekly-review">
      <Card size="small" className="report-toolbar">
        <div className="report-toolbar-row">
          <Space>
            <Typography.Text strong>
              <WithRule text={t('rpt.weeklyTitle')} cite={[['003', '二(二)3']]} />
            </Typography.Text>
            <DatePicker allowClear={false} value={dayjs(week)} onChange={(d) => d && onWeek(d.format('YYYY-MM-DD'))} />
          </Space>
          {review && (
            <Typography.Text type="secondary">
              {periodLabel(locale, review.period)} · {t('rpt.weekReceived', { count: review.received, previous: review.previousReceived })}
            </Typography.Text>
          )}
        </div>
      </Card>
      {error && <Alert type="error" showIcon message={t('rpt.failed', { message: error })} />}
      {!review && !error && <Spin />}
      {review && (
        <Row gutter={[10, 10]}>
          <Col span={24}>
            <Card size="small" title={t('rpt.dissatisfied', { count: review.dissatisfied.length })}>
              <Table<DissatisfiedRow>
                size="small"
                rowKey={(r) => `${r.ticketId}-${r.revisitedAt}`}
                dataSource={review.dissatisfied}
                pagination={false}
                locale={{ emptyText: t('rpt.empty') }}
                data-testid="dissatisfied-table"
                columns={[
                  {
                    title: t('rpt.ticket'),
                    dataIndex: 'ticketNumber',
                    width: 150,
                    render: (n: string, r) => (
                      <a className="mono" href={`/tickets/${r.ticketId}`}>
                        {n}
                      </a>
                    ),
                  },
                  { title: t('queue.callAt'), dataIndex: 'revisitedAt', width: 130, render: fullTime },
                  {
                    title: t('rpt.chart.category'),
                    dataIndex: 'categoryLabel',
                    width: 110,
                    render: (l: string, r) => labelOf(locale, 'category', r.categoryCode ?? 'uncategorised', l),
                  },
                  { title: t('rpt.unit'), dataIndex: 'unitName', width: 150, ellipsis: true },
                  { title: t('queue.address'), dataIndex: 'address', width: 150, ellipsis: true },
                  { title: t('queue.description'), dataIndex: 'description', ellipsis: true },
                  {
                    title: t('rpt.words'),
                    dataIndex: 'words',
                    width: 200,
                    render: (w: string, r) => (
                      <Space size={4} wrap>
                        <span>{w || '—'}</span>
                        {r.excluded && <Tag color="purple">{t('rpt.excluded')}</Tag>}
                      </Space>
                    ),
                  },
                ]}
              />
            </Card>
          </Col>
          <Col span={24}>
            <HotSpots spots={review.hotSpots} />
          </Col>
          <Col span={24}>
            <Card size="small" title={t('rpt.repeatsList')}>
              <RepeatsTable rows={review.repeats} />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
