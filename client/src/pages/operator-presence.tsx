/** The operator's status (PRODUCT.md §7): available, on a call, wrap-up, break — offline when the console closes. */
import { Segmented, Tooltip } from 'antd';
import type { ChosenStatus, PresenceStatus } from '../../../shared/schemas/presence';
import { spanText, useNow } from '../components/action-forms/time';
import { useI18n } from '../lib/i18n';
import type { MyPresence } from '../lib/presence';

export const PRESENCE_COLOR: Record<PresenceStatus, string> = {
  available: '#16a34a',
  on_call: '#dc2626',
  wrap_up: '#d97706',
  break: '#6366f1',
  offline: '#6b7280',
};

const CHOICES: ChosenStatus[] = ['available', 'on_call', 'wrap_up', 'break'];

export function PresenceControl({ me }: { me: MyPresence }) {
  const { t } = useI18n();
  const now = useNow(30_000);
  const status = me.presence?.status ?? 'offline';
  const since = me.presence ? now - Date.parse(me.presence.since) : 0;
  return (
    <div className="presence-control" data-testid="presence" data-status={status}>
      <span className="presence-dot" style={{ background: PRESENCE_COLOR[status] }} />
      <Tooltip title={me.presence ? t('console.presenceSince', { span: spanText(since, t) }) : undefined}>
        <Segmented<ChosenStatus | 'offline'>
          size="small"
          value={status}
          onChange={(v) => void me.set(v as ChosenStatus)}
          options={[
            ...CHOICES.map((s) => ({ value: s, label: t(`presence.${s}`) })),
            ...(status === 'offline' ? [{ value: 'offline' as const, label: t('presence.offline'), disabled: true }] : []),
          ]}
        />
      </Tooltip>
    </div>
  );
}
