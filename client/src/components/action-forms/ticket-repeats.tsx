/**
 * Issue 16.8 (PRODUCT.md §5 repeats): how often the matter came before and the earlier tickets of
 * it this user may read — a liaison sees its own unit's, and only a count of the others. No caller's
 * name or number here; descriptions are masked as on the tickets' own pages (the server does both).
 */
import { Tag } from 'antd';
import { Link } from 'react-router';
import type { MessageKey } from '../../../../shared/i18n';
import type { TicketDetailView } from '../../../../shared/schemas/workspaces';
import { useI18n } from '../../lib/i18n';
import type { Unit } from '../../lib/units';
import { unitNameOf } from './ticket-info';
import { shortTime } from './time';

export function TicketRepeats({ ticket, units }: { ticket: TicketDetailView; units: Unit[] }) {
  const { t } = useI18n();
  const r = ticket.repeats;
  return (
    <section className="ticket-repeats" data-testid="ticket-repeats" data-count={r.count}>
      <h4 className="section-title">
        {t('repeats.title')}{' '}
        {r.count > 0 ? (
          <Tag color={r.count >= 3 ? 'volcano' : 'orange'} data-testid="repeat-count">
            {t('repeats.count', { n: r.count })}
          </Tag>
        ) : (
          <span className="muted" data-testid="repeat-count">
            {t('repeats.none')}
          </span>
        )}
      </h4>
      {r.earlier.length > 0 && (
        <ul className="repeat-list">
          {r.earlier.map((e) => (
            <li key={e.id} data-testid="repeat-item">
              <Link to={`/tickets/${e.id}`} className="mono">
                {e.number}
              </Link>
              <span className="muted">{shortTime(e.callAt)}</span>
              <Tag>{t(`state.${e.state}` as MessageKey)}</Tag>
              {e.categoryCode && <span>{t(`category.${e.categoryCode}` as MessageKey)}</span>}
              <span className="muted">{unitNameOf(units, e.leadUnitId)}</span>
              {e.reasons.map((why) => (
                <Tag key={why} color="blue" bordered={false}>
                  {t(`repeats.${why}`)}
                </Tag>
              ))}
              <div className="repeat-text">{e.description}</div>
            </li>
          ))}
        </ul>
      )}
      {r.hidden > 0 && (
        <div className="muted" data-testid="repeat-hidden">
          {t('repeats.hidden', { n: r.hidden })}
        </div>
      )}
    </section>
  );
}
