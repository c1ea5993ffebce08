/**
 * The supervisor wallboard (PRODUCT.md §7): calls waiting and the longest wait; today's offered,
 * answered and abandoned calls, service level within 20 s, average speed of answer; operators by
 * status; tickets per state and light; overdue by unit; revisit backlog; satisfaction today and
 * this month; cluster alerts. Big numbers on a dark screen, readable from across the room; every
 * figure from GET /api/wallboard, read again as the live stream moves.
 */
import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { formatShanghai } from '../../../shared/calendar/shanghai';
import type { MessageKey } from '../../../shared/i18n';
import type { PresenceStatus } from '../../../shared/schemas/presence';
import type { SatisfactionFigures, WallboardSnapshot } from '../../../shared/schemas/wallboard';
import { slotLabel } from '../../../shared/staffing/forecast';
import { serverNow, shortTime } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { mmss } from '../components/call-pop-card';
import { useI18n } from '../lib/i18n';
import { PRESENCE_COLOR } from './operator-presence';
import { labelOf } from './reports-data';
import { ColumnChart, RingChart, RowChart } from './wallboard-charts';
import { useWallboard } from './wallboard-data';

const STATE_COLOR: Record<'registered' | 'dispatched' | 'in_progress' | 'replied', string> = {
  registered: '#94a3b8',
  dispatched: '#3b82f6',
  in_progress: '#06b6d4',
  replied: '#a855f7',
};
const LIGHT_COLOR: Record<'normal' | 'warning' | 'yellow' | 'red' | 'overdue', string> = {
  normal: '#22c55e',
  warning: '#3b82f6',
  yellow: '#eab308',
  red: '#ef4444',
  overdue: '#991b1b',
};
const PRESENCE_ORDER: PresenceStatus[] = ['available', 'on_call', 'wrap_up', 'break', 'offline'];

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

function Tile({ label, value, sub, tone, testId }: { label: string; value: string | number; sub?: string; tone?: 'good' | 'warn' | 'bad'; testId: string }) {
  return (
    <div className={`wb-tile ${tone ? `wb-${tone}` : ''}`}>
      <div className="wb-label">{label}</div>
      <div className="wb-value" data-testid={testId}>
        {value}
      </div>
      {sub && (
        <div className="wb-sub" title={sub}>
          {sub}
        </div>
      )}
    </div>
  );
}

