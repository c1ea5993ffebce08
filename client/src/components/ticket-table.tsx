import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TicketSummary } from '../../../shared/schemas/ticket';
import type { MessageKey } from '../../../shared/i18n';
import { shanghaiTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import type { Unit } from '../lib/units';

const STATE_COLOR: Record<string, string> = {
  registered: 'default',
  dispatched: 'blue',
  in_progress: 'processing',
  replied: 'purple',
  archived: 'green',
  closed_on_call: 'green',
  filed: 'cyan',
};

export function TicketTable({ tickets, units, fresh, testId }: { tickets: TicketSummary[]; units: Unit[]; fresh: Set<number>; testId: string }) {
  const { t } = useI18n();
  const unitName = (id: number | null) => (id === null ? '—' : (units.find((u) => u.id === id)?.name ?? `#${id}`));
  const columns: ColumnsType<TicketSummary> = [
    { title: t('queue.number'), dataIndex: 'number', width: 150, render: (n: string) => <span className="mono">{n}</span> },
    { title: t('queue.type'), dataIndex: 'type', width: 88, render: (v: string) => t(`type.${v}` as MessageKey) },
    {
      title: t('queue.state'),
      dataIndex: 'state',
      width: 90,
      render: (v: string) => <Tag color={STATE_COLOR[v] ?? 'default'}>{t(`state.${v}` as MessageKey)}</Tag>,
    },
    { title: t('queue.unit'), dataIndex: 'leadUnitId', width: 150, ellipsis: true, render: unitName },
    { title: t('queue.address'), dataIndex: 'address', width: 150, ellipsis: true },
    { title: t('queue.description'), dataIndex: 'description', ellipsis: true },
    { title: t('queue.callAt'), dataIndex: 'callAt', width: 100, render: shanghaiTime },
  ];
  return (
    <Table<TicketSummary>
      data-testid={testId}
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={tickets}
      pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
      rowClassName={(r) => (fresh.has(r.id) ? 'row-fresh' : '')}
      locale={{ emptyText: t('queue.empty') }}
      scroll={{ y: 'calc(100vh - 210px)' }}
    />
  );
}
