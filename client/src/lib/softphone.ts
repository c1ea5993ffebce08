/**
 * The browser softphone (Twilio Voice SDK), loaded lazily: the ~45 KB chunk is fetched only in
 * Twilio mode with a token, never in simulator mode. The console redirects a taken caller to
 * `<Client>user-N</Client>` with a callId parameter; the softphone accepts that call itself
 * because the operator already chose to take it.
 */
import { fetchVoiceToken } from '../api/calls';

export interface IncomingLeg {
  /** The console's call id, from `<Parameter name="callId">`. */
  callId: number | null;
  accept(): void;
  reject(): void;
}

export interface Softphone {
  hangup(): void;
  mute(muted: boolean): void;
  destroy(): void;
}

export interface SoftphoneHandlers {
  onIncoming(leg: IncomingLeg): void;
  onActive(active: boolean): void;
  onError(message: string): void;
}

const fetchToken = async () => (await fetchVoiceToken()).token;

export async function startSoftphone(token: string, handlers: SoftphoneHandlers): Promise<Softphone> {
  const { Device } = await import('@twilio/voice-sdk');
  const device = new Device(token, { closeProtection: '通话进行中，确定离开吗？' });
  let active: { disconnect(): void; mute(m: boolean): void } | null = null;
  device.on('tokenWillExpire', () => {
    void fetchToken().then((t) => t && device.updateToken(t));
  });
  device.on('error', (err: { message?: string }) => handlers.onError(err.message ?? 'softphone error'));
  device.on('incoming', (call: import('@twilio/voice-sdk').Call) => {
    const raw = call.customParameters.get('callId');
    call.on('accept', () => {
      active = call;
      handlers.onActive(true);
    });
    call.on('disconnect', () => {
      active = null;
      handlers.onActive(false);
    });
    handlers.onIncoming({ callId: raw ? Number(raw) : null, accept: () => call.accept(), reject: () => call.reject() });
  });
  await device.register();
  return {
    hangup: () => active?.disconnect(),
    mute: (m) => active?.mute(m),
    destroy: () => device.destroy(),
  };
}
