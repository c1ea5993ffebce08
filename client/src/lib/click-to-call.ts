/**
 * Click to call (PRODUCT.md §8 outbound) for every button that places one: the console calls the staff
 * member and bridges the citizen; the call is linked to the ticket. The browser sends only the
 * ticket id: the server looks the number up and checks who may call (PRODUCT.md §9).
 *
 * Twilio mode: `calls.create` rings `client:user-N`, so the page must have a registered softphone
 * to answer that leg — started on the first click (the Voice SDK chunk is loaded only then), it
 * accepts the one leg that arrives after a click and offers hang-up while it lasts.
 * Simulator mode: no softphone; the simulator answers for the staff member.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { CallView, TOutboundCallInput } from '../../../shared/schemas/call';
import { fetchVoiceToken, placeCall } from '../api/calls';
import type { Softphone } from './softphone';

/** How long after a click an incoming leg is taken as the one we asked for. */
const EXPECT_LEG_MS = 60_000;
/** How long a click waits for the softphone to register before placing the call. */
const REGISTER_WAIT_MS = 5_000;

export interface ClickToCall {
  /** Places the call; rejects with the server's ApiError. The agent phone skips the softphone. */
  call(ticketId: number, agentPhone?: string): Promise<CallView>;
  /** True while the softphone carries the call this page asked for. */
  active: boolean;
  hangup(): void;
}

export function useClickToCall(onError: (message: string) => void): ClickToCall {
  const qc = useQueryClient();
  const [active, setActive] = useState(false);
  const phone = useRef<Promise<Softphone | null> | null>(null);
  const expectUntil = useRef(0);
  const errors = useRef(onError);
  useEffect(() => {
    errors.current = onError;
  });

  useEffect(
    () => () => {
      void phone.current?.then((p) => p?.destroy());
    },
    [],
  );

  const softphone = () => {
    phone.current ??= fetchVoiceToken()
      .then(async (info) => {
        if (info.mode !== 'twilio' || !info.token) return null;
        const { startSoftphone } = await import('./softphone');
        return startSoftphone(info.token, {
          onIncoming: (leg) => {
            const wanted = Date.now() < expectUntil.current;
            expectUntil.current = 0;
            if (wanted) leg.accept();
            else leg.reject();
          },
          onActive: setActive,
          onError: (m) => errors.current(m),
        });
      })
      .catch(() => {
        phone.current = null;
        return null;
      });
    return phone.current;
  };

  const call = async (ticketId: number, agentPhone?: string) => {
    try {
      if (!agentPhone) {
        // Registering can hang when Twilio is unreachable: the call is placed anyway (and ends
        // as not answered, on record) rather than the button spinning forever.
        await Promise.race([softphone(), new Promise((r) => setTimeout(r, REGISTER_WAIT_MS))]);
        expectUntil.current = Date.now() + EXPECT_LEG_MS;
      }
      const body: TOutboundCallInput = { ticketId, ...(agentPhone ? { agentPhone } : {}) };
      return await placeCall(qc, body);
    } catch (err) {
      expectUntil.current = 0;
      throw err;
    }
  };

  return { call, active, hangup: () => void phone.current?.then((p) => p?.hangup()) };
}
