/**
 * A workspace queue as cards (finger-sized on a tablet): light, number, state, flags, place,
 * what the citizen said, and the running deadline.
 */
import { Empty, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../../../shared/i18n';
import type { TicketSummary } from '../../../../shared/schemas/ticket';
import { useI18n } from '../../lib/i18n';
import { LightTag } from './deadline';
import { shortTime, spanText, useNow } from './time';

export function DueText({ ticket }: { ticket: TicketSummary }) {
  const { t } = useI18n();
  const now = useNow();
  if (!ticket.dueAt || !ticket.clockKind) return null;
  const left = new Date(ticket.dueAt).getTime() - now;
  return (
    <span className={left < 0 ? 'q-due over' : 'q-due'}>
      {t(`clock.${ticket.clockKind}` as MessageKey)} {t('deadline.due', { time: shortTime(ticket.dueAt) })} ·{' '}
      {left >= 0 ? t('deadline.left', { left: spanText(left, t) }) : t('deadline.over', { left: spanText(left, t) })}
    </span>
  );
}

export interface QueueListProps {
  tickets: TicketSummary[];
  selectedId: number | null;
  onSelect(id: number): void;
  testId: string;
  fresh?: Set<number>;
  /** A line under the description (defaults to the running deadline). */
  extra?: (t: TicketSummary) => ReactNode;
  /** Tags after the number. */
  tags?: (t: TicketSummary) => ReactNode;
}

export function QueueList({ tickets, selectedId, onSelect, testId, fresh, extra, tags }: QueueListProps) {
  const { t } = useI18n();
  if (tickets.length === 0) return <Empty className="q-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ws.empty')} data-testid={testId} />;
  return (
    <div className="q-list" data-testid={testId}>
      {tickets.map((ticket) => (
        <div
          key={ticket.id}
          role="button"
          tabIndex={0}
          className={['q-item', ticket.id === selectedId ? 'selected' : '', fresh?.has(ticket.id) ? 'row-fresh' : ''].join(' ')}
          data-testid="queue-item"
          data-number={ticket.number}
          data-light={ticket.light ?? ''}
          onClick={() => onSelect(ticket.id)}
          onKeyDown={(e) => e.key === 'Enter' && onSelect(ticket.id)}
        >
          <div className="q-row1">
            <LightTag light={ticket.light} />
            <span className="mono q-number">{ticket.number}</span>
            <Tag>{t(`state.${ticket.state}` as MessageKey)}</Tag>
            {ticket.round > 1 && <Tag>{t('field.round', { n: ticket.round })}</Tag>}
            {ticket.warning && <Tag color="volcano">{t('tag.warning')}</Tag>}
            {tags?.(ticket)}
          </div>
          <div className="q-row2">{ticket.address}</div>
          <div className="q-row3">{ticket.description}</div>
          <div className="q-row4">{extra ? extra(ticket) : <DueText ticket={ticket} />}</div>
        </div>
      ))}
    </div>
  );
}
