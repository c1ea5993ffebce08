/**
 * /reports/print?month=… — the report as a printable page for leaders (PRODUCT.md §10 "a printable
 * page"): the comparison table, evaluations, units ranked with the bottom three, overdue and
 * supervision lists, hot spots. Plain tables, black on white, A4.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { MessageKey } from '../../../shared/i18n';
import { reportQuery } from '../api/reports';
import { fullTime } from '../components/action-forms/time';
import { errorText } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import { changeText, labelOf, percent, periodFromParams, periodQuery, rateText, shanghaiDay } from './reports-data';
import { FigureDefinitions } from './reports-help';

export function ReportsPrintPage() {
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const query = periodQuery(periodFromParams(params, shanghaiDay(new Date().toISOString())));
  const read = useQuery(reportQuery(query));
  const report = read.data ?? null;
  const error = read.error ? errorText(locale, read.error) : null;
  if (error) return <Result status="error" title={t('rpt.failed', { message: error })} />;
  if (!report) return <Spin fullscreen />;
  const f = report.current;
  const e = f.evaluations;
  return (
    <div className="report-print" data-testid="report-print">
      <div className="report-print-toolbar no-print">
        <Button type="primary" onClick={() => window.print()}>
          {t('rpt.printNow')}
        </Button>
        <Link to={`/reports?${query}`}>{t('rpt.back')}</Link>
      </div>
      <h1>{t('rpt.heading', { period: report.period.label })}</h1>
      <p className="report-print-meta">
        {report.period.from} — {report.period.to} · {t('rpt.generatedAt', { time: fullTime(report.generatedAt) })}
      </p>
      <table className="report-print-table">
        <thead>
          <tr>
            <th />
            <th>{report.period.label}</th>
            <th>{report.previous.period.label}</th>
            <th>{t('rpt.mom')}</th>
            <th>{report.yearAgo.period.label}</th>
            <th>{t('rpt.yoy')}</th>
          </tr>
        </thead>
        <tbody>
          {report.comparisons.map((c) => {
            const v = (x: number | null) => (c.kind === 'rate' ? percent(x) : (x ?? '—'));
            return (
              <tr key={c.key}>
                <th>{c.label}</th>
                <td>{v(c.current)}</td>
                <td>{v(c.previous)}</td>
                <td>{changeText(c, 'mom', locale)}</td>
                <td>{v(c.yearAgo)}</td>
                <td>{changeText(c, 'yoy', locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="report-print-note">
        {t('rpt.satisfaction')} {rateText(f.satisfactionRate)}（{f.satisfactionRate.num}/{f.satisfactionRate.den}）；{t('rpt.resolution')}{' '}
        {rateText(f.resolutionRate)}；{t('rpt.participation')} {rateText(f.participationRate)}；{t('rpt.excludedNote', { count: e.excluded })}
      </p>

      <h2>{t('rpt.units')}</h2>
      <table className="report-print-table">
        <thead>
          <tr>
            {(
              [
                'rpt.rank',
                'rpt.unit',
                'rpt.dispatched',
                'rpt.firstContact',
                'rpt.reply',
                'rpt.evaluations',
                'rpt.resolution',
                'rpt.satisfaction',
                'rpt.dissatisfiedCount',
                'rpt.overdue',
              ] as MessageKey[]
            ).map((k) => (
              <th key={k}>{t(k)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.units.map((u) => (
            <tr key={u.unitId} className={u.bottomThree ? 'bottom' : ''}>
              <td>{u.rank ?? '—'}</td>
              <td>
                {u.unitName}
                {u.bottomThree ? `（${t('rpt.bottomThree')}）` : ''}
              </td>
              <td>{u.dispatched}</td>
              <td>{rateText(u.firstContactOnTime)}</td>
              <td>{rateText(u.replyOnTime)}</td>
              <td>{u.evaluations}</td>
              <td>{rateText(u.resolutionRate)}</td>
              <td>{rateText(u.satisfactionRate)}</td>
              <td>{u.dissatisfied}</td>
              <td>{u.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.bottomThreeRunning && (
        <p className="report-print-note">
          {report.bottomThreeRunning.length ? t('rpt.running', { units: report.bottomThreeRunning.map((u) => u.unitName).join('、') }) : t('rpt.noRunning')}
        </p>
      )}

      <h2>{t('rpt.chart.category')}</h2>
      <p className="report-print-inline">{f.byCategory.map((r) => `${labelOf(locale, 'category', r.key, r.label)} ${r.count}`).join('；') || t('rpt.empty')}</p>
      <h2>{t('rpt.hotSpots')}</h2>
      <p className="report-print-inline">
        {[...report.hotSpots.categories, ...report.hotSpots.places].map((h) => `${h.label} ${h.previous}→${h.count}`).join('；') || t('rpt.empty')}
      </p>

      <h2>{t('rpt.overdueList')}</h2>
      <table className="report-print-table">
        <thead>
          <tr>
            <th>{t('rpt.clockCol')}</th>
            <th>{t('rpt.ticket')}</th>
            <th>{t('rpt.unit')}</th>
            <th>{t('rpt.due')}</th>
            <th>{t('rpt.done')}</th>
          </tr>
        </thead>
        <tbody>
          {report.overdueList.map((o) => (
            <tr key={`${o.clock}-${o.ticketId}-${o.due}`}>
              <td>{t(`rpt.clock.${o.clock}`)}</td>
              <td>{o.ticketNumber}</td>
              <td>{o.unitName}</td>
              <td>{fullTime(o.due)}</td>
              <td>{o.doneAt ? fullTime(o.doneAt) : t('rpt.notDone')}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('rpt.supervisionList')}</h2>
      <table className="report-print-table">
        <tbody>
          {report.supervisionList.map((s) => (
            <tr key={s.id}>
              <td>{s.number}</td>
              <td>{t(`sup.type.${s.type}` as MessageKey)}</td>
              <td>{t(`sup.state.${s.state}` as MessageKey)}</td>
              <td>{s.unitName}</td>
              <td>{s.ticketNumber}</td>
              <td>{s.onTime === null ? '—' : s.onTime ? t('sup.onTime') : t('sup.late')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <FigureDefinitions className="report-print-foot" />
    </div>
  );
}
