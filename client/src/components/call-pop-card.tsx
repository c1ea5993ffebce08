/** One waiting call's screen pop: the caller's number, how long they wait, their history, "接听". */
import { Button, Tag } from 'antd';
import type { MessageKey } from '../../../shared/i18n';
import type { CallDetail, CallView } from '../../../shared/schemas/call';
import { useI18n } from '../lib/i18n';
import { shortTime } from './action-forms/time';

export const mmss = (seconds: number) => {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export const secondsSince = (iso: string | null, now: number) => (iso ? (now - Date.parse(iso)) / 1000 : 0);

export function CallPopCard({
  call,
  detail,
  now,
  busy,
  onTake,
}: {
  call: CallView;
  detail: CallDetail | undefined;
  now: number;
  busy: boolean;
  onTake(): void;
}) {
  const { t } = useI18n();
  const number = detail?.call.citizenPhone ?? call.citizenPhoneMasked;
  const history = detail?.history;
  const repeat = history ? history.tickets.length + history.calls.length > 0 : false;
  return (
    <div className="call-pop" data-testid="incoming-call" data-call-id={call.id}>
      <div className="call-pop-head">
        <span className="call-pop-number mono" data-testid="caller-number">
          {number ?? t('calls.withheld')}
        </span>
        {history && <Tag color={repeat ? 'orange' : 'default'}>{repeat ? t('calls.repeatCaller') : t('calls.firstCall')}</Tag>}
        <span className="call-pop-wait">{t('calls.waited', { time: mmss(secondsSince(call.queuedAt, now)) })}</span>
        <Button type="primary" size="small" loading={busy} onClick={onTake} data-testid="take-call">
          {t('calls.take')}
        </Button>
      </div>
      {history && repeat && (
        <div className="call-pop-history" data-testid="caller-history">
          <div className="call-pop-counts">
            {t('calls.historyTickets', { n: history.tickets.length })} · {t('calls.historyCalls', { n: history.calls.length })}
          </div>
          {history.tickets.slice(0, 3).map((x) => (
            <div key={x.id} className="call-pop-ticket">
              <span className="mono">{x.number}</span>
              <Tag>{t(`state.${x.state}` as MessageKey)}</Tag>
              <span className="call-pop-desc">{x.description}</span>
            </div>
          ))}
          {history.calls.length > 0 && (
            <div className="call-pop-calls">
              {history.calls.slice(0, 4).map((c) => (
                <span key={c.id}>
                  {shortTime(c.queuedAt ?? c.createdAt)} {t(`calls.direction.${c.direction}`)}·{t(`calls.status.${c.status}`)}
                </span>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