function Panel({
  title,
  children,
  className,
  extra,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  className?: string;
  extra?: React.ReactNode;
  testId?: string;
}) {
  return (
    <section className={`wb-panel ${className ?? ''}`} data-testid={testId}>
      <header className="wb-panel-head">
        <span>{title}</span>
        {extra}
      </header>
      <div className="wb-panel-body">{children}</div>
    </section>
  );
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

function useClock(ms = 1000): number {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return serverNow().getTime();
}

function Satisfaction({ label, f, testId, t }: { label: string; f: SatisfactionFigures; testId: string; t: T }) {
  return (
    <div className="wb-sat">
      <div className="wb-label">{label}</div>
      <div className={`wb-value ${f.rate !== null && f.rate < 0.9 ? 'wb-text-bad' : ''}`} data-testid={testId}>
        {pct(f.rate)}
      </div>
      <div className="wb-sub">{t('wb.satisfactionSub', { n: f.evaluated, s: f.satisfied, b: f.basicallySatisfied, d: f.dissatisfied })}</div>
    </div>
  );
}

export function WallboardPage() {
  const { t } = useI18n();
  const { board, status, freshClusters, readAt } = useWallboard();
  const now = useClock();
  const stale = status !== 'live' && board !== null;
  return (
    <AppShell>
      <div className={stale ? 'wallboard wb-stale' : 'wallboard'} data-testid="wallboard">
        {stale && (
          // Numbers nobody can trust must not look current on a wall.
          <div className="wb-stale-banner" data-testid="wb-stale">
            {t('wb.stale', {
              time: readAt ? formatShanghai(readAt, 'clock') : '—',
            })}
          </div>
        )}
        {board?.calendarAwaiting.map((year) => (
          // Issue 15: from 1 November until the year's published schedule is confirmed.
          <div key={year} className="wb-calendar-banner" data-testid="wb-calendar-awaiting">
            {t('wb.awaiting', { year })}
          </div>
        ))}
        {board ? <Board board={board} now={now} freshClusters={freshClusters} t={t} /> : <Spin size="large" className="wb-loading" />}
      </div>
    </AppShell>
  );
}

/** Issue 18.4: operators on the phones against this half-hour's requirement; today's forecast against today's calls. */
function StaffingTiles({ s, t }: { s: WallboardSnapshot['staffing']; t: T }) {
  const short = s.operatorsNow < s.requiredNow;
  const drift = s.forecastSoFar > 0 ? (s.actualToday - s.forecastSoFar) / s.forecastSoFar : null;
  return (
    <>
      <Tile
        label={t('wb.staffedNow')}
        value={`${s.operatorsNow} / ${s.requiredNow}`}
        testId="wb-staffed-now"
        tone={short ? 'bad' : 'good'}
        sub={t('wb.staffedNowSub', { a: s.availableNow, f: s.forecastNow, slot: slotLabel(s.slot) })}
      />
      <Tile
        label={t('wb.forecastToday')}
        value={`${s.actualToday} / ${Math.round(s.forecastSoFar)}`}
        testId="wb-forecast-today"
        tone={drift !== null && drift > 0.2 ? 'warn' : undefined}
        sub={t('wb.forecastTodaySub', { n: Math.round(s.forecastToday) })}
      />
    </>
  );
}

function Board({ board, now, freshClusters, t }: { board: WallboardSnapshot; now: number; freshClusters: Set<number>; t: T }) {
  const { locale } = useI18n();
  const c = board.calls;
  const longest = c.oldestQueuedAt ? Math.max(0, (now - Date.parse(c.oldestQueuedAt)) / 1000) : null;
  const sl = c.serviceLevel;
  const byState = (['registered', 'dispatched', 'in_progress', 'replied'] as const).map((s) => ({
    label: t(`state.${s}`),
    value: board.tickets.byState[s],
    color: STATE_COLOR[s],
  }));
  const byLight = (['normal', 'warning', 'yellow', 'red', 'overdue'] as const).map((l) => ({
    label: t(`light.${l}`),
    value: board.tickets.byLight[l],
    color: LIGHT_COLOR[l],
  }));
  const lit = byLight.reduce((n, b) => n + b.value, 0);
  const offered = c.offered;
  // Issue 16 item 12: with nothing overdue and no cluster alert, those two panels shrink to a line
  // and the charts above take the room; the moment either has something to say, it gets it back.
  const quiet = board.overdueByUnit.length === 0 && board.clusters.length === 0;
  return (
    <>
      <div className="wb-title-row">
        <span className="wb-title">{t('wb.title')}</span>
        <span className="wb-date" data-testid="wb-day">
          {board.day} {formatShanghai(now, 'clock')}
        </span>
      </div>
      <div className="wb-calls">
        <Tile label={t('wb.waiting')} value={c.waitingNow} testId="wb-calls-waiting" tone={c.waitingNow > 0 ? 'bad' : 'good'} />
        <Tile
          label={t('wb.longestWait')}
          value={longest === null ? '—' : mmss(longest)}
          testId="wb-longest-wait"
          tone={longest !== null && longest > c.targetSeconds ? 'bad' : undefined}
        />
        <Tile label={t('wb.offered')} value={offered} testId="wb-offered" />
        <Tile label={t('wb.answered')} value={c.answered} testId="wb-answered" tone="good" />
        <Tile
          label={t('wb.abandoned')}
          value={c.abandoned}
          testId="wb-abandoned"
          tone={c.abandoned > 0 ? 'warn' : undefined}
          sub={offered ? t('wb.ofOffered', { p: pct(c.abandoned / offered) }) : undefined}
        />
        <Tile
          label={t('wb.serviceLevel', { s: c.targetSeconds })}
          value={pct(sl)}
          testId="wb-service-level"
          tone={sl === null ? undefined : sl >= 0.8 ? 'good' : 'bad'}
        />
        <Tile label={t('wb.asa')} value={c.averageSpeedOfAnswer === null ? '—' : t('wb.seconds', { n: Math.round(c.averageSpeedOfAnswer) })} testId="wb-asa" />
        <StaffingTiles s={board.staffing} t={t} />
      </div>
      <div className={quiet ? 'wb-grid wb-grid-quiet' : 'wb-grid'} data-testid="wb-grid" data-quiet={quiet ? 'yes' : 'no'}>
        <Panel title={t('wb.operators')} className="wb-operators">
          <div className="wb-presence">
            {PRESENCE_ORDER.map((s) => (
              <div key={s} className="wb-presence-cell">
                <span className="wb-presence-n" style={{ color: PRESENCE_COLOR[s] }} data-testid={`wb-presence-${s}`}>
                  {board.operators.counts[s]}
                </span>
                <span className="wb-label">{t(`presence.${s}`)}</span>
              </div>
            ))}
          </div>
          <div className="wb-names">
            {board.operators.list
              .filter((p) => p.status !== 'offline')
              .map((p) => (
                <span key={p.userId} className="wb-name" style={{ borderColor: PRESENCE_COLOR[p.status] }}>
                  <i style={{ background: PRESENCE_COLOR[p.status] }} />
                  {p.displayName.replace(/^话务员\s*/, '')}
                </span>
              ))}
          </div>
        </Panel>
        <Panel
          title={t('wb.ticketsByState')}
          className="wb-states"
          testId="wb-panel-states"
          extra={
            <span className="wb-today">
              {t('wb.todayRegistered')} <b data-testid="wb-today-registered">{board.tickets.today.registered}</b>
              <span className="wb-today-split" data-testid="wb-today-split">
                （{t('wb.fromCalls')} {board.tickets.today.fromCalls} · {t('wb.typedIn')} {board.tickets.today.registered - board.tickets.today.fromCalls}）
              </span>{' '}
              · {t('wb.todayDispatched')} <b data-testid="wb-today-dispatched">{board.tickets.today.dispatched}</b> · {t('wb.todayClosed')}{' '}
              <b>{board.tickets.today.closedOnCall}</b> · {t('wb.todayArchived')} <b>{board.tickets.today.archived}</b>
            </span>
          }
        >
          <ColumnChart bars={byState} testId="wb-chart-states" title={t('wb.ticketsByState')} />
          {/* The chart's numbers for screen readers (a canvas has no text). */}
          <ul className="sr-only">
            {(['registered', 'dispatched', 'in_progress', 'replied'] as const).map((s) => (
              <li key={s} data-testid={`wb-state-${s}`}>
                {board.tickets.byState[s]}
              </li>
            ))}
          </ul>
        </Panel>
        <Panel title={t('wb.lights')} className="wb-lights">
          {/* The names beside the ring, not around it: labels drawn outside the ring fell off the panel's edge (longer in English). */}
          <div className="wb-lights-body">
            <div className="wb-lights-ring">
              <RingChart bars={byLight} total={lit} caption={t('wb.running')} testId="wb-chart-lights" title={t('wb.lights')} labels={false} />
            </div>
            <ul className="wb-legend" data-testid="wb-lights-legend">
              {byLight.map((b) => (
                <li key={b.label}>
                  <i style={{ background: b.color }} />
                  <span>{b.label}</span>
                  <b>{b.value}</b>
                </li>
              ))}
            </ul>
          </div>
        </Panel>
        <Panel
          title={t('wb.overdueByUnit')}
          className="wb-overdue"
          testId="wb-panel-overdue"
          extra={
            <span className={board.tickets.byLight.overdue > 0 ? 'wb-badge-bad' : 'wb-badge'} data-testid="wb-overdue">
              {board.tickets.byLight.overdue}
            </span>
          }
        >
          {board.overdueByUnit.length === 0 ? (
            <div className="wb-none">{t('wb.noOverdue')}</div>
          ) : (
            <RowChart
              bars={board.overdueByUnit.slice(0, 8).map((u) => ({ label: u.unitName, value: u.count, color: '#ef4444' }))}
              testId="wb-chart-overdue"
              title={t('wb.overdueByUnit')}
            />
          )}
        </Panel>
        <Panel title={t('wb.revisitAndSatisfaction')} className="wb-revisit">
          <div className="wb-revisit-grid">
            <div className="wb-sat">
              <div className="wb-label">{t('wb.revisitBacklog')}</div>
              <div className="wb-value" data-testid="wb-revisit-backlog">
                {board.revisit.backlog}
              </div>
              <div className={`wb-sub ${board.revisit.overdue > 0 ? 'wb-text-bad' : ''}`}>{t('wb.revisitOverdue', { n: board.revisit.overdue })}</div>
            </div>
            <Satisfaction label={t('wb.satisfactionToday')} f={board.satisfaction.today} testId="wb-satisfaction-today" t={t} />
            <Satisfaction label={t('wb.satisfactionMonth')} f={board.satisfaction.month} testId="wb-satisfaction-month" t={t} />
          </div>
        </Panel>
        <Panel
          title={t('wb.clusters')}
          className={`wb-clusters ${board.clusters.length ? 'wb-alerting' : ''}`}
          extra={<span className={board.clusters.length ? 'wb-badge-bad' : 'wb-badge'}>{board.clusters.length}</span>}
        >
          {board.clusters.length === 0 ? (
            <div className="wb-none">{t('wb.noClusters')}</div>
          ) : (
            <div className="wb-cluster-list" data-testid="wb-clusters">
              {board.clusters.map((k) => (
                <div key={k.id} className={`wb-cluster ${freshClusters.has(k.id) ? 'wb-flash' : ''}`}>
                  <strong>{k.placeName}</strong> · {labelOf(locale, 'category', k.categoryCode, k.categoryLabel)}
                  <span className="wb-cluster-n">{t('wb.callers', { n: k.callerCount })}</span>
                  <span className="wb-sub">{t('wb.lastAt', { time: shortTime(k.lastAt) })}</span>
                </div>
              ))}
            </div>
          )}
        </Panel>
      </div>
      <div className="wb-queues" data-testid="wb-queues">
        {(
          [
            'registered',
            'awaiting_acceptance',
            'awaiting_first_contact',
            'in_progress',
            'reply_review',
            'awaiting_revisit',
            'decisions',
            'supervision_open',
            'abandoned_calls',
          ] as const
        ).map((q) => (
          <span
            key={q}
            className={`wb-queue ${board.queues[q] > 0 && (q === 'registered' || q === 'decisions' || q === 'abandoned_calls') ? 'wb-text-warn' : ''}`}
          >
            {t(`queue.view.${q}`)} <b data-testid={`wb-queue-${q}`}>{board.queues[q]}</b>
          </span>
        ))}
      </div>
    </>
  );
}
