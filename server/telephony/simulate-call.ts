/**
 * `hotline simulate-call`: asks a running console's simulator to place an inbound call. The
 * request is signed like a Twilio webhook (configured auth token, or the local simulator token
 * in DATA_DIR), so only someone holding the token can inject calls.
 */
import type { Config } from '../platform/config';
import { webhookAuthToken } from './settings';
import { postSigned } from './signature';

export const SIMULATOR_CONTROL_PATH = '/telephony/simulator/calls';

export interface SimulateCallOptions {
  config: Config;
  /** The running console, e.g. http://127.0.0.1:3000. */
  url: string;
  /** The caller's number (local or E.164). */
  from: string;
  abandonAfter?: number | undefined;
  talk?: number | undefined;
}

export async function requestSimulatedCall(o: SimulateCallOptions): Promise<{ callSid: string }> {
  const base = o.url.replace(/\/+$/, '');
  const params: Record<string, string> = { From: o.from };
  if (o.abandonAfter !== undefined) params.AbandonAfter = String(o.abandonAfter);
  if (o.talk !== undefined) params.Talk = String(o.talk);
  const res = await postSigned({
    authToken: webhookAuthToken(o.config),
    // The console checks signatures against PUBLIC_BASE_URL when set, else the URL it was called at.
    signatureUrl: (o.config.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? base) + SIMULATOR_CONTROL_PATH,
    targetUrl: base + SIMULATOR_CONTROL_PATH,
    params,
  });
  let body: unknown = null;
  try {
    body = JSON.parse(res.text);
  } catch {
    /* not JSON */
  }
  if (res.status !== 200) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
    throw new Error(message);
  }
  return body as { callSid: string };
}
