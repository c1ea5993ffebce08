/**
 * The supervisor's decisions (PRODUCT.md §7 queues): returns (and designations once two units
 * returned a ticket), extension, filing and 002 requests, and replies awaiting review — each
 * approved or rejected with a note in one step, beside the ticket and its timeline. The queue
 * is read again whenever a ticket moves, so nothing waits unseen. Issue 17.7: it comes a page at a
 * time, oldest first, with the count of the whole queue ("共 N 项") and per kind; the next page on
 * demand (the button, or Alt+M).
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Space, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import { DECISION_KINDS, type DecisionItem, type DecisionKind } from '../../../shared/schemas/workspaces';
import { decisionsQuery } from '../api/console';
import { DesktopAlerts } from '../components/action-forms/desktop-alerts';
import { TicketPanel } from '../components/action-forms/ticket-panel';
import { shortTime, spanText, useNow } from '../components/action-forms/time';
import { useWorkspace } from '../components/action-forms/use-workspace';
import { WorkspaceSplit } from '../components/action-forms/workspace-split';
import { AppShell } from '../components/app-shell';
import { useI18n } from '../lib/i18n';
import { useUnits, type Unit } from '../lib/units';

const KIND_COLOR: Record<DecisionKind, string> = {
  return: 'orange',
  extension: 'gold',
  filing: 'cyan',
  not_counted: 'purple',
  objective_case: 'purple',
  reply: 'blue',
};

const NONE: DecisionItem[] = [];

export function DecisionsPage() {
  const { t } = useI18n();
  const units = useUnits();
  const ws = useWorkspace();
  // Read again shortly after any ticket event (client/src/api/console.ts): nothing waits unseen.
  const queue = useInfiniteQuery(decisionsQuery);
  const pages = queue.data?.pages;
  const items = useMemo(() => {
    if (!pages) return NONE;
    // Pages read one after another may overlap by an item that moved between them: once each.
    const seen = new Set<string>();
    return pages.flatMap((p) => p.items).filter((i) => !seen.has(i.key) && seen.add(i.key));
  }, [pages]);
  // The whole queue's figures: the last page read is the latest.
  const latest = pages?.at(-1);
  const total = latest?.total ?? items.length;
  const counts = latest?.counts;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = queue;
  const more = () => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  };
  useEffect(() => {
    // Alt+M from anywhere on the page, like the other pages' Alt keys (the note fields keep theirs).
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.key.toLowerCase() !== 'm') return;
      e.preventDefault();
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const [kind, setKind] = useState<DecisionKind | 'all'>('all');
  const [focus, setFocus] = useState<string | null>(null);

  const shown = kind === 'all' ? items : items.filter((i) => i.kind === kind);
  const list = (
    <Card
      size="small"
      className="ws-card"
      title={
        <Space wrap size={[8, 4]}>
          <span data-testid="decisions-total">
            {t('ws.decisionsTitle')} · {t('ws.decisionsTotal', { n: total })}
          </span>
          <DesktopAlerts permission={ws.alerts.desktop} enable={ws.alerts.enableDesktop} />
        </Space>
      }
    >
      <div className="light-filter" data-testid="decision-kinds">
        <Tag.CheckableTag checked={kind === 'all'} onChange={() => setKind('all')}>
          {t('ws.all')} {total}
        </Tag.CheckableTag>
        {DECISION_KINDS.map((k) => (
          <Tag.CheckableTag key={k} checked={kind === k} onChange={() => setKind(kind === k ? 'all' : k)}>
            {t(`request.${k}` as MessageKey)} {counts?.[k] ?? items.filter((i) => i.kind === k).length}
          </Tag.CheckableTag>
        ))}
      </div>
      <div className="q-list" data-testid="decision-queue">
        {shown.map((item) => (
          <DecisionCard
            key={item.key}
            item={item}
            units={units}
            selected={ws.selectedId === item.ticket.id}
            onSelect={() => {
              setFocus(`decide:${item.kind}`);
              ws.select(item.ticket.id);
            }}
          />
        ))}
        {shown.length === 0 && <div className="q-empty-text">{t('ws.empty')}</div>}
        {hasNextPage && (
          <Button block size="small" data-testid="decisions-more" loading={isFetchingNextPage} onClick={more}>
            {t('ws.decisionsMore', { shown: items.length, total })}
          </Button>
        )}
      </div>
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
            <TicketPanel id={ws.selectedId} units={units} focus={focus} embedded onBack={ws.narrow ? () => ws.select(null) : undefined} />
          )
        }
      />
    </AppShell>
  );
}

function DecisionCard({ item, units, selected, onSelect }: { item: DecisionItem; units: Unit[]; selected: boolean; onSelect(): void }) {
  const { t } = useI18n();
  const now = useNow();
  const unit = (id: number | null | undefined) => units.find((u) => u.id === id)?.name ?? '';
  const what = item.request?.reason ?? item.reply?.report ?? '';
  return (
    <div
      role="button"
      tabIndex={0}
      className={`q-item ${selected ? 'selected' : ''}`}
      data-testid="decision-item"
      data-kind={item.kind}
      data-number={item.ticket.number}
      onClick={onSelect}
      onKeyDown={(e) => e.key === 'Enter' && onSelect()}
    >
      <div className="q-row1">
        <Tag color={KIND_COLOR[item.kind]}>{t(`request.${item.kind}` as MessageKey)}</Tag>
        {item.designationRequired && (
          <Tag color="red" data-testid="needs-designation">
            {t('cmd.designate')}
          </Tag>
        )}
        <span className="mono q-number">{item.ticket.number}</span>
        {item.ticket.warning && <Tag color="volcano">{t('tag.warning')}</Tag>}
      </div>
      <div className="q-row2">
        {unit(item.request?.unitId ?? item.reply?.unitId ?? item.ticket.leadUnitId)}
        {item.request?.suggestedUnitId ? ` → ${unit(item.request.suggestedUnitId)}` : ''}
      </div>
      <div className="q-row3">{what}</div>
      <div className="q-row4 muted">
        {shortTime(item.since)} · {t('ws.waitingSince', { left: spanText(now - new Date(item.since).getTime(), t) })}
      </div>
    </div>
  );
}
