/** The TwiML the console answers Twilio with. Prompts are Mandarin (`<Say language="cmn-CN">`). */
import twilio from 'twilio';

/** The Twilio queue operators take callers from. */
export const QUEUE_NAME = 'hotline';

export const PROMPTS = {
  greeting: '您好，这里是九亭镇62112345便民服务专线。正在为您转接话务员，请稍候。',
  hold: '话务员正在忙，请您耐心等候，我们将尽快为您服务。',
  outbound: '正在为您接通市民电话，请稍候。',
  goodbye: '感谢您的来电，再见。',
} as const;

/** Webhook paths under the /telephony mount; the signature covers PUBLIC_BASE_URL + these. */
export const WEBHOOK_PATHS = {
  voice: '/telephony/twilio/voice',
  status: '/telephony/twilio/status',
  queue: '/telephony/twilio/queue',
  wait: '/telephony/twilio/wait',
  dial: '/telephony/twilio/dial',
} as const;

const response = () => new twilio.twiml.VoiceResponse();

/** Inbound: greet in Mandarin, then queue the caller for the operators. */
export function greetAndEnqueue(base: string): string {
  const r = response();
  r.say({ language: 'cmn-CN' }, PROMPTS.greeting);
  r.enqueue({ waitUrl: base + WEBHOOK_PATHS.wait, waitUrlMethod: 'POST', action: base + WEBHOOK_PATHS.queue, method: 'POST' }, QUEUE_NAME);
  return r.toString();
}

/** What a queued caller hears while waiting (Twilio fetches the wait URL again when it ends). */
export function holdPrompt(): string {
  const r = response();
  r.say({ language: 'cmn-CN' }, PROMPTS.hold);
  r.pause({ length: 15 });
  return r.toString();
}

export function goodbye(): string {
  const r = response();
  r.say({ language: 'cmn-CN' }, PROMPTS.goodbye);
  r.hangup();
  return r.toString();
}

export function empty(): string {
  return response().toString();
}

export type OperatorEndpoint = { kind: 'client'; identity: string } | { kind: 'phone'; number: string };

/** A claimed caller is redirected out of the queue to the operator who took the call. */
export function connectToOperator(base: string, callId: number, to: OperatorEndpoint): string {
  const r = response();
  const dial = r.dial({ action: `${base}${WEBHOOK_PATHS.dial}?callId=${callId}`, method: 'POST', timeout: 20 });
  const events = { statusCallback: base + WEBHOOK_PATHS.status, statusCallbackMethod: 'POST' };
  if (to.kind === 'client') {
    const client = dial.client({ ...events, statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'] });
    client.identity(to.identity);
    client.parameter({ name: 'callId', value: String(callId) });
  } else {
    dial.number({ ...events, statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'] }, to.number);
  }
  return r.toString();
}

/** Click-to-call: the staff member's leg hears a prompt, then Twilio dials the citizen. */
export function bridgeToCitizen(base: string, callId: number, citizen: string, callerId: string): string {
  const r = response();
  r.say({ language: 'cmn-CN' }, PROMPTS.outbound);
  const dial = r.dial({ callerId, action: `${base}${WEBHOOK_PATHS.dial}?callId=${callId}`, method: 'POST', timeout: 30 });
  dial.number(citizen);
  return r.toString();
}

/** The browser softphone's identity for a user (Voice SDK access token and `<Client>`). */
export const clientIdentity = (userId: number) => `user-${userId}`;
