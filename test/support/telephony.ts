/**
 * Telephony test support: requests signed exactly as Twilio signs them (twilio's own helper),
 * and a fake of Twilio's REST API on 127.0.0.1 that records what the console asked for.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type { TestServer } from './server';

export const TEST_AUTH_TOKEN = 'hotline-test-auth-token-0123456789';
export const TEST_ACCOUNT_SID = 'AC' + 'a1b2c3d4'.repeat(4);
/** What Twilio is told to call; signatures are computed over it, not over the test server's address. */
export const TEST_PUBLIC_BASE = 'https://hotline.example.test';
export const TEST_LINE = '+862162112345';

export const newCallSid = () => 'CA' + randomBytes(16).toString('hex');

/** Simulator mode with a known token and public URL. */
export const simulatorEnv = (): Record<string, string> => ({ TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, PUBLIC_BASE_URL: TEST_PUBLIC_BASE });

/** Twilio mode, the REST client pointed at a fake API on loopback. */
export const twilioEnv = (apiBase: string): Record<string, string> => ({
  TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
  TWILIO_PHONE_NUMBER: TEST_LINE,
  PUBLIC_BASE_URL: TEST_PUBLIC_BASE,
  TWILIO_API_BASE_URL: apiBase,
  TWILIO_API_KEY: 'SK' + 'f'.repeat(32),
  TWILIO_API_SECRET: 'test-api-secret-0123456789',
  TWILIO_TWIML_APP_SID: 'AP' + 'e'.repeat(32),
});

export interface WebhookOptions {
  token?: string;
  /** The URL the signature covers (default: the public base + path). */
  signUrl?: string;
  /** An explicit header value; null sends none. */
  signature?: string | null;
}

/** POSTs a form-encoded webhook to the console, signed like Twilio. */
export async function webhook(t: TestServer, path: string, params: Record<string, string>, opts: WebhookOptions = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (opts.signature !== null) {
    headers['x-twilio-signature'] =
      opts.signature ?? twilio.getExpectedTwilioSignature(opts.token ?? TEST_AUTH_TOKEN, opts.signUrl ?? TEST_PUBLIC_BASE + path, params);
  }
  const res = await t.fetch(path, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  return { status: res.status, text: await res.text() };
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Basic auth user (the account SID). */
  username: string;
  form: URLSearchParams;
}

/** Twilio's REST API, the two calls the console makes: create a call, and update (redirect) one. */
export class FakeTwilioApi {
  readonly requests: RecordedRequest[] = [];
  /** Answer the next requests with this HTTP status (e.g. 500: Twilio down). */
  failWith: number | null = null;
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        this.requests.push({ method: req.method ?? '', path, username: auth.split(':')[0] ?? '', form: new URLSearchParams(body) });
        const send = (status: number, json: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        if (this.failWith) return send(this.failWith, { code: 20500, message: 'Internal Server Error', status: this.failWith });
        const create = path.match(/^\/2010-04-01\/Accounts\/(AC\w+)\/Calls\.json$/);
        const update = path.match(/^\/2010-04-01\/Accounts\/(AC\w+)\/Calls\/(CA\w+)\.json$/);
        if (req.method === 'POST' && create) {
          const form = new URLSearchParams(body);
          return send(201, {
            sid: 'CA' + randomBytes(16).toString('hex'),
            account_sid: create[1],
            to: form.get('To'),
            from: form.get('From'),
            status: 'queued',
            direction: 'outbound-api',
            api_version: '2010-04-01',
          });
        }
        if (req.method === 'POST' && update) return send(200, { sid: update[2], account_sid: update[1], status: 'in-progress', api_version: '2010-04-01' });
        send(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Polls until `check` answers something truthy (webhooks from the simulator arrive asynchronously). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 5000, stepMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
