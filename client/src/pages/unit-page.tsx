/**
 * The handling unit's workspace (PRODUCT.md §7): only the unit's tickets (the server sends nothing
 * else), as lead or assisting unit; the inbox by light, most urgent first; the open ticket
 * with its actions and deadlines beside it. Live: new dispatches, urges, send-backs and lights
 * arrive as alerts and the lists move without a reload.
 */
import { Card, Segmented, Space, Tag } from 'antd';
import { useState } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import type { TicketSummary } from '../../../shared/schemas/ticket';
import { lightRank, LIGHT_COLOR, LIGHT_ORDER } from '../components/action-forms/deadline';
import { DesktopAlerts } from '../components/action-forms/desktop-alerts';
import { QueueList } from '../components/action-forms/queue-list';
import { TicketPanel } from '../components/action-forms/ticket-panel';
import { useWorkspace } from '../components/action-forms/use-workspace';
import { WorkspaceSplit } from '../components/action-forms/workspace-split';
import { AppShell } from '../components/app-shell';
import { useI18n } from '../lib/i18n';
import { useLiveTickets } from '../lib/live';
import { useSession } from '../lib/session';
import { useUnits } from '../lib/units';

const OPEN = ['dispatched', 'in_progress', 'replied'];
type Tab = 'todo' | 'replied' | 'assist';

/** Most urgent light first, then the earliest due. */
export function byUrgency(a: TicketSummary, b: TicketSummary): number {
  return lightRank(a.light) - lightRank(b.light) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') || a.id - b.id;
}

export function UnitPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const units = useUnits();
  const ws = useWorkspace();
  // GET /api/tickets: for a liaison, only the unit's tickets.
  const live = useLiveTickets('open');
  const [tab, setTab] = useState<Tab>('todo');
  const [light, setLight] = useState<string>('all');
  const unitId = user?.unitId ?? null;

  // The server only sends this unit's tickets; the filters drop one moved away or closed.
  const open = live.tickets.filter((x) => OPEN.includes(x.state));
  const lead = open.filter((x) => x.leadUnitId === unitId);
  const lists: Record<Tab, TicketSummary[]> = {
    todo: lead.filter((x) => x.state !== 'replied'),
    replied: lead.filter((x) => x.state === 'replied'),
    assist: open.filter((x) => x.leadUnitId !== unitId && unitId !== null && x.assistUnitIds.includes(unitId)),
  };
  const current = lists[tab];
  const shown = (light === 'all' ? current : current.filter((x) => (x.light ?? 'normal') === light)).sort(byUrgency);
  const unitName = units.find((u) => u.id === unitId)?.name ?? '';

  const list = (
    <Card
      size="small"
      className="ws-card"
      title={
        <Space wrap size={[8, 4]}>
          <span>
            {t('ws.unitTitle')} · {unitName}
          </span>
          <DesktopAlerts permission={ws.alerts.desktop} enable={ws.alerts.enableDesktop} />
        </Space>
      }
    >
      <Segmented
        block
        value={tab}
        onChange={(v) => setTab(v as Tab)}
        data-testid="unit-tabs"
        options={(['todo', 'replied', 'assist'] as const).map((k) => ({
          value: k,
          label: `${t(k === 'todo' ? 'ws.tabTodo' : k === 'replied' ? 'ws.tabReplied' : 'ws.tabAssist')} ${lists[k].length}`,
        }))}
      />
      <div className="light-filter" data-testid="light-filter">
        <Tag.CheckableTag checked={light === 'all'} onChange={() => setLight('all')}>
          {t('ws.all')} {current.length}
        </Tag.CheckableTag>
        {LIGHT_ORDER.map((l) => {
          const n = current.filter((x) => (x.light ?? 'normal') === l).length;
          return (
            <Tag.CheckableTag key={l} checked={light === l} onChange={() => setLight(light === l ? 'all' : l)} data-testid={`light-${l}`}>
              <span className="light-dot" style={{ background: LIGHT_COLOR[l] === 'gold' ? '#eab308' : LIGHT_COLOR[l] }} />
              {t(`light.${l}` as MessageKey)} {n}
            </Tag.CheckableTag>
          );
        })}
      </div>
      <QueueList
        tickets={shown}
        selectedId={ws.selectedId}
        onSelect={ws.select}
        testId="unit-queue"
        fresh={live.fresh}
        tags={(x) =>
          unitId !== null && x.leadUnitId !== unitId ? (
            <Tag color="cyan">{t('tag.assist')}</Tag>
          ) : x.pending.length > 0 ? (
            <Tag color="orange">{t('tag.pending', { kinds: x.pending.map((k) => t(`request.${k}` as MessageKey)).join('、') })}</Tag>
          ) : null
        }
      />
    </Card>
  );

  return (
    <AppShell>
      <WorkspaceSplit
        narrow={ws.narrow}
        hasSelection={ws.selectedId !== null}
        list={list}
        detail={ws.selectedId !== null && <TicketPanel id={ws.selectedId} units={units} embedded onBack={ws.narrow ? () => ws.select(null) : undefined} />}
      />
    </AppShell>
  );
}
