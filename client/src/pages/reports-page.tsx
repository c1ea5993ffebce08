/**
 * Reports for supervisors and leaders (PRODUCT.md §10): the monthly report (default: this month so far; last month one click away), any
 * week or period; figures with 环比 and 同比, charts, units ranked with the bottom three, the lists
 * behind the figures; Excel export and a printable page; and the weekly review list.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Drawer, Empty, Row, Segmented, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { shiftMonth } from '../../../shared/reports/period';
import type { ComparisonRow, CountRow, Report, UnitRow } from '../../../shared/schemas/reports';
import { reportQuery } from '../api/reports';
import { fullTime } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { KeyboardScroll } from '../components/keyboard-scroll';
import { WithRule } from '../components/rule-hint';
import { errorText } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import { changeText, labelOf, periodFromParams, periodLabel, periodQuery, rateText, useServerToday, type PeriodChoice, type PeriodKind } from './reports-data';

// ECharts is loaded with the reports only, not with every console page.
const charts = () => import('./reports-charts');
const DailyChart = lazy(() => charts().then((m) => ({ default: m.DailyChart })));
const CategoryChart = lazy(() => charts().then((m) => ({ default: m.CategoryChart })));
const SourceChart = lazy(() => charts().then((m) => ({ default: m.SourceChart })));
const UnitsChart = lazy(() => charts().then((m) => ({ default: m.UnitsChart })));
const Lazy = ({ height, children }: { height: number; children: ReactNode }) => <Suspense fallback={<div style={{ height }} />}>{children}</Suspense>;
import { FigureDefinitions } from './reports-help';
import { ReportTables } from './reports-tables';
import { WeeklyReviewPanel } from './reports-weekly';

const KPIS: {
  key: string;
  label: 'rpt.received' | 'rpt.dispatched' | 'rpt.firstContact' | 'rpt.reply' | 'rpt.revisit' | 'rpt.resolution' | 'rpt.satisfaction' | 'rpt.participation';
}[] = [
  { key: 'received', label: 'rpt.received' },
  { key: 'dispatched', label: 'rpt.dispatched' },
  { key: 'firstContactOnTime', label: 'rpt.firstContact' },
  { key: 'replyOnTime', label: 'rpt.reply' },
  { key: 'revisitOnTime', label: 'rpt.revisit' },
  { key: 'resolutionRate', label: 'rpt.resolution' },
  { key: 'satisfactionRate', label: 'rpt.satisfaction' },
  { key: 'participationRate', label: 'rpt.participation' },
];

export function ReportsPage() {
  const { t } = useI18n();
  const today = useServerToday();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'weekly' ? 'weekly' : 'report';
  if (!today) return <Spin fullscreen />;
  const period = periodFromParams(params, today);
  const choose = (p: PeriodChoice, nextTab = tab) =>
    setParams(new URLSearchParams([...new URLSearchParams(periodQuery(p)), ...(nextTab === 'weekly' ? [['tab', 'weekly']] : [])]));
  return (
    <AppShell>
      <Tabs
        className="report-tabs"
        activeKey={tab}
        onChange={(k) => choose(k === 'weekly' ? { ...period, kind: 'week' } : period, k)}
        items={[
          { key: 'report', label: t('rpt.tab.report'), children: <ReportView period={period} today={today} onChange={choose} /> },
          {
            key: 'weekly',
            label: t('rpt.tab.weekly'),
            children: <WeeklyReviewPanel week={period.week} onWeek={(week) => choose({ ...period, kind: 'week', week }, 'weekly')} />,
          },
        ]}
      />
    </AppShell>
  );
}

export function PeriodPicker({ period, onChange }: { period: PeriodChoice; onChange: (p: PeriodChoice) => void }) {
  const { t } = useI18n();
  const day = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
  return (
    <Space wrap>
      <Segmented
        value={period.kind}
        onChange={(v) => onChange({ ...period, kind: v as PeriodKind })}
        options={(['month', 'week', 'range'] as const).map((k) => ({ value: k, label: t(`rpt.kind.${k}`) }))}
        data-testid="period-kind"
      />
      {period.kind === 'month' && (
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${period.month}-01`)}
          onChange={(d) => d && onChange({ ...period, month: d.format('YYYY-MM') })}
          data-testid="period-month"
        />
      )}
      {/* Any day of the week: the server takes the Monday-to-Sunday week around it. */}
      {period.kind === 'week' && <DatePicker allowClear={false} value={dayjs(period.week)} onChange={(d) => d && onChange({ ...period, week: day(d) })} />}
      {period.kind === 'range' && (
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(period.from), dayjs(period.to)]}
          onChange={(r) => r?.[0] && r[1] && onChange({ ...period, from: day(r[0]), to: day(r[1]) })}
        />
      )}
    </Space>
  );
}

