/**
 * The built-in stand-in for Twilio when no account is configured (PRODUCT.md §8). It plays the phone
 * network's part: sends the same signed webhook requests and status callbacks Twilio would, in
 * the same order and with the same parameters, over HTTP to this console, and follows the TwiML
 * the console answers with (Enqueue action, Dial action, status callback URLs). So demos and
 * tests exercise the whole path including signature checks.
 *
 * Its calls live in memory with timers: a simulated phone call does not survive a restart, the
 * same as a real one would not survive the carrier dropping it.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import type { CarrierGateway, PlaceCallRequest } from './gateway';
import { lineNumber, webhookAuthToken } from './settings';
import { postSigned, type WebhookParams } from './signature';
import { WEBHOOK_PATHS } from './twiml';

/** A simulated caller gives up after this long in the queue unless told otherwise. */
export const SIMULATOR_MAX_WAIT_SECONDS = 600;
export const SIMULATOR_DEFAULT_TALK_SECONDS = 90;
const OUTBOUND_TALK_SECONDS = 20;

interface SimCall {
  sid: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  state: 'queued' | 'bridged' | 'ended';
  startedAt: number;
  bridgedAt: number | null;
  talkSeconds: number;
  /** Absolute URLs from the console's TwiML (signed as Twilio would). */
  queueAction: string | null;
  dialAction: string | null;
  statusCallback: string;
  childSid: string | null;
  childCallback: string | null;
  seq: number;
  timers: NodeJS.Timeout[];
}

export interface InboundScenario {
  /** E.164 caller number. */
  from: string;
  abandonAfter?: number | undefined;
  talk?: number | undefined;
}

export interface SimulatorOptions {
  config: Config;
  logger: Logger;
  now: () => Date;
}

export class CallSimulator implements CarrierGateway {
  readonly mode = 'simulator' as const;
  private readonly calls = new Map<string, SimCall>();
  /** Where this console listens (learned from requests); the simulator posts there over loopback. */
  private selfUrl: string | null = null;

  constructor(private readonly opts: SimulatorOptions) {}

  noteSelfUrl(url: string) {
    this.selfUrl = url;
  }

  /** The URL Twilio would be configured with; signatures cover it. */
  private publicBase(): string {
    return (this.opts.config.PUBLIC_BASE_URL ?? this.requireSelf()).replace(/\/+$/, '');
  }

  private requireSelf(): string {
    if (!this.selfUrl) throw new Error('simulator does not know the console URL yet');
    return this.selfUrl;
  }

  /** A citizen dials the line: the voice webhook, then waiting in the queue. */
  async startInbound(s: InboundScenario): Promise<{ callSid: string }> {
    const call: SimCall = {
      sid: newSid('CA'),
      direction: 'inbound',
      from: s.from,
      to: lineNumber(this.opts.config),
      state: 'queued',
      startedAt: this.opts.now().getTime(),
      bridgedAt: null,
      talkSeconds: s.talk ?? SIMULATOR_DEFAULT_TALK_SECONDS,
      queueAction: null,
      dialAction: null,
      statusCallback: this.publicBase() + WEBHOOK_PATHS.status,
      childSid: null,
      childCallback: null,
      seq: 0,
      timers: [],
    };
    this.calls.set(call.sid, call);
    const twiml = await this.post(this.publicBase() + WEBHOOK_PATHS.voice, {
      ...this.base(call),
      CallStatus: 'ringing',
      Caller: call.from,
      Called: call.to,
    });
    call.queueAction = attr(twiml, 'Enqueue', 'action');
    if (!/<Enqueue\b/.test(twiml)) {
      this.end(call);
      throw new Error('the console did not queue the simulated call');
    }
    const giveUp = s.abandonAfter ?? SIMULATOR_MAX_WAIT_SECONDS;
    this.later(call, giveUp, () => this.hangup(call.sid));
    return { callSid: call.sid };
  }

