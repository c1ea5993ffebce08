/**
 * Issue 14 item 10: the Content-Security-Policy lets the page connect to its own origin only,
 * and to Twilio's hosts only in Twilio mode (the softphone). Any `ws:`/`wss:` would let an
 * injected script send what it read to any host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../test/support/db';
import { startTestServer, type TestServer } from '../test/support/server';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../test/support/telephony';

/** The directives of the page's policy, by name. */
async function policyOf(t: TestServer, path = '/login'): Promise<Map<string, string[]>> {
  const res = await fetch(t.url + path);
  const header = res.headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe(`Content-Security-Policy connect-src (${engineName()})`, () => {
  let simulator: TestServer;
  let twilio: TestServer;
  beforeAll(async () => {
    simulator = await startTestServer();
    twilio = await startTestServer({
      env: { TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, PUBLIC_BASE_URL: 'https://hotline.example.test' },
    });
  });
  afterAll(async () => {
    await simulator?.close();
    await twilio?.close();
  });

  it("is 'self' only in simulator mode, on pages and API answers alike", async () => {
    for (const path of ['/login', '/operator', '/api/health']) {
      const policy = await policyOf(simulator, path);
      expect(policy.get('connect-src'), path).toEqual(["'self'"]);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.has('media-src')).toBe(false);
    }
  });

  it("is 'self' plus Twilio's hosts in Twilio mode, and nothing beyond twilio.com", async () => {
    const policy = await policyOf(twilio);
    const connect = policy.get('connect-src') ?? [];
    expect(connect[0]).toBe("'self'");
    expect(connect).toEqual(expect.arrayContaining(['wss://*.twilio.com', 'https://*.twilio.com']));
    for (const source of connect.slice(1)) expect(source).toMatch(/^(wss|https):\/\/\*?\.?[a-z0-9.-]*twilio\.com$/);
    expect(policy.get('media-src')).toEqual(["'self'", 'https://sdk.twilio.com']);
  });
});
