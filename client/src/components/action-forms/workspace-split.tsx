/** Queue beside the open ticket on a desk; one or the other on a tablet. */
import { Empty } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../lib/i18n';

export function WorkspaceSplit({ list, detail, hasSelection, narrow }: { list: ReactNode; detail: ReactNode; hasSelection: boolean; narrow: boolean }) {
  const { t } = useI18n();
  if (narrow) return <div className="ws-single">{hasSelection ? detail : list}</div>;
  return (
    <div className="ws-split">
      <div className="ws-list">{list}</div>
      <div className="ws-detail">{hasSelection ? detail : <Empty className="ws-pick" description={t('ws.pickTicket')} />}</div>
    </div>
  );
}
