/** A ticket's state as a coloured tag, the same in every list. */
import { Tag } from 'antd';
import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../lib/i18n';

const STATE_COLOR: Record<string, string> = {
  registered: 'default',
  dispatched: 'blue',
  in_progress: 'processing',
  replied: 'purple',
  archived: 'green',
  closed_on_call: 'green',
  filed: 'cyan',
};

export function StateTag({ state }: { state: string }) {
  const { t } = useI18n();
  return <Tag color={STATE_COLOR[state] ?? 'default'}>{t(`state.${state}` as MessageKey)}</Tag>;
}