  /** The console took the call: the caller leaves the queue and the operator's leg answers. */
  async redirectCall(callSid: string, twiml: string): Promise<void> {
    const call = this.calls.get(callSid);
    // Twilio answers 21220 "Call is not in-progress. Cannot redirect." for a call that is gone.
    if (!call || call.state !== 'queued') throw new Error(`simulated call ${callSid} is not waiting in the queue`);
    call.state = 'bridged';
    this.clearTimers(call);
    call.dialAction = attr(twiml, 'Dial', 'action');
    call.childSid = newSid('CA');
    call.childCallback = attr(twiml, 'Client', 'statusCallback') ?? attr(twiml, 'Number', 'statusCallback');
    const to = tagText(twiml, 'Identity') ? `client:${tagText(twiml, 'Identity')}` : (tagText(twiml, 'Number') ?? 'client:operator');
    const queueTime = String(this.secondsSince(call.startedAt));
    this.soon(call, 0, async () => {
      if (call.queueAction)
        await this.post(call.queueAction, { ...this.base(call), QueueResult: 'redirected', QueueTime: queueTime, QueueSid: 'QU' + '0'.repeat(32) });
      await this.child(call, to, 'ringing');
      call.bridgedAt = this.opts.now().getTime();
      await this.child(call, to, 'in-progress');
    });
    this.later(call, call.talkSeconds, () => this.finishConversation(call, to));
  }

  /** Click-to-call: the staff member's leg, then the citizen's, then both hang up. */
  async placeCall(req: PlaceCallRequest): Promise<{ sid: string }> {
    const call: SimCall = {
      sid: newSid('CA'),
      direction: 'outbound',
      from: req.from,
      to: req.to,
      state: 'bridged',
      startedAt: this.opts.now().getTime(),
      bridgedAt: null,
      talkSeconds: OUTBOUND_TALK_SECONDS,
      queueAction: null,
      dialAction: attr(req.twiml, 'Dial', 'action'),
      statusCallback: req.statusCallback,
      childSid: null,
      childCallback: null,
      seq: 0,
      timers: [],
    };
    this.calls.set(call.sid, call);
    this.soon(call, 50, async () => {
      await this.status(call, 'initiated');
      await this.status(call, 'ringing');
      call.bridgedAt = this.opts.now().getTime();
      await this.status(call, 'in-progress');
    });
    this.later(call, call.talkSeconds, async () => {
      const talk = String(this.secondsSince(call.bridgedAt ?? call.startedAt));
      if (call.dialAction)
        await this.post(call.dialAction, { ...this.base(call), DialCallStatus: 'completed', DialCallDuration: talk, DialCallSid: newSid('CA') });
      await this.endWith(call, 'completed');
    });
    return { sid: call.sid };
  }

  /** The citizen hangs up now: while queued that is an abandoned call. */
  async hangup(callSid: string): Promise<boolean> {
    const call = this.calls.get(callSid);
    if (!call || call.state === 'ended') return false;
    this.clearTimers(call);
    if (call.state === 'queued') {
      call.state = 'ended';
      const queueTime = String(this.secondsSince(call.startedAt));
      if (call.queueAction)
        await this.post(call.queueAction, { ...this.base(call), QueueResult: 'hangup', QueueTime: queueTime, QueueSid: 'QU' + '0'.repeat(32) });
      await this.endWith(call, 'completed');
    } else {
      await this.finishConversation(call, 'client:operator');
    }
    return true;
  }

  /** Whether the simulated network still carries this call (a restart drops every call). */
  knows(callSid: string): boolean {
    const c = this.calls.get(callSid);
    return Boolean(c && c.state !== 'ended');
  }

  /** Stops every timer (server shutdown, tests). */
  close() {
    for (const c of this.calls.values()) this.clearTimers(c);
  }

  private async finishConversation(call: SimCall, to: string) {
    if (call.state === 'ended') return;
    if (call.direction === 'outbound') return this.endWith(call, 'completed');
    const talk = String(this.secondsSince(call.bridgedAt ?? this.opts.now().getTime()));
    if (call.dialAction)
      await this.post(call.dialAction, { ...this.base(call), DialCallStatus: 'completed', DialCallDuration: talk, DialCallSid: call.childSid ?? '' });
    await this.child(call, to, 'completed', { CallDuration: talk });
    await this.endWith(call, 'completed');
  }

