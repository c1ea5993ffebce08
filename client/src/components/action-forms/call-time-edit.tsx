/**
 * The call time on a ticket's record, and for supervisors the correction (PRODUCT.md §2 "editable
 * only by supervisors"; issue 15.9): the corrected time and a required reason, one event on the
 * ticket's timeline. The server refuses a time after the registration or a month before it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { TCorrectCallTimeInput } from '../../../../shared/schemas/ticket';
import type { TicketDetailView } from '../../../../shared/schemas/workspaces';
import { correctCallTime } from '../../api/tickets';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ActionForm } from './action-form';
import { fromLocalInput, fullTime, toLocalInput } from './time';

type Draft = { callAt?: string; reason?: string };

export function CallTimeValue({ ticket }: { ticket: TicketDetailView }) {
  const { t } = useI18n();
  const { user } = useSession();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const supervisor = user?.roles.includes('supervisor') ?? false;
  return (
    // Esc leaves the correction unsaved (keyboard first, PRODUCT.md §7).
    <div data-testid="call-time" onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}>
      <span data-testid="call-time-value">{fullTime(ticket.callAt)}</span>
      {supervisor && !editing && (
        <Button size="small" type="link" onClick={() => setEditing(true)} data-testid="call-time-edit">
          {t('callTime.edit')}
        </Button>
      )}
      {supervisor && editing && (
        <ActionForm<Draft>
          testId="form-call-time"
          actionLabel={t('callTime.title')}
          submitLabel={t('callTime.save')}
          initialValues={{ callAt: toLocalInput(new Date(ticket.callAt)) }}
          onSubmit={(v) => {
            const input: TCorrectCallTimeInput = { version: ticket.version, callAt: fromLocalInput(v.callAt) ?? '', reason: v.reason ?? '' };
            return correctCallTime(qc, ticket, input);
          }}
          onDone={() => setEditing(false)}
        >
          <Form.Item name="callAt" label={t('callTime.newTime')}>
            <Input type="datetime-local" step={1} autoFocus data-testid="call-time-input" />
          </Form.Item>
          <Form.Item name="reason" label={t('callTime.reason')}>
            <Input placeholder={t('callTime.reasonHint')} data-testid="call-time-reason" />
          </Form.Item>
        </ActionForm>
      )}
    </div>
  );
}
