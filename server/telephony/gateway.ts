/**
 * The console's way out to the carrier: redirect a queued caller to the operator who took the
 * call, and place outbound calls. Twilio's REST API in production; the simulator otherwise.
 */
import twilio from 'twilio';
import type { Config } from '../platform/config';
import type { TelephonyMode } from './settings';

export interface PlaceCallRequest {
  /** 'client:user-5' (browser softphone) or an E.164 number. */
  to: string;
  from: string;
  twiml: string;
  statusCallback: string;
}

export interface CarrierGateway {
  readonly mode: TelephonyMode;
  /** Replace a live call's TwiML (Twilio: POST /Calls/{sid}.json with Twiml). */
  redirectCall(callSid: string, twiml: string): Promise<void>;
  /** Twilio: POST /Calls.json. Answers Twilio's CallSid. */
  placeCall(req: PlaceCallRequest): Promise<{ sid: string }>;
}

type RequestClient = InstanceType<typeof twilio.RequestClient>;
type RequestOptions<TData> = Parameters<RequestClient['request']>[0] & { data?: TData };

/**
 * Sends every REST request to `baseUrl` instead of https://*.twilio.com, keeping path and
 * query: how tests and the offline demo point the real client at a fake API on loopback.
 */
export class LoopbackRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: 10_000 });
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const original = new URL(opts.uri);
    const uri = this.baseUrl.replace(/\/+$/, '') + original.pathname + original.search;
    return super.request<TData>({ ...opts, uri });
  }
}

export function createTwilioClient(config: Config): twilio.Twilio {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) throw new Error('Twilio is not configured');
  const httpClient = config.TWILIO_API_BASE_URL ? new LoopbackRequestClient(config.TWILIO_API_BASE_URL) : undefined;
  return twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, { ...(httpClient ? { httpClient } : {}), autoRetry: false });
}

export function twilioGateway(config: Config): CarrierGateway {
  let client: twilio.Twilio | null = null;
  const rest = () => (client ??= createTwilioClient(config));
  return {
    mode: 'twilio',
    async redirectCall(callSid, twiml) {
      await rest().calls(callSid).update({ twiml });
    },
    async placeCall(req) {
      const call = await rest().calls.create({
        to: req.to,
        from: req.from,
        twiml: req.twiml,
        statusCallback: req.statusCallback,
        statusCallbackMethod: 'POST',
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      });
      return { sid: call.sid };
    },
  };
}
