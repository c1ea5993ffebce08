/**
 * Tickets as a table (the supervisor's queues). Without `columns` it shows what it
 * always did; queues ask for the running clock's light and time left. With `onOpen`, a row opens
 * on click or Enter, and ↑/↓ move between rows, so a queue is worked from the keyboard.
 */
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { KeyboardEvent } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import type { TicketSummary } from '../../../shared/schemas/ticket';
import { useI18n } from '../lib/i18n';
import type { Unit } from '../lib/units';
import { LightTag } from './action-forms/deadline';
import { shortTime, spanText, useNow } from './action-forms/time';
import { onRowKey } from './row-keys';
import { StateTag } from './ticket-state';

export type TicketColumn = 'number' | 'type' | 'state' | 'category' | 'unit' | 'light' | 'due' | 'address' | 'description' | 'callAt';
const DEFAULT_COLUMNS: TicketColumn[] = ['number', 'type', 'state', 'unit', 'address', 'description', 'callAt'];

export interface TicketTableProps {
  tickets: TicketSummary[];
  units: Unit[];
  fresh: Set<number>;
  testId: string;
  /** Which columns, in order (default: number, type, state, unit, address, description, call time). */
  columns?: TicketColumn[];
  /** Opens a ticket (click or Enter on its row). */
  onOpen?: (ticket: TicketSummary) => void;
  /** CSS height of the scrolling body (default: the rest of the window). */
  height?: string;
  pageSize?: number;
}

export function TicketTable({ tickets, units, fresh, testId, columns = DEFAULT_COLUMNS, onOpen, height, pageSize = 50 }: TicketTableProps) {
  const { t } = useI18n();
  const now = useNow(30_000);
  const unitName = (id: number | null) => (id === null ? '—' : (units.find((u) => u.id === id)?.name ?? `#${id}`));
  const all: Record<TicketColumn, ColumnsType<TicketSummary>[number]> = {
    number: { key: 'number', title: t('queue.number'), dataIndex: 'number', width: 150, render: (n: string) => <span className="mono">{n}</span> },
    type: { key: 'type', title: t('queue.type'), dataIndex: 'type', width: 88, ellipsis: true, render: (v: string) => t(`type.${v}` as MessageKey) },
    state: {
      key: 'state',
      title: t('queue.state'),
      dataIndex: 'state',
      width: 90,
      render: (v: string) => <StateTag state={v} />,
    },
    category: {
      key: 'category',
      title: t('console.category'),
      dataIndex: 'categoryCode',
      width: 110,
      ellipsis: true,
      render: (c: string | null) => (c ? t(`category.${c}` as MessageKey) : '—'),
    },
    unit: { key: 'unit', title: t('queue.unit'), dataIndex: 'leadUnitId', width: 150, ellipsis: true, render: unitName },
    light: {
      key: 'light',
      title: t('console.light'),
      dataIndex: 'light',
      width: 78,
      render: (l: string | null, r) => (r.dueAt ? <LightTag light={r.dueAt && Date.parse(r.dueAt) < now ? 'overdue' : (l ?? 'normal')} /> : '—'),
    },
    due: {
      key: 'due',
      title: t('console.timeLeft'),
      dataIndex: 'dueAt',
      width: 196,
      render: (due: string | null, r) => {
        if (!due) return '—';
        const left = Date.parse(due) - now;
        return (
          <span className={left < 0 ? 'q-due over' : 'q-due'} data-testid="time-left">
            {r.clockKind ? `${t(`clock.${r.clockKind}` as MessageKey)} ` : ''}
            {left >= 0 ? t('deadline.left', { left: spanText(left, t) }) : t('deadline.over', { left: spanText(left, t) })}
            {r.dueProvisional && (
              // Issue 15: counted over holidays computed, not published; it may move once confirmed.
              <Tag color="orange" className="due-provisional" title={t('cal.provisionalDueHint')} data-testid="due-provisional">
                {t('cal.provisionalDue')}
              </Tag>
            )}
          </span>
        );
      },
    },
    address: { key: 'address', title: t('queue.address'), dataIndex: 'address', width: 130, ellipsis: true },
    description: { key: 'description', title: t('queue.description'), dataIndex: 'description', ellipsis: true },
    callAt: { key: 'callAt', title: t('queue.callAt'), dataIndex: 'callAt', width: 100, render: shortTime },
  };

  return (
    <Table<TicketSummary>
      data-testid={testId}
      size="small"
      rowKey="id"
      columns={columns.map((c) => all[c])}
      dataSource={tickets}
      pagination={{ pageSize, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
      rowClassName={(r) => [fresh.has(r.id) ? 'row-fresh' : '', onOpen ? 'row-open' : ''].join(' ')}
      onRow={
        onOpen
          ? (r) =>
              ({
                tabIndex: 0,
                'data-number': r.number,
                onClick: () => onOpen(r),
                onKeyDown: (e: KeyboardEvent<HTMLElement>) => onRowKey(e, () => onOpen(r)),
              }) as React.HTMLAttributes<HTMLElement>
          : (r) => ({ 'data-number': r.number }) as React.HTMLAttributes<HTMLElement>
      }
      locale={{ emptyText: t('queue.empty') }}
      scroll={{ y: height ?? 'calc(100vh - 210px)' }}
    />
  );
}
