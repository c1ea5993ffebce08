/**
 * Issue 14 items 5 and 10, on a console with small limits and a PUBLIC_BASE_URL: Open311 and the
 * telephony webhooks are throttled by separate limiters (exhausting one leaves the other open),
 * each API key has its own hourly quota of filings, and discovery builds its URLs from
 * PUBLIC_BASE_URL, never from the Host header the client sent.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../../test/support/db';
import { startTestServer, type TestServer } from '../../test/support/server';

const PER_MINUTE = 5;
const PER_KEY_HOUR = 3;
const BASE = 'https://hotline.example.gov.cn';

/** A request from another client address: the console trusts X-Forwarded-For from loopback (its proxy). */
const from = (address: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': address },
});
const filing = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: new URLSearchParams({
    service_code: 'parking',
    address_string: '易富路88弄',
    phone: '13800002222',
    description: '小区门口车辆乱停放',
    ...fields,
  }).toString(),
});

/** GET with a Host header of the client's choosing (fetch does not let one set Host). */
function getWithHost(url: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe(`Open311 limits and PUBLIC_BASE_URL (${engineName()})`, () => {
  let t: TestServer;
  const get = (path: string, init?: RequestInit) => fetch(`${t.url}${path}`, init);

  beforeAll(async () => {
    t = await startTestServer({
      env: {
        PUBLIC_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
        OPEN311_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
        OPEN311_KEY_REQUESTS_PER_HOUR: String(PER_KEY_HOUR),
        PUBLIC_BASE_URL: `${BASE}/`,
      },
    });
  });
  afterAll(() => t.close());

  it('a flood of telephony webhooks leaves Open311 open to the same address', async () => {
    const webhook = () => get('/telephony/twilio/status', from('10.0.0.1', { method: 'POST' }));
    for (let i = 0; i < PER_MINUTE; i++) expect((await webhook()).status).not.toBe(429);
    expect((await webhook()).status).toBe(429);
    expect((await get('/open311/v2/services.json', from('10.0.0.1'))).status).toBe(200);
  });

  it('a flood of Open311 reads leaves the telephony webhooks open; the 429 is in the standard’s shape', async () => {
    for (let i = 0; i < PER_MINUTE; i++) expect((await get('/open311/v2/requests.json', from('10.0.0.2'))).status).toBe(200);
    const json = await get('/open311/v2/requests.json', from('10.0.0.2'));
    expect([json.status, (await json.json())[0].code]).toEqual([429, 429]);
    expect(Number(json.headers.get('retry-after'))).toBeGreaterThan(0);
    const xml = await get('/open311/v2/services.xml', from('10.0.0.2'));
    expect([xml.status, xml.headers.get('content-type')]).toEqual([429, 'text/xml; charset=utf-8']);
    expect(await xml.text()).toContain('<errors>\n  <error>\n    <code>429</code>');
    // Twilio is still heard from that address (403: the test sends no signature — but not 429).
    expect((await get('/telephony/twilio/status', from('10.0.0.2', { method: 'POST' }))).status).toBe(403);
  });

  it('limits each API key to its hourly quota of filings, whatever address it comes from', async () => {
    const admin = await t.login('admin');
    const otherKey = (await admin.post('/api/api-keys', { name: '另一个平台' })).body.key as string;
    for (let i = 0; i < PER_KEY_HOUR; i++) {
      expect((await get('/open311/v2/requests.json', from('10.0.1.1', filing({ api_key: 'demo-open311-key' })))).status).toBe(200);
    }
    const over = await get('/open311/v2/requests.xml', from('10.0.1.2', filing({ api_key: 'demo-open311-key' })));
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await over.text()).toContain('<code>429</code>\n    <description>该 api_key 提交过于频繁，已超过每小时3件的限额');
    // Another key is not held up; a wrong key is refused as such, not counted.
    expect((await get('/open311/v2/requests.json', from('10.0.1.3', filing({ api_key: otherKey })))).status).toBe(200);
    expect((await get('/open311/v2/requests.json', from('10.0.1.3', filing({ api_key: 'not-a-key' })))).status).toBe(403);
  });

  it('discovery and the list’s next link point at PUBLIC_BASE_URL, never at the Host header', async () => {
    for (const format of ['json', 'xml']) {
      const res = await getWithHost(`${t.url}/open311/discovery.${format}`, {
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-for': '10.0.2.1',
      });
      expect(res.status).toBe(200);
      expect(res.body).toContain(`${BASE}/open311/v2`);
      expect(res.body).not.toContain('evil.example');
    }
    const page = await getWithHost(`${t.url}/open311/v2/requests.json?page_size=1`, { host: 'evil.example', 'x-forwarded-for': '10.0.2.2' });
    expect(page.headers.link).toBe(`<${BASE}/open311/v2/requests.json?page_size=1&page=2>; rel="next"`);
  });
});
