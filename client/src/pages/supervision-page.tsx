/**
 * 督办 (PRODUCT.md §6, 004): the sheets the user may see — all of them for the centre and leaders,
 * their own unit's for a liaison — with their 5-working-day light, the sheet's fields, the
 * unit's signed replies, leaders' instructions and the chain of progression; the actions the
 * machine allows; printing the sheet (004 附件1) and the on-site notice (004 附件2). Live.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Segmented, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { MessageKey } from '../../../shared/i18n';
import type { SupervisionView, TSupervisionDetail } from '../../../shared/schemas/supervision';
import type { SupervisionCommand } from '../../../shared/supervision/machine';
import { supervisionListQuery, supervisionQuery } from '../api/supervision';
import { fullTime } from '../components/action-forms/time';
import { AppShell } from '../components/app-shell';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useUnits } from '../lib/units';
import { useServerToday } from './reports-data';
import { CommandModal, OpenSupervisionModal } from './supervision-forms';

const NONE: SupervisionView[] = [];

export const LIGHT_COLOR: Record<string, string> = { normal: 'green', warning: 'gold', yellow: 'orange', red: 'red', overdue: 'magenta' };
const STATE_COLOR: Record<string, string> = { open: 'blue', replied: 'purple', closed: 'green', progressed: 'default' };

export function SupervisionPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState<'active' | 'all'>('active');
  const [command, setCommand] = useState<SupervisionCommand | null>(null);
  const openFor = params.get('ticket');
  const [opening, setOpening] = useState(openFor !== null);
  const selectedId = Number(params.get('id')) || null;
  // Sheets are read again on every `supervision.*` event and after each command (client/src/api/supervision.ts).
  const sheets = useQuery(supervisionListQuery(filter)).data?.supervisions ?? NONE;
  const opened = useQuery({ ...supervisionQuery(selectedId ?? 0), enabled: selectedId !== null });
  const selected = selectedId !== null && !opened.isError ? (opened.data ?? null) : null;
  // Dates the forms default to (signed today) follow the server's clock.
  useServerToday();

  const select = useCallback((id: number) => setParams({ id: String(id) }), [setParams]);
  const done = (v: SupervisionView) => {
    setCommand(null);
    setOpening(false);
    select(v.id);
  };
  const canOpen = user?.roles.includes('supervisor') ?? false;

  return (
    <AppShell>
      <div className="supervision-grid">
        <Card
          size="small"
          title={t('sup.title')}
          extra={
            <Space>
              <Segmented
                size="small"
                value={filter}
                onChange={(v) => setFilter(v as 'active' | 'all')}
                options={[
                  { value: 'active', label: t('sup.filter.active') },
                  { value: 'all', label: t('sup.filter.all') },
                ]}
              />
              {canOpen && (
                <Button type="primary" size="small" onClick={() => setOpening(true)} data-testid="open-supervision">
                  {t('sup.new')}
                </Button>
              )}
            </Space>
          }
        >
          <Table<SupervisionView>
            size="small"
            rowKey="id"
            dataSource={sheets}
            pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
            locale={{ emptyText: t('sup.empty') }}
            onRow={(r) => ({ onClick: () => select(r.id), className: r.id === selectedId ? 'row-selected' : '' })}
            data-testid="supervision-list"
            columns={[
              { title: t('sup.number'), dataIndex: 'number', width: 118, render: (n: string) => <span className="mono">{n}</span> },
              { title: t('sup.type'), dataIndex: 'type', width: 110, render: (v: string) => t(`sup.type.${v as 'written'}`) },
              { title: t('sup.unit'), dataIndex: 'unitName', ellipsis: true },
              {
                title: t('sup.state'),
                dataIndex: 'state',
                width: 104,
                render: (v: string) => <Tag color={STATE_COLOR[v]}>{t(`sup.state.${v as 'open'}`)}</Tag>,
              },
              { title: t('sup.due'), dataIndex: 'dueAt', width: 150, render: (d: string, r) => <LightTag light={r.light} due={d} /> },
            ]}
          />
        </Card>
        {selected ? (
          <SheetDetail sheet={selected} onCommand={setCommand} />
        ) : (
          <Card size="small">
            <Empty description={t('sup.select')} />
          </Card>
        )}
      </div>
      <OpenSupervisionModal open={opening} ticketId={openFor ? Number(openFor) : null} units={units} onClose={() => setOpening(false)} onDone={done} />
      {selected && <CommandModal sheet={selected} command={command} onClose={() => setCommand(null)} onDone={done} />}
    </AppShell>
  );
}

export function LightTag({ light, due }: { light: string; due: string }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Tag color={LIGHT_COLOR[light] ?? 'default'}>{t(`sup.light.${light as 'normal'}`)}</Tag>
      <span className="rpt-muted">{fullTime(due).slice(5)}</span>
    </Space>
  );
}

function SheetDetail({ sheet, onCommand }: { sheet: TSupervisionDetail; onCommand: (c: SupervisionCommand) => void }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      className="supervision-detail"
      data-testid="supervision-detail"
      title={
        <Space>
          <span className="mono">{sheet.number}</span>
          <Tag>{t(`sup.type.${sheet.type}`)}</Tag>
          <Tag color={STATE_COLOR[sheet.state]}>{t(`sup.state.${sheet.state}`)}</Tag>
          <LightTag light={sheet.light} due={sheet.dueAt} />
        </Space>
      }
      extra={
        <Space size={4}>
          <Link to={`/supervision/${sheet.id}/print?doc=sheet`} target="_blank">
            <Button size="small">{t('sup.printSheet')}</Button>
          </Link>
          {sheet.type === 'on_site' && (
            <Link to={`/supervision/${sheet.id}/print?doc=notice`} target="_blank">
              <Button size="small">{t('sup.printNotice')}</Button>
            </Link>
          )}
        </Space>
      }
    >
      {sheet.allowedCommands.length > 0 && (
        <Space wrap className="supervision-actions">
          {sheet.allowedCommands.map((c) => (
            <Button key={c} size="small" type={c === 'reply' || c === 'close' ? 'primary' : 'default'} onClick={() => onCommand(c)} data-testid={`cmd-${c}`}>
              {t(`sup.cmd.${c}`)}
            </Button>
          ))}
        </Space>
      )}
      <Descriptions size="small" column={2} bordered className="supervision-fields">
        <Descriptions.Item label={t('rpt.ticket')}>
          <Link to={`/tickets/${sheet.ticket.id}`} className="mono">
            {sheet.ticket.number}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('queue.callAt')}>{fullTime(sheet.ticket.callAt)}</Descriptions.Item>
        <Descriptions.Item label={t('sup.unit')}>{sheet.unitName}</Descriptions.Item>
        <Descriptions.Item label={t('sup.scope')}>{t(`sup.scope.${sheet.scope}`)}</Descriptions.Item>
        <Descriptions.Item label={t('queue.address')} span={2}>
          {sheet.ticket.address}
        </Descriptions.Item>
        <Descriptions.Item label={t('queue.description')} span={2}>
          {sheet.ticket.description}
        </Descriptions.Item>
        <Descriptions.Item label={t('sup.situation')} span={2}>
          <span className="rpt-pre">{sheet.situation}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sup.opinion')} span={2}>
          <span className="rpt-pre">{sheet.opinion}</span>
        </Descriptions.Item>
        {sheet.onSite && (
          <Descriptions.Item label={t('sup.f.subject')} span={2}>
            {sheet.onSite.subject} · {sheet.onSite.place} · {fullTime(sheet.onSite.meetingAt)}
            {sheet.onSite.outcome && (
              <div className="rpt-muted">
                {t('sup.f.outcome')}：{sheet.onSite.outcome}（{sheet.onSite.deadline}）
              </div>
            )}
          </Descriptions.Item>
        )}
        {sheet.escalation && (
          <Descriptions.Item label={t('sup.f.mode')} span={2}>
            {t(`sup.mode.${sheet.escalation.mode}`)} · {sheet.escalation.leader}
          </Descriptions.Item>
        )}
        {sheet.candidate && (
          <Descriptions.Item label={t('sup.candidate')} span={2}>
            {sheet.candidate.kind} #{sheet.candidate.ref}
          </Descriptions.Item>
        )}
      </Descriptions>
      {(sheet.previousId || sheet.nextId) && (
        <Alert
          className="supervision-chain"
          type="info"
          showIcon
          message={
            <Space>
              {sheet.previousId && <Link to={`/supervision?id=${sheet.previousId}`}>{t('sup.previous', { number: sheet.previousNumber ?? '' })}</Link>}
              {sheet.nextId && <Link to={`/supervision?id=${sheet.nextId}`}>{t('sup.nextSheet', { number: sheet.nextNumber ?? '' })}</Link>}
            </Space>
          }
        />
      )}
      <Typography.Title level={5} className="supervision-h">
        {t('sup.replies')}
      </Typography.Title>
      {sheet.replies.length === 0 ? (
        <Typography.Text type="secondary">{t('sup.noReplies')}</Typography.Text>
      ) : (
        sheet.replies.map((r) => (
          <Card key={r.id} size="small" type="inner" className="supervision-reply" data-testid="supervision-reply">
            <Space size={6} wrap>
              <Tag color={r.progress === 'resolved' ? 'green' : r.progress === 'in_progress' ? 'blue' : 'orange'}>{t(`sup.progress.${r.progress}`)}</Tag>
              <span>{t('sup.signedBy', { name: r.headName, date: r.signedAt })}</span>
              {r.sealed && <Tag>{t('sup.sealed')}</Tag>}
              <span className="rpt-muted">
                {r.submittedByName} · {fullTime(r.submittedAt)}
              </span>
            </Space>
            <div className="rpt-pre">{r.content}</div>
          </Card>
        ))
      )}
      {sheet.instructions.length > 0 && (
        <>
          <Typography.Title level={5} className="supervision-h">
            {t('sup.instructions')}
          </Typography.Title>
          {sheet.instructions.map((i) => (
            <div key={i.at} className="supervision-instruction">
              <strong>{i.leader}</strong>：{i.instruction} <span className="rpt-muted">{fullTime(i.at)}</span>
            </div>
          ))}
        </>
      )}
      {sheet.events && sheet.events.length > 0 && (
        <>
          <Typography.Title level={5} className="supervision-h">
            {t('sup.timeline')}
          </Typography.Title>
          <Timeline
            items={sheet.events.map((e) => ({
              key: e.seq,
              children: (
                <span>
                  {fullTime(e.at)} · {t(`sup.ev.${e.type.replace('supervision.', '')}` as MessageKey)}
                  {typeof e.payload.note === 'string' ? `：${e.payload.note}` : ''}
                </span>
              ),
            }))}
          />
        </>
      )}
    </Card>
  );
}
