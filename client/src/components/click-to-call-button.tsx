/**
 * Click to call (SPEC 8) for ticket views (revisit workspace, unit workspace): the console
 * calls the staff member (softphone, or the phone given) and bridges the citizen; the call is
 * linked to the ticket and appears in its timeline.
 */
import { App, Button } from 'antd';
import { useState } from 'react';
import type { CallView, TOutboundCallInput } from '../../../shared/schemas/call';
import { api, ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';

export function ClickToCallButton({ ticketId, agentPhone, size = 'small' }: { ticketId: number; agentPhone?: string; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const call = async () => {
    setBusy(true);
    try {
      const body: TOutboundCallInput = { ticketId, ...(agentPhone ? { agentPhone } : {}) };
      const r = await api<{ call: CallView }>('POST', '/api/calls/outbound', body);
      message.success(t('calls.dialing', { phone: r.call.citizenPhoneMasked ?? '' }));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : t('error.network'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={size} loading={busy} onClick={() => void call()} data-testid="click-to-call">
      {t('calls.clickToCall')}
    </Button>
  );
}
