/**
 * Issue 14 item 5: POST Service Request is one unit and idempotent. A failure after the ticket
 * was written must leave nothing stored (today: stored, then 400 "请稍后重试", and the retry
 * makes a second ticket); with an Idempotency-Key (header, or the idempotency_key field for
 * clients that cannot set headers) a retry answers the first filing, and the key reused with
 * another body is refused with 422.
 */
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, open311Requests, tickets } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { startTestServer, type TestServer } from '../../test/support/server';

const post = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
  body: new URLSearchParams(fields).toString(),
});
const request = (extra: Record<string, string> = {}) => ({
  api_key: 'demo-open311-key',
  service_code: 'sanitation',
  address_string: '易富路88弄',
  phone: '13800001111',
  description: '垃圾箱满了没人清运，气味很大',
  device_id: 'device-7',
  ...extra,
});

describe(`Open311 POST: one unit, idempotent (${engineName()})`, () => {
  let t: TestServer;
  const o311 = (path: string, init?: RequestInit) => fetch(`${t.url}/open311${path}`, init);
  const ticketCount = async () => (await t.database.db.select({ n: count() }).from(tickets))[0]!.n;
  const eventCount = async () => (await t.database.db.select({ n: count() }).from(events))[0]!.n;

  beforeAll(async () => {
    t = await startTestServer({ now: () => new Date('2026-11-24T09:00:00+08:00') });
    // A failure while writing the standard's extras, after the ticket itself was written.
    await t.database.db.execute(sql`
      create function open311_test_fail() returns trigger language plpgsql as $$
      begin
        if new.device_id = 'fail-after-ticket' then raise exception 'simulated failure'; end if;
        return new;
      end $$`);
    await t.database.db.execute(sql`
      create trigger open311_test_fail before insert on open311_requests for each row execute function open311_test_fail()`);
  });
  afterAll(() => t.close());

  it('stores nothing when writing the request fails after the ticket, so a retry files it once', async () => {
    const [tickets0, events0] = [await ticketCount(), await eventCount()];
    const failed = await o311('/v2/requests.json', post(request({ device_id: 'fail-after-ticket' }), { 'idempotency-key': 'retry-after-failure-1' }));
    expect([failed.status, await failed.json()]).toEqual([400, [{ code: 400, description: '服务暂时无法处理该请求，请稍后重试' }]]);
    expect([await ticketCount(), await eventCount()]).toEqual([tickets0, events0]);

    const retried = await o311('/v2/requests.json', post(request({ device_id: 'fail-after-ticket' }), { 'idempotency-key': 'retry-after-failure-1' }));
    expect(retried.status).toBe(400);
    const fixed = await o311('/v2/requests.json', post(request(), { 'idempotency-key': 'retry-after-failure-2' }));
    expect(fixed.status).toBe(200);
    expect(await ticketCount()).toBe(tickets0 + 1);
  });

  it('refuses a control character the database cannot store, before storing anything', async () => {
    const before = await ticketCount();
    const res = await o311('/v2/requests.json', post(request({ device_id: 'dev\u0000ice' })));
    const [error] = await res.json();
    // Refused by name (the wording may come from the console's own check of U+0000 everywhere).
    expect([res.status, error.code, error.description.startsWith('device_id: ')]).toEqual([400, 400, true]);
    expect(await ticketCount()).toBe(before);
  });

  it('answers a retry with the same Idempotency-Key and body from the first filing, in either format', async () => {
    const before = await ticketCount();
    const first = await o311('/v2/requests.json', post(request({ account_id: 'acct-1' }), { 'Idempotency-Key': 'platform-req-0001' }));
    expect(first.status).toBe(200);
    const [filed] = await first.json();
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const again = await o311('/v2/requests.json', post(request({ account_id: 'acct-1' }), { 'Idempotency-Key': 'platform-req-0001' }));
    expect([again.status, await again.json(), again.headers.get('idempotent-replayed')]).toEqual([200, [filed], 'true']);
    const asXml = await o311('/v2/requests.xml', post(request({ account_id: 'acct-1' }), { 'Idempotency-Key': 'platform-req-0001' }));
    expect(asXml.status).toBe(200);
    expect(await asXml.text()).toContain(`<service_request_id>${filed.service_request_id}</service_request_id>`);
    expect(await ticketCount()).toBe(before + 1);
    const [meta] = await t.database.db
      .select()
      .from(open311Requests)
      .innerJoin(tickets, eq(tickets.id, open311Requests.ticketId))
      .where(eq(tickets.number, filed.service_request_id));
    expect(meta?.open311_requests.idempotencyKey).toBe('platform-req-0001');
  });

  it('takes the key from the idempotency_key field too, for clients that cannot set headers', async () => {
    const before = await ticketCount();
    const fields = request({ idempotency_key: 'form-field-key-01' });
    const first = await (await o311('/v2/requests.json', post(fields))).json();
    const again = await o311('/v2/requests.json', post(fields));
    expect([again.status, await again.json()]).toEqual([200, first]);
    // The same key as a header is the same key.
    const header = await o311('/v2/requests.json', post(request(), { 'idempotency-key': 'form-field-key-01' }));
    expect([header.status, await header.json()]).toEqual([200, first]);
    expect(await ticketCount()).toBe(before + 1);

    const disagree = await o311('/v2/requests.json', post(fields, { 'idempotency-key': 'another-key-0001' }));
    expect([disagree.status, (await disagree.json())[0].description]).toEqual([400, 'Idempotency-Key 头与 idempotency_key 字段不一致']);
    const malformed = await o311('/v2/requests.json', post(request(), { 'idempotency-key': 'short' }));
    expect(malformed.status).toBe(400);
    expect(await ticketCount()).toBe(before + 1);
  });

  it('refuses the same key with a different body with 422, storing nothing', async () => {
    await o311('/v2/requests.json', post(request(), { 'idempotency-key': 'platform-req-0002' }));
    const before = await ticketCount();
    const other = await o311('/v2/requests.xml', post(request({ description: '另一件事：路灯坏了一个星期' }), { 'idempotency-key': 'platform-req-0002' }));
    expect(other.status).toBe(422);
    expect(await other.text()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<errors>\n {2}<error>\n {4}<code>422<\/code>\n {4}<description>Idempotency-Key 已用于/,
    );
    expect(await ticketCount()).toBe(before);
  });

  it('files once when the same key arrives many times at once', async () => {
    const before = await ticketCount();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        o311('/v2/requests.json', post(request(), { 'idempotency-key': 'concurrent-key-01' })).then(async (r) => [r.status, await r.json()]),
      ),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]![0]).toBe(200);
    expect(await ticketCount()).toBe(before + 1);
  });

  it('keeps one key’s Idempotency-Keys apart from another key’s', async () => {
    const admin = await t.login('admin');
    const other = (await admin.post('/api/api-keys', { name: '另一个平台' })).body.key as string;
    const a = await (await o311('/v2/requests.json', post(request(), { 'idempotency-key': 'shared-name-0001' }))).json();
    const b = await (await o311('/v2/requests.json', post(request({ api_key: other }), { 'idempotency-key': 'shared-name-0001' }))).json();
    expect(a[0].service_request_id).not.toBe(b[0].service_request_id);
  });
});
