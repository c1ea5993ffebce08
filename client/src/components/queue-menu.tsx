/** The queues of PRODUCT.md §7 with their live counts; ↑/↓ and Enter move between them (antd Menu). */
import { Badge, Menu } from 'antd';
import type { QueueKey } from '../../../shared/console/queues';
import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../lib/i18n';

export type QueueView = 'all' | QueueKey;

/** Queues that need someone now: their counts are red when not zero. */
const URGENT = new Set<QueueView>(['registered', 'waiting_calls', 'abandoned_calls', 'decisions', 'reply_review']);

export function QueueMenu({
  views,
  counts,
  value,
  onChange,
}: {
  views: QueueView[];
  counts: Partial<Record<QueueView, number>>;
  value: QueueView;
  onChange(v: QueueView): void;
}) {
  const { t } = useI18n();
  return (
    <Menu
      className="queue-menu"
      data-testid="queue-menu"
      mode="inline"
      selectedKeys={[value]}
      onClick={(e) => onChange(e.key as QueueView)}
      items={views.map((v) => ({
        key: v,
        label: (
          <span className="queue-menu-item" data-testid={`queue-${v}`}>
            <span className="queue-menu-label" title={t(`queue.view.${v}` as MessageKey)}>
              {t(`queue.view.${v}` as MessageKey)}
            </span>
            <Badge
              data-testid={`queue-count-${v}`}
              count={counts[v] ?? 0}
              showZero
              overflowCount={9999}
              color={URGENT.has(v) && (counts[v] ?? 0) > 0 ? '#dc2626' : '#64748b'}
            />
          </span>
        ),
      }))}
    />
  );
}
