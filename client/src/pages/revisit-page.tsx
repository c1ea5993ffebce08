/**
 * The revisit workspace (PRODUCT.md §7): replied tickets ordered by revisit due time; the reply and
 * the timeline beside the outcome form; click to call; attempts with their times. A recorded
 * outcome archives the ticket or sends it back to the unit as a new round, live.
 */
import { Card, Space, Tag } from 'antd';
import type { TicketSummary } from '../../../shared/schemas/ticket';
import { DesktopAlerts } from '../components/action-forms/desktop-alerts';
import { DueText, QueueList } from '../components/action-forms/queue-list';
import { TicketPanel } from '../components/action-forms/ticket-panel';
import { useWorkspace } from '../components/action-forms/use-workspace';
import { WorkspaceSplit } from '../components/action-forms/workspace-split';
import { AppShell } from '../components/app-shell';
import { useI18n } from '../lib/i18n';
import { useLiveTickets } from '../lib/live';
import { useUnits } from '../lib/units';

/** 003 第五条(四): the revisit due first (1 working day after the reply). */
export function byRevisitDue(a: TicketSummary, b: TicketSummary): number {
  return (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') || a.id - b.id;
}

export function RevisitPage() {
  const { t } = useI18n();
  const units = useUnits();
  // Every open ticket of the line (GET /api/queues), not the newest N: an old reply must not fall off.
  const ws = useWorkspace();
  const live = useLiveTickets('queues');
  const queue = live.tickets.filter((x) => x.state === 'replied').sort(byRevisitDue);
  const unitName = (id: number | null) => units.find((u) => u.id === id)?.name ?? '';

  const list = (
    <Card
      size="small"
      className="ws-card"
      title={
        <Space wrap size={[8, 4]}>
          <span>
            {t('ws.revisitTitle')} · {queue.length}
          </span>
          <DesktopAlerts permission={ws.alerts.desktop} enable={ws.alerts.enableDesktop} />
        </Space>
      }
    >
      <QueueList
        tickets={queue}
        selectedId={ws.selectedId}
        onSelect={ws.select}
        testId="revisit-queue"
        fresh={live.fresh}
        tags={(x) => (x.revisitAttempts > 0 ? <Tag color="orange">{t('form.attemptsSoFar', { n: x.revisitAttempts })}</Tag> : null)}
        extra={(x) => (
          <>
            <DueText ticket={x} /> <span className="muted">· {unitName(x.leadUnitId)}</span>
          </>
        )}
      />
    </Card>
  );

  return (
    <AppShell>
      <WorkspaceSplit
        narrow={ws.narrow}
        hasSelection={ws.selectedId !== null}
        list={list}
        detail={
          ws.selectedId !== null && (
            <TicketPanel id={ws.selectedId} units={units} focus="record_revisit" embedded onBack={ws.narrow ? () => ws.select(null) : undefined} />
          )
        }
      />
    </AppShell>
  );
}