function ReportView({ period, today, onChange }: { period: PeriodChoice; today: string; onChange: (p: PeriodChoice) => void }) {
  const { t, locale } = useI18n();
  const [help, setHelp] = useState(false);
  const thisMonth = today.slice(0, 7);
  const month = (m: string) => onChange({ ...period, kind: 'month', month: m });
  const showing = period.kind === 'month' ? period.month : null;
  const query = periodQuery(period);
  // One read per period asked (computed on the server); the figures shown are always the period's.
  const read = useQuery(reportQuery(query));
  const error = read.error ? errorText(locale, read.error) : null;

  const label = (prefix: string) => (r: CountRow) => labelOf(locale, prefix, r.key, r.label);
  const current = read.data ?? null;
  return (
    <div className="report-view" data-testid="report-view" data-ready={current ? 'yes' : 'no'}>
      <Card size="small" className="report-toolbar">
        <div className="report-toolbar-row">
          <Space wrap>
            <PeriodPicker period={period} onChange={onChange} />
            <Button
              size="small"
              type={showing === thisMonth ? 'primary' : 'default'}
              ghost={showing === thisMonth}
              onClick={() => month(thisMonth)}
              data-testid="this-month"
            >
              {t('rpt.thisMonth')}
            </Button>
            <Button size="small" onClick={() => month(shiftMonth(thisMonth, -1))} data-testid="last-month">
              {t('rpt.lastMonth')}
            </Button>
          </Space>
          <Space wrap>
            {current && (
              <Typography.Text type="secondary" data-testid="report-generated">
                {periodLabel(locale, current.period)} · {t('rpt.generatedAt', { time: fullTime(current.generatedAt) })}
              </Typography.Text>
            )}
            <Button type="primary" href={`/api/reports/xlsx?${query}`} download data-testid="export-xlsx">
              {t('rpt.export')}
            </Button>
            <Link to={`/reports/print?${query}`} target="_blank" data-testid="print-link">
              <Button>{t('rpt.print')}</Button>
            </Link>
            <Button onClick={() => setHelp(true)} data-testid="report-help">
              {t('rpt.help')}
            </Button>
          </Space>
        </div>
      </Card>
      {error && <Alert type="error" showIcon message={t('rpt.failed', { message: error })} />}
      {!current && !error && (
        <Spin className="report-spin" tip={t('rpt.loading')}>
          <div style={{ height: 120 }} />
        </Spin>
      )}
      {current && <ReportBody report={current} label={label} />}
      <Drawer title={t('rpt.help.title')} open={help} onClose={() => setHelp(false)} size={460} data-testid="report-help-drawer">
        <FigureDefinitions />
      </Drawer>
    </div>
  );
}

function ReportBody({ report, label }: { report: Report; label: (prefix: string) => (r: CountRow) => string }) {
  const { t } = useI18n();
  const f = report.current;
  const row = (key: string) => report.comparisons.find((c) => c.key === key);
  return (
    <>
      <Row gutter={[8, 8]} className="report-kpis" wrap={false}>
        {KPIS.map((k) => (
          <Col key={k.key} flex="1 1 0" style={{ minWidth: 0 }}>
            <Kpi title={t(k.label)} row={row(k.key === 'received' ? 'received' : k.key)} value={kpiValue(report, k.key)} testId={`kpi-${k.key}`} />
          </Col>
        ))}
      </Row>
      {f.evaluations.excluded > 0 && <div className="report-note">{t('rpt.excludedNote', { count: f.evaluations.excluded })}</div>}
      {f.received === 0 && f.dispatched === 0 ? (
        <Card size="small">
          <Empty description={t('rpt.empty')} />
        </Card>
      ) : (
        <Row gutter={[10, 10]}>
          <Col span={10}>
            <Card size="small" title={t('rpt.chart.daily')}>
              <Lazy height={220}>
                <DailyChart daily={f.daily} />
              </Lazy>
            </Card>
          </Col>
          <Col span={8}>
            <Card size="small" title={t('rpt.chart.category')}>
              <Lazy height={220}>
                <CategoryChart rows={f.byCategory} label={label('category')} height={220} />
              </Lazy>
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small" title={t('rpt.chart.source')}>
              <Lazy height={220}>
                <SourceChart rows={f.bySource} label={label('rpt.source')} height={220} />
              </Lazy>
            </Card>
          </Col>
          <Col span={24}>
            <UnitsCard report={report} />
          </Col>
          <Col span={24}>
            <ReportTables report={report} />
          </Col>
        </Row>
      )}
    </>
  );
}

