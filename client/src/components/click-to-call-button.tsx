/**
 * Click to call (SPEC 8) for ticket views (ticket page, unit workspace): the console calls the
 * staff member (softphone, or the phone given) and bridges the citizen; the call is linked to the
 * ticket and appears in its timeline. The browser sends only the ticket id: the server looks the
 * number up and checks who may call (SPEC 9).
 *
 * Twilio mode: `calls.create` rings `client:user-N`, so this page must have a registered
 * softphone to answer that leg — started on the first click (the Voice SDK chunk is loaded only
 * then), it accepts the one leg that arrives after a click and offers 挂断 while it lasts.
 * Simulator mode: no softphone; the simulator answers for the staff member.
 */
import { App, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { CallView, TelephonyInfo, TOutboundCallInput } from '../../../shared/schemas/call';
import { api, ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';
import type { Softphone } from '../lib/softphone';

/** How long after a click an incoming leg is taken as the one we asked for. */
const EXPECT_LEG_MS = 60_000;
/** How long a click waits for the softphone to register before placing the call. */
const REGISTER_WAIT_MS = 5_000;

export function ClickToCallButton({ ticketId, agentPhone, size = 'small' }: { ticketId: number; agentPhone?: string; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState(false);
  const phone = useRef<Promise<Softphone | null> | null>(null);
  const expectUntil = useRef(0);

  useEffect(
    () => () => {
      void phone.current?.then((p) => p?.destroy());
    },
    [],
  );

  const softphone = () => {
    phone.current ??= api<TelephonyInfo>('GET', '/api/calls/voice-token')
      .then(async (info) => {
        if (info.mode !== 'twilio' || !info.token) return null;
        const { startSoftphone } = await import('../lib/softphone');
        return startSoftphone(info.token, {
          onIncoming: (leg) => {
            const wanted = Date.now() < expectUntil.current;
            expectUntil.current = 0;
            if (wanted) leg.accept();
            else leg.reject();
          },
          onActive: setActive,
          onError: (m) => message.warning(m),
        });
      })
      .catch(() => {
        phone.current = null;
        return null;
      });
    return phone.current;
  };

  const call = async () => {
    setBusy(true);
    try {
      if (!agentPhone) {
        // Registering can hang when Twilio is unreachable: the call is placed anyway (and ends
        // as not answered, on record) rather than the button spinning forever.
        await Promise.race([softphone(), new Promise((r) => setTimeout(r, REGISTER_WAIT_MS))]);
        expectUntil.current = Date.now() + EXPECT_LEG_MS;
      }
      const body: TOutboundCallInput = { ticketId, ...(agentPhone ? { agentPhone } : {}) };
      const r = await api<{ call: CallView }>('POST', '/api/calls/outbound', body);
      message.success(t('calls.dialing', { phone: r.call.citizenPhoneMasked ?? '' }));
    } catch (err) {
      expectUntil.current = 0;
      message.error(err instanceof ApiError ? err.message : t('error.network'));
    } finally {
      setBusy(false);
    }
  };

  if (active) {
    return (
      <Button size={size} danger onClick={() => void phone.current?.then((p) => p?.hangup())} data-testid="click-to-call-hangup">
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
