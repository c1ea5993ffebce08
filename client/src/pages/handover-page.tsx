/**
 * Issue 18.5: the handover (交接班). The supervisor on duty writes the note, with what is open now
 * listed beside it; the next shift's supervisor reads the latest note with what was open when it
 * was written, and acknowledges it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatShanghai } from '../../../shared/calendar/shanghai';
import type { HandoverOpen } from '../../../shared/schemas/staffing';
import { keys } from '../api/keys';
import { acknowledgeHandover, handoverQuery, writeHandover } from '../api/staffing';
import { AppShell } from '../components/app-shell';
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';

function OpenItems({ open, testId }: { open: HandoverOpen; testId: string }) {
  const { t } = useI18n();
  const tickets = (list: HandoverOpen['ticketsOverdue']) =>
    list.length === 0 ? (
      <span>0</span>
    ) : (
      <span>
        {list.length}：
        {list.slice(0, 12).map((x) => (
          <Link key={x.id} to={`/tickets/${x.id}`} className="handover-ticket">
            {x.number}{' '}
          </Link>
        ))}
        {list.length > 12 ? '…' : ''}
      </span>
    );
  return (
    <ul className="handover-open" data-testid={testId}>
      <li>
        {t('ho.clusters')}：{open.clusters.length}
        {open.clusters.map((c) => ` · ${c.placeName} ${c.categoryLabel}（${c.callerCount}）`).join('')}
      </li>
      <li>
        {t('ho.callbacks')}：{open.callbacks}
      </li>
      <li>
        {t('ho.overdue')}：{tickets(open.ticketsOverdue)}
      </li>
      <li>
        {t('ho.dueSoon')}：{tickets(open.ticketsDueBeforeNext)}
      </li>
      <li>
        {t('ho.supervisions')}：{open.supervisionsDue.length}
      </li>
    </ul>
  );
}

export function HandoverPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const client = useQueryClient();
  const data = useQuery(handoverQuery()).data;
  const [note, setNote] = useState('');
  const done = (text: string) => () => {
    void message.success(text);
    void client.invalidateQueries({ queryKey: keys.staffing.handover });
  };
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
  const write = useMutation({
    mutationFn: () => writeHandover(note, data?.latest?.id ?? null),
    onSuccess: () => {
      setNote('');
      done(t('ho.done'))();
    },
    onError: fail,
  });
  const ack = useMutation({
    mutationFn: (v: { id: number; version: number }) => acknowledgeHandover(v.id, v.version),
    onSuccess: done(t('ho.acked')),
    onError: fail,
  });
  const latest = data?.latest ?? null;
  return (
    <AppShell>
      <Row gutter={12}>
        <Col span={12}>
          <Card size="small" title={t('ho.latest')} data-testid="handover-latest">
            {!latest ? (
              <Typography.Text type="secondary">{t('ho.none')}</Typography.Text>
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">
                  {t('ho.writtenBy', { name: latest.writtenBy.displayName, time: formatShanghai(latest.writtenAt, 'minute') })}
                </Typography.Text>
                <Typography.Paragraph className="handover-note" data-testid="handover-note">
                  {latest.note}
                </Typography.Paragraph>
                <Typography.Text strong>{t('ho.openAtWriting')}</Typography.Text>
                <OpenItems open={latest.openAtWriting} testId="handover-open-at-writing" />
                {latest.acknowledgedBy ? (
                  <Alert
                    type="success"
                    showIcon
                    data-testid="handover-acknowledged"
                    message={t('ho.acknowledgedBy', { name: latest.acknowledgedBy.displayName, time: formatShanghai(latest.acknowledgedAt ?? '', 'minute') })}
                  />
                ) : latest.writtenBy.id === user?.id ? (
                  <Alert type="info" showIcon message={t('ho.awaiting')} data-testid="handover-awaiting" />
                ) : (
                  <Button
                    type="primary"
                    loading={ack.isPending}
                    onClick={() => ack.mutate({ id: latest.id, version: latest.version })}
                    data-testid="handover-ack"
                  >
                    {t('ho.acknowledge')}
                  </Button>
                )}
              </Space>
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={t('ho.write')}>
            {data && (
              <>
                <Typography.Text strong>{t('ho.openNow', { time: formatShanghai(data.nextHandoverAt, 'minute') })}</Typography.Text>
                <OpenItems open={data.openNow} testId="handover-open-now" />
              </>
            )}
            <Input.TextArea
              aria-label={t('ho.note')}
              placeholder={t('ho.note')}
              rows={6}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="handover-input"
            />
            <Button
              type="primary"
              style={{ marginTop: 8 }}
              disabled={!note.trim()}
              loading={write.isPending}
              onClick={() => write.mutate()}
              data-testid="handover-submit"
            >
              {t('ho.submit')}
            </Button>
          </Card>
        </Col>
      </Row>
    </AppShell>
  );
}
