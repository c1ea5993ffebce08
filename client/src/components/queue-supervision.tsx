/** PRODUCT.md §7 "supervision open": the supervision sheets awaiting a reply or a decision (GET /api/supervisions). */
import { Table, Tag } from 'antd';
import type { MessageKey } from '../../../shared/i18n';
import type { SupervisionView } from '../../../shared/schemas/supervision';
import { useI18n } from '../lib/i18n';
import { LightTag } from './action-forms/deadline';
import { shortTime } from './action-forms/time';

/** The fields of a supervision sheet this list shows (the sheet itself is issue 8's). */
export type OpenSupervision = Pick<SupervisionView, 'id' | 'number' | 'type' | 'state' | 'unitName' | 'ticket' | 'dueAt' | 'light'>;

export function QueueSupervision({ items, onOpen }: { items: OpenSupervision[]; onOpen(s: OpenSupervision): void }) {
  const { t } = useI18n();
  return (
    <Table<OpenSupervision>
      data-testid="supervision-queue"
      size="small"
      rowKey="id"
      dataSource={[...items].sort((a, b) => a.dueAt.localeCompare(b.dueAt))}
      pagination={false}
      scroll={{ y: 'calc(100vh - 300px)' }}
      locale={{ emptyText: t('queue.empty') }}
      onRow={(r) => ({ tabIndex: 0, className: 'row-open', onClick: () => onOpen(r), onKeyDown: (e) => e.key === 'Enter' && onOpen(r) })}
      columns={[
        { title: t('queue.supervision.number'), dataIndex: 'number', width: 130, render: (n: string) => <span className="mono">{n}</span> },
        { title: t('queue.type'), dataIndex: 'type', width: 110, render: (v: string) => t(`queue.supervision.type.${v}` as MessageKey) },
        { title: t('queue.state'), dataIndex: 'state', width: 90, render: (v: string) => <Tag>{t(`queue.supervision.state.${v}` as MessageKey)}</Tag> },
        { title: t('queue.unit'), dataIndex: 'unitName', ellipsis: true },
        { title: t('queue.number'), dataIndex: ['ticket', 'number'], width: 150, render: (n: string) => <span className="mono">{n}</span> },
        { title: t('console.light'), dataIndex: 'light', width: 70, render: (l: string) => <LightTag light={l} /> },
        { title: t('queue.supervision.due'), dataIndex: 'dueAt', width: 110, render: (d: string) => shortTime(d) },
      ]}
    />
  );
}
