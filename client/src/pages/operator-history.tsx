/**
 * The caller's history beside the form (PRODUCT.md §5 screen pop): earlier tickets from the same phone
 * and recent ones about the same address, how many are still open, and the repeats without
 * progress that make a supervision candidate (000 三(六)): counted by matter with the server's own
 * rule (shared/repeats/matter.ts, issue 15.5), from the description and category being typed.
 */
import { Alert, Empty, Tag, Typography } from 'antd';
import type { MessageKey } from '../../../shared/i18n';
import { historyRepeats } from '../../../shared/repeats/matter';
import { shortTime } from '../components/action-forms/time';
import { RuleHint } from '../components/rule-hint';
import { useI18n } from '../lib/i18n';
import type { CallerHistory } from './operator-suggest';
import { labelOf } from './reports-data';

export interface CallerHistoryPanelProps {
  history: CallerHistory | null;
  hasQuery: boolean;
  /** The call being registered: what the matter rule compares the earlier calls with. */
  matter: { description: string; categoryCode: string | null };
}

export function CallerHistoryPanel({ history, hasQuery, matter }: CallerHistoryPanelProps) {
  const { t, locale } = useI18n();
  if (!hasQuery) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('console.historyType')} />;
  if (!history) return <Typography.Text type="secondary">{t('console.historyLoading')}</Typography.Text>;
  const samePhone = history.tickets.filter((x) => x.reasons.includes('same_phone')).length;
  const repeats = historyRepeats(history, matter);
  const stuck = repeats.withoutProgress.length;
  return (
    <div className="history-panel" data-testid="caller-history-panel">
      <div className="history-summary">
        {history.phoneMasked && (
          <Tag color={samePhone > 0 ? 'orange' : 'green'} data-testid="repeat-count">
            {samePhone > 0 ? t('console.repeatCaller', { n: samePhone + 1 }) : t('console.firstCaller')}
          </Tag>
        )}
        <span>{t('console.historyCounts', { total: history.total, open: history.open, days: history.windowDays })}</span>
      </div>
      {stuck > 0 && (
        <Alert
          type={repeats.candidate ? 'error' : 'warning'}
          showIcon
          className="history-alert"
          data-testid="matter-repeats"
          title={
            <>
              {t(repeats.candidate ? 'console.matterCandidate' : 'console.withoutProgress', { n: stuck, threshold: history.supervisionRepeats })}{' '}
              <RuleHint
                cite={[
                  ['000', '三(六)'],
                  ['004', '二'],
                ]}
              />
            </>
          }
        />
      )}
      {history.tickets.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('console.historyNone')} />
      ) : (
        <div className="history-list">
          {history.tickets.map((x) => (
            <a key={x.id} className="history-item" href={`/tickets/${x.id}`} target="_blank" rel="noreferrer" data-testid="history-item">
              <div className="history-row1">
                <span className="mono">{x.number}</span>
                <Tag>{t(`state.${x.state}` as MessageKey)}</Tag>
                {x.reasons.map((r) => (
                  <Tag key={r} color={r === 'same_phone' ? 'orange' : 'blue'}>
                    {t(r === 'same_phone' ? 'console.samePhone' : 'console.sameAddress')}
                  </Tag>
                ))}
                <span className="history-when">{shortTime(x.createdAt)}</span>
              </div>
              <div className="history-row2">
                {x.categoryLabel ? `【${labelOf(locale, 'category', x.categoryCode ?? '', x.categoryLabel)}】` : ''}
                {x.address}
              </div>
              <div className="history-row3">{x.description}</div>
            </a>
          ))}
        </div>
      )}
    </div>
  );
}
