/**
 * Issue 14 item 2: a request line says which route answered whom, how and how fast — method,
 * route pattern, status, duration, user id, request id — and nothing the citizen said: no query
 * string, no path, no headers, no body. Against the real console, its logger writing to a buffer.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';
import { createLogger } from './logger';

const PHONE = '13957246813';
const NAME = '欧阳明哲';
const WORDS = '鹦鹉凌晨四点尖叫';
const ALLOWED = ['level', 'time', 'app', 'msg', 'reqId', 'method', 'route', 'status', 'ms', 'userId', 'aborted'];

describe('request log lines', () => {
  let t: TestServer;
  let written = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      written += chunk.toString('utf8');
      done();
    },
  });
  const requestLines = () =>
    written
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'request');
  const lastFor = (reqId: string | null) => requestLines().findLast((l) => l.reqId === reqId);

  beforeAll(async () => {
    t = await startTestServer({ logger: createLogger('trace', stream) });
  });
  afterAll(() => t?.close());

  it('name the route pattern, status, duration, user and request id — not the URL', async () => {
    const operator = await t.login('operator');
    const res = await operator.get(`/api/tickets/987654?phone=${PHONE}&name=${encodeURIComponent(NAME)}`);
    expect(res.status).toBe(404);
    const line = lastFor(res.headers.get('x-request-id'));
    expect(line).toMatchObject({ method: 'GET', route: '/api/tickets/:id', status: 404, userId: operator.user.id, level: 40 });
    expect(typeof line?.ms).toBe('number');
    expect(Object.keys(line ?? {}).filter((k) => !ALLOWED.includes(k))).toEqual([]);
  });

  it('a request refused before its route ran still names the pattern, and only that', async () => {
    const anonymous = ApiClient.anonymous(t.url);
    const res = await anonymous.post(`/api/tickets?contactPhone=${PHONE}`, intake({ contactName: NAME, contactPhone: PHONE, description: WORDS }), {
      'x-request-id': `caller ${PHONE}`,
      referer: `http://console/operator?phone=${PHONE}`,
    });
    expect(res.status).toBe(401);
    // A request id that carries text is not taken: a fresh one is made.
    const reqId = res.headers.get('x-request-id');
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lastFor(reqId)).toMatchObject({ method: 'POST', route: '/api/tickets', status: 401 });
    expect(lastFor(reqId)).not.toHaveProperty('userId');
  });

  it('a path outside every route is not written out', async () => {
    const operator = await t.login('operator');
    const res = await operator.get(`/api/callers/${PHONE}/everything`);
    expect(res.status).toBe(404);
    expect(lastFor(res.headers.get('x-request-id'))).toMatchObject({ route: '(unmatched)', status: 404 });
  });

  it('the whole log of these requests holds no number, name or description', async () => {
    const operator = await t.login('operator');
    expect((await operator.post('/api/tickets', intake({ contactName: NAME, contactPhone: PHONE, description: WORDS }))).status).toBe(201);
    expect(written).toContain('"route":"/api/tickets"');
    expect(written).not.toContain(PHONE);
    expect(written).not.toContain(NAME);
    expect(written).not.toContain(WORDS);
    for (const line of requestLines()) expect(Object.keys(line).filter((k) => !ALLOWED.includes(k))).toEqual([]);
  });
});
