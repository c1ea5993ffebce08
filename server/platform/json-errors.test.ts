/**
 * Issue 14 item 10: no request ever gets express's default HTML error page ("Cannot POST /",
 * a stack-less <pre>) or its HTML redirect: every error is `{error: {code, message}}` with a
 * stable code. Raw HTTP, the way a scanner or a confused client sends it.
 */
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../../test/support/db';
import { startTestServer, type TestServer } from '../../test/support/server';
import { CLIENT_DIST } from '../app';

interface Raw {
  status: number;
  type: string;
  body: string;
}

/** One request over node's http client (any method, any path bytes, any headers). */
function raw(t: TestServer, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: t.server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function expectJsonError(res: Raw, status: number, code: string) {
  expect(res.type, res.body.slice(0, 80)).toMatch(/^application\/json/);
  expect(res.status).toBe(status);
  const parsed = JSON.parse(res.body) as { error: { code: string; message: string } };
  expect(parsed.error.code).toBe(code);
  expect(parsed.error.message).toMatch(/\S/);
  expect(res.body).not.toMatch(/<(!DOCTYPE|html|pre)/i);
}

const json = { 'content-type': 'application/json' };

describe(`errors are JSON, never express's HTML page (${engineName()})`, () => {
  let t: TestServer;
  let asset: string;
  beforeAll(async () => {
    t = await startTestServer();
    let built: string[] = [];
    try {
      built = readdirSync(path.join(CLIENT_DIST, 'assets'));
    } catch {
      // no client build: the static cases below still must answer JSON
    }
    asset = `/assets/${built.find((f) => f.endsWith('.js')) ?? 'index.js'}`;
  });
  afterAll(() => t.close());

  it('a malformed JSON body, a body too large, an unknown charset or encoding: 400', async () => {
    expectJsonError(await raw(t, 'POST', '/api/auth/login', '{"username": "operator", ', json), 400, 'validation_failed');
    expectJsonError(await raw(t, 'POST', '/api/auth/login', JSON.stringify({ username: 'x'.repeat(100_000) }), json), 400, 'validation_failed');
    expectJsonError(await raw(t, 'POST', '/api/auth/login', '{}', { 'content-type': 'application/json; charset=klingon' }), 400, 'validation_failed');
    expectJsonError(await raw(t, 'POST', '/api/auth/login', '{}', { ...json, 'content-encoding': 'x-unknown' }), 400, 'validation_failed');
  });

  it('bad percent-encoding in a path: 400', async () => {
    expectJsonError(await raw(t, 'GET', '/api/tickets/%E0%A4%A'), 400, 'validation_failed');
    expectJsonError(await raw(t, 'GET', '/assets/%E0%A4%A.js'), 404, 'not_found');
  });

  it('an unknown method on a static file or a page: 404, not "Cannot DELETE …"', async () => {
    expectJsonError(await raw(t, 'DELETE', asset), 404, 'not_found');
    expectJsonError(await raw(t, 'POST', '/'), 404, 'not_found');
    expectJsonError(await raw(t, 'PUT', '/login'), 404, 'not_found');
    expectJsonError(await raw(t, 'PATCH', '/favicon.ico'), 404, 'not_found');
    expectJsonError(await raw(t, 'TRACE', '/'), 404, 'not_found');
    expectJsonError(await raw(t, 'PROPFIND', '/assets/'), 404, 'not_found');
  });

  it('a missing asset or the assets folder: 404 JSON, not the page and not an HTML redirect', async () => {
    expectJsonError(await raw(t, 'GET', '/assets/gone-0000.js'), 404, 'not_found');
    expectJsonError(await raw(t, 'GET', '/assets'), 404, 'not_found');
  });

  it('an unknown API route, any method: 404', async () => {
    expectJsonError(await raw(t, 'GET', '/api/nothing-here'), 404, 'not_found');
    expectJsonError(await raw(t, 'DELETE', '/api/tickets'), 404, 'not_found');
  });

  it('pages of the console still load (GET of a client route is the single page)', async () => {
    const page = await raw(t, 'GET', '/operator');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
  });
});
