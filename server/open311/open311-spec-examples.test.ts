/**
 * Issue 19 item 2: Open311 clients are not turned away. Requests written from the GeoReport v2
 * specification's own examples (wiki.open311.org/GeoReport_v2: "POST Service Request", "GET
 * Service Requests"), with our service codes and a location in the town: a filing answers
 * 200 with the standard's body, a location-only request is stored with its coordinates for the
 * operator to resolve, long names are kept, limits answer in the asked format, browser apps on
 * other origins may read, and a missing script is a 404, not the console's page.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open311Requests, tickets } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { open311Form, SPEC_EXAMPLE_POST } from '../../test/support/open311';
import { startTestServer, type TestServer } from '../../test/support/server';

describe(`Open311 as the specification's clients speak it (${engineName()})`, () => {
  let t: TestServer;
  const o311 = (path: string, init?: RequestInit) => fetch(`${t.url}/open311${path}`, init);

  beforeAll(async () => {
    t = await startTestServer({ now: () => new Date('2026-11-24T09:00:00+08:00'), env: { OPEN311_RATE_LIMIT_PER_MINUTE: '40' } });
  });
  afterAll(() => t.close());

  it('answers the example POST with 200 and the example answer’s shape', async () => {
    const res = await o311('/v2/requests.json', open311Form(SPEC_EXAMPLE_POST));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { service_request_id: string; service_notice: string; account_id: string | null }[];
    expect(body).toHaveLength(1);
    expect(Object.keys(body[0]!).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    expect(body[0]!.account_id).toBe('123456');
    const xml = await o311('/v2/requests.xml', open311Form({ ...SPEC_EXAMPLE_POST, device_id: 'tt222112' }));
    expect(xml.status).toBe(200);
    expect(await xml.text()).toMatch(/^<\?xml[^>]*>\s*<service_requests>\s*<request>\s*<service_request_id>ZX/);
  });

  it('keeps names longer than 25 characters', async () => {
    const first = 'Maximilian-Alexander Christopher';
    const res = await o311(
      '/v2/requests.json',
      open311Form({ ...SPEC_EXAMPLE_POST, first_name: first, last_name: 'Montgomery-Smythe', device_id: 'long-name' }),
    );
    expect(res.status).toBe(200);
    const number = ((await res.json()) as { service_request_id: string }[])[0]!.service_request_id;
    const [row] = await t.database.db.select({ name: tickets.contactName }).from(tickets).where(eq(tickets.number, number));
    expect(row!.name).toContain(first);
  });

  it('stores a location-only request with its coordinates for the operator to resolve', async () => {
    const { address_string: _, ...withoutAddress } = SPEC_EXAMPLE_POST;
    const res = await o311('/v2/requests.json', open311Form({ ...withoutAddress, device_id: 'location-only' }));
    expect(res.status, await res.clone().text()).toBe(200);
    const number = ((await res.json()) as { service_request_id: string }[])[0]!.service_request_id;
    const [row] = await t.database.db
      .select({ address: tickets.address, lat: open311Requests.lat, long: open311Requests.long })
      .from(tickets)
      .innerJoin(open311Requests, eq(open311Requests.ticketId, tickets.id))
      .where(eq(tickets.number, number));
    expect(row).toMatchObject({ lat: 31.1168, long: 121.3226 });
    expect(row!.address).toContain('31.116800,121.322600');
  });

  it('lets browser apps on other origins read, and answers their preflight', async () => {
    const list = await o311('/v2/services.json', { headers: { origin: 'https://citizen-app.example' } });
    expect(list.status).toBe(200);
    expect(list.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await o311('/v2/requests.json', {
      method: 'OPTIONS',
      headers: { origin: 'https://citizen-app.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
    // The console's own API stays same-origin.
    const api = await fetch(`${t.url}/api/auth/me`, { headers: { origin: 'https://citizen-app.example' } });
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a limit in the asked format: XML for .xml', async () => {
    let limited: Response | null = null;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await o311('/v2/services.xml');
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(limited, 'no 429 within 60 reads at 40 a minute').not.toBeNull();
    expect(limited!.headers.get('content-type')).toMatch(/xml/);
    expect(await limited!.text()).toMatch(/<errors>\s*<error>\s*<code>429<\/code>/);
  });
});

describe('a missing script is a 404, not the console’s page', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('answers 404 for /assets/… that does not exist, and the page for a console route', async () => {
    const missing = await fetch(`${t.url}/assets/index-doesnotexist.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type') ?? '').not.toMatch(/html/);
    const page = await fetch(`${t.url}/operator`);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringMatching(/html/)]);
  });
});
