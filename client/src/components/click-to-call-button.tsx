/**
 * Click to call beside the masked number on ticket views (ticket page, unit workspace). The
 * softphone and the call itself live in lib/click-to-call; this is the button and its messages.
 */
import { App, Button } from 'antd';
import { useState } from 'react';
import { useClickToCall } from '../lib/click-to-call';
import { errorText } from '../lib/error-text';
import { useI18n } from '../lib/i18n';

export function ClickToCallButton({ ticketId, agentPhone, size = 'small' }: { ticketId: number; agentPhone?: string; size?: 'small' | 'middle' }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const phone = useClickToCall((m) => void message.warning(m));

  const call = async () => {
    setBusy(true);
    try {
      const placed = await phone.call(ticketId, agentPhone);
      message.success(t('calls.dialing', { phone: placed.citizenPhoneMasked ?? '' }));
    } catch (err) {
      message.error(errorText(locale, err));
    } finally {
      setBusy(false);
    }
  };

  if (phone.active) {
    return (
      <Button size={size} danger onClick={phone.hangup} data-testid="click-to-call-hangup">
        {t('calls.hangup')}
      </Button>
    );
  }
  return (
    <Button size={size} loading={busy} onClick={() => void call()} data-testid="click-to-call">
      {t('calls.clickToCall')}
    </Button>
  );
}
