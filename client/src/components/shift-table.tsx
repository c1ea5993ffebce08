/**
 * The operator's shift: the tickets this operator registered, newest first, as a plain table —
 * number, state, call time. A row opens its ticket in a new tab on click or Enter; ↑/↓ move
 * between rows. Plain markup, not antd's Table: three read-only columns need none of its
 * sorting, filtering or virtual scrolling, and its code (≈ 56 KiB compressed with the tree,
 * menu and pagination it brings) was a tenth of the operator page's first load
 * (docs/decisions/first-load.md).
 */
import type { TicketSummary } from '../../../shared/schemas/ticket';
import { useI18n } from '../lib/i18n';
import { shortTime } from './action-forms/time';
import { onRowKey } from './row-keys';
import { StateTag } from './ticket-state';

export interface ShiftTableProps {
  tickets: TicketSummary[];
  fresh: Set<number>;
  onOpen(ticket: TicketSummary): void;
}

export function ShiftTable({ tickets, fresh, onOpen }: ShiftTableProps) {
  const { t } = useI18n();
  return (
    <div className="shift-scroll">
      <table className="shift-table" data-testid="operator-queue">
        <thead>
          <tr>
            <th scope="col">{t('queue.number')}</th>
            <th scope="col">{t('queue.state')}</th>
            <th scope="col">{t('queue.callAt')}</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <tr
              key={ticket.id}
              tabIndex={0}
              className={fresh.has(ticket.id) ? 'row-open row-fresh' : 'row-open'}
              data-number={ticket.number}
              onClick={() => onOpen(ticket)}
              onKeyDown={(e) => onRowKey(e, () => onOpen(ticket))}
            >
              <td className="mono">{ticket.number}</td>
              <td>
                <StateTag state={ticket.state} />
              </td>
              <td>{shortTime(ticket.callAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {tickets.length === 0 && <p className="shift-empty">{t('queue.empty')}</p>}
    </div>
  );
}