function kpiValue(report: Report, key: string): string {
  const f = report.current as unknown as Record<string, unknown>;
  const v = f[key];
  if (typeof v === 'number') return String(v);
  return rateText(v as Report['current']['replyOnTime']);
}

function Kpi({ title, value, row, testId }: { title: string; value: string; row: ComparisonRow | undefined; testId: string }) {
  const { t, locale } = useI18n();
  // Rates going up are good news; a change in volume is neither (shown neutral).
  const tone = (v: number | null | undefined) => (row?.kind !== 'rate' || v === null || v === undefined || v === 0 ? 'flat' : v > 0 ? 'up' : 'down');
  return (
    <Card size="small" className="kpi-card" data-testid={testId}>
      <div className="kpi-title">{title}</div>
      <div className="kpi-value">{value}</div>
      {row && (
        <div className="kpi-compare">
          <span className={`kpi-delta ${tone(row.mom)}`}>
            {t('rpt.mom')} {changeText(row, 'mom', locale)}
          </span>
          <span className={`kpi-delta ${tone(row.yoy)}`}>
            {t('rpt.yoy')} {changeText(row, 'yoy', locale)}
          </span>
        </div>
      )}
    </Card>
  );
}

function UnitsCard({ report }: { report: Report }) {
  const { t } = useI18n();
  const running = report.bottomThreeRunning;
  const columns = [
    { title: t('rpt.rank'), dataIndex: 'rank', width: 56, fixed: 'left' as const, render: (r: number | null) => r ?? '—' },
    {
      title: t('rpt.unit'),
      dataIndex: 'unitName',
      ellipsis: true,
      width: 136,
      fixed: 'left' as const,
      render: (name: string, u: UnitRow) => (
        <Space size={4}>
          <span>{name}</span>
          {u.bottomThree && <Tag color="red">{t('rpt.bottomThree')}</Tag>}
        </Space>
      ),
    },
    { title: t('rpt.dispatched'), dataIndex: 'dispatched', width: 104 },
    { title: t('rpt.firstContact'), width: 124, render: (_: unknown, u: UnitRow) => rateText(u.firstContactOnTime) },
    { title: t('rpt.reply'), width: 100, render: (_: unknown, u: UnitRow) => rateText(u.replyOnTime) },
    { title: t('rpt.evaluations'), dataIndex: 'evaluations', width: 80 },
    { title: t('rpt.resolution'), width: 92, render: (_: unknown, u: UnitRow) => rateText(u.resolutionRate) },
    { title: t('rpt.satisfaction'), width: 80, render: (_: unknown, u: UnitRow) => <strong>{rateText(u.satisfactionRate)}</strong> },
    // 003 二(二)3: the count beside the rate (the help drawer says what it counts).
    { title: t('rpt.dissatisfiedCount'), dataIndex: 'dissatisfied', width: 64 },
    { title: t('rpt.overdue'), dataIndex: 'overdue', width: 56 },
    // Issue 15.3, 001 五.1: units that did not accept on time.
    { title: t('rpt.acceptanceLate'), dataIndex: 'acceptanceLate', width: 64 },
  ];
  return (
    <Card size="small" title={t('rpt.units')} data-testid="units-card">
      {running !== null && (
        <Alert
          className="running-alert"
          type={running.length ? 'warning' : 'success'}
          showIcon
          data-testid="bottom-three-running"
          message={
            running.length ? (
              <WithRule text={t('rpt.running', { units: running.map((u) => u.unitName).join('、') })} cite={[['000', '二(九)']]} />
            ) : (
              t('rpt.noRunning')
            )
          }
        />
      )}
      <Row gutter={10}>
        <Col span={9}>
          <Lazy height={250}>
            <UnitsChart units={report.units} satisfaction={t('rpt.satisfaction')} resolution={t('rpt.resolution')} height={250} />
          </Lazy>
        </Col>
        <Col span={15}>
          <KeyboardScroll label={t('rpt.satisfaction')}>
            <Table<UnitRow>
              size="small"
              rowKey="unitId"
              columns={columns}
              dataSource={report.units}
              pagination={false}
              // The unit's name keeps its width; the figures scroll beside it (issue 15.3/15.8 added two columns).
              scroll={{ x: 1040, y: 232 }}
              rowClassName={(u) => (u.bottomThree ? 'row-bottom' : '')}
              data-testid="units-table"
            />
          </KeyboardScroll>
        </Col>
      </Row>
    </Card>
  );
}