  private async endWith(call: SimCall, status: string) {
    call.state = 'ended';
    this.clearTimers(call);
    await this.status(call, status, { CallDuration: String(this.secondsSince(call.startedAt)) });
    this.calls.delete(call.sid);
  }

  private end(call: SimCall) {
    call.state = 'ended';
    this.clearTimers(call);
    this.calls.delete(call.sid);
  }

  private base(call: SimCall): WebhookParams {
    return {
      AccountSid: this.opts.config.TWILIO_ACCOUNT_SID ?? 'AC' + '0'.repeat(32),
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      Direction: call.direction === 'inbound' ? 'inbound' : 'outbound-api',
      From: call.from,
      To: call.to,
    };
  }

  private status(call: SimCall, status: string, extra: WebhookParams = {}) {
    return this.post(call.statusCallback, {
      ...this.base(call),
      CallStatus: status,
      Timestamp: this.opts.now().toUTCString(),
      SequenceNumber: String(call.seq++),
      CallbackSource: 'call-progress-events',
      ...extra,
    });
  }

  private child(call: SimCall, to: string, status: string, extra: WebhookParams = {}) {
    if (!call.childCallback || !call.childSid) return Promise.resolve('');
    return this.post(call.childCallback, {
      AccountSid: this.base(call).AccountSid ?? '',
      ApiVersion: '2010-04-01',
      CallSid: call.childSid,
      ParentCallSid: call.sid,
      Direction: 'outbound-dial',
      From: call.from,
      To: to,
      CallStatus: status,
      Timestamp: this.opts.now().toUTCString(),
      SequenceNumber: String(call.seq++),
      CallbackSource: 'call-progress-events',
      ...extra,
    });
  }

  /** Posts like Twilio: signed over the public URL, delivered to this console over loopback. */
  private async post(signedUrl: string, params: WebhookParams): Promise<string> {
    const u = new URL(signedUrl);
    const target = this.requireSelf() + u.pathname + u.search;
    const res = await postSigned({ authToken: webhookAuthToken(this.opts.config), signatureUrl: signedUrl, targetUrl: target, params });
    if (res.status >= 400) throw new Error(`console answered ${res.status} to ${u.pathname}`);
    return res.text;
  }

  private secondsSince(ms: number): number {
    return Math.max(0, Math.round((this.opts.now().getTime() - ms) / 1000));
  }

  private soon(call: SimCall, ms: number, fn: () => Promise<unknown>) {
    const t = setTimeout(() => void fn().catch((err: unknown) => this.failed(call, err)), ms);
    t.unref();
    call.timers.push(t);
  }

  private later(call: SimCall, seconds: number, fn: () => Promise<unknown>) {
    this.soon(call, seconds * 1000, fn);
  }

  private clearTimers(call: SimCall) {
    for (const t of call.timers) clearTimeout(t);
    call.timers = [];
  }

  private failed(call: SimCall, err: unknown) {
    this.opts.logger.warn({ callSid: call.sid, err: (err as Error).message }, 'simulated call step failed');
  }
}

export function newSid(prefix: 'CA' | 'QU'): string {
  return prefix + randomBytes(16).toString('hex');
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** An attribute of the first <tag> in a TwiML document (the simulator reads only what Twilio would). */
function attr(twiml: string, tag: string, name: string): string | null {
  const el = twiml.match(new RegExp(`<${tag}\\b[^>]*>`))?.[0];
  const v = el?.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];
  return v === undefined ? null : unescape(v);
}

function tagText(twiml: string, tag: string): string | null {
  const v = twiml.match(new RegExp(`<${tag}\\b[^>]*>([^<]*)</${tag}>`))?.[1];
  return v === undefined ? null : unescape(v);
}
