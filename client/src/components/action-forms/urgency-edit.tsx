/**
 * 紧急工单 on a ticket's record (001 三.1; issue 15.2): whether it is urgent and, for supervisors
 * before the reply, the switch with a required reason. The server then moves the ticket to the
 * policy chosen for its source, type and urgency, and the deadlines above follow.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Tag } from 'antd';
import { useState } from 'react';
import type { TicketDetailView } from '../../../../shared/schemas/workspaces';
import { setUrgency } from '../../api/tickets';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ActionForm } from './action-form';

const BEFORE_REPLY = ['registered', 'dispatched', 'in_progress'];

export function UrgencyValue({ ticket }: { ticket: TicketDetailView }) {
  const { t } = useI18n();
  const { user } = useSession();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const can = (user?.roles.includes('supervisor') ?? false) && BEFORE_REPLY.includes(ticket.state);
  return (
    // Esc leaves it unchanged (keyboard first, PRODUCT.md §7).
    <div data-testid="urgency" onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}>
      <Tag color={ticket.urgent ? 'red' : 'default'} data-testid="urgency-value">
        {t(ticket.urgent ? 'yes' : 'no')}
      </Tag>
      {can && !editing && (
        <Button size="small" type="link" onClick={() => setEditing(true)} data-testid="urgency-edit">
          {t(ticket.urgent ? 'urgency.unmark' : 'urgency.mark')}
        </Button>
      )}
      {can && editing && (
        <ActionForm<{ reason?: string }>
          testId="form-urgency"
          actionLabel={t(ticket.urgent ? 'urgency.unmark' : 'urgency.mark')}
          submitLabel={t(ticket.urgent ? 'urgency.unmark' : 'urgency.mark')}
          danger={!ticket.urgent}
          onSubmit={(v) => setUrgency(qc, ticket, { version: ticket.version, urgent: !ticket.urgent, reason: v.reason ?? '' })}
          onDone={() => setEditing(false)}
        >
          <Form.Item name="reason" label={t('urgency.reason')}>
            <Input autoFocus placeholder={t('urgency.reasonHint')} data-testid="urgency-reason" />
          </Form.Item>
        </ActionForm>
      )}
    </div>
  );
}
