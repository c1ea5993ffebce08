/** Lights (002 附件1) and deadlines as the workspaces show them: colour, due time, time left. */
import { Tag } from 'antd';
import type { MessageKey } from '../../../../shared/i18n';
import type { DeadlineView, TicketDeadlines } from '../../../../shared/schemas/workspaces';
import { useI18n } from '../../lib/i18n';
import { shortTime, spanText, useNow } from './time';

/** Most urgent first: the order queues sort by. */
export const LIGHT_ORDER = ['overdue', 'red', 'yellow', 'warning', 'normal'] as const;

export const LIGHT_COLOR: Record<string, string> = {
  normal: 'green',
  warning: 'blue',
  yellow: 'gold',
  red: 'red',
  overdue: '#7f1d1d',
};

export function lightRank(light: string | null | undefined): number {
  const i = LIGHT_ORDER.indexOf((light ?? 'normal') as (typeof LIGHT_ORDER)[number]);
  return i === -1 ? LIGHT_ORDER.length : i;
}

export function LightTag({ light }: { light: string | null | undefined }) {
  const { t } = useI18n();
  if (!light) return null;
  return (
    <Tag color={LIGHT_COLOR[light] ?? 'default'} className={`light-tag light-${light}`} data-light={light}>
      {t(`light.${light}` as MessageKey)}
    </Tag>
  );
}

/** "先行联系 截止 11-24 23:59 · 剩余 5小时" with the light; met or late once done. */
export function DeadlineLine({ label, deadline, testId }: { label: string; deadline: DeadlineView | null | undefined; testId?: string }) {
  const { t } = useI18n();
  const now = useNow();
  if (!deadline) return null;
  const left = new Date(deadline.due).getTime() - now;
  let state: string;
  if (deadline.status === 'met') state = t('deadline.met');
  else if (deadline.status === 'late') state = t('deadline.late');
  else state = left >= 0 ? t('deadline.left', { left: spanText(left, t) }) : t('deadline.over', { left: spanText(left, t) });
  return (
    <div className={`deadline-line deadline-${deadline.status}`} data-testid={testId}>
      {deadline.status === 'running' ? <LightTag light={deadline.light} /> : <Tag color={deadline.status === 'met' ? 'green' : 'volcano'}>{state}</Tag>}
      <span className="deadline-label">{label}</span>
      <span className="deadline-due">{t('deadline.due', { time: shortTime(deadline.due) })}</span>
      {deadline.status === 'running' && <span className={left < 0 ? 'deadline-left over' : 'deadline-left'}>{state}</span>}
      {deadline.provisional && (
        // Issue 15: counted over holidays computed from the regulation, not a confirmed schedule; it may move once confirmed.
        <Tag color="orange" className="due-provisional" title={t('cal.provisionalDueHint')} data-testid="deadline-provisional">
          {t('cal.provisionalDue')}
        </Tag>
      )}
    </div>
  );
}

/**
 * The return window (000 三(二)): while open, a deadline like the others; once closed a fact, not a
 * missed deadline — grey and 已关闭, never a red 超时 (issue 16.8: nobody is late for a return they
 * did not need).
 */
export function ReturnWindowLine({ window, testId }: { window: NonNullable<TicketDeadlines['returnWindow']>; testId?: string }) {
  const { t } = useI18n();
  const label = t('clock.return_window');
  if (window.open) return <DeadlineLine label={label} deadline={{ due: window.due, light: 'normal', status: 'running' }} testId={testId} />;
  return (
    <div className="deadline-line deadline-closed" data-testid={testId}>
      <Tag color="default">{t('deadline.closed')}</Tag>
      <span className="deadline-label">{label}</span>
      <span className="deadline-due">{t('deadline.closedAt', { time: shortTime(window.due) })}</span>
    </div>
  );
}
