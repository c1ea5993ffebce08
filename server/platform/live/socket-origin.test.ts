/**
 * Issue 14 item 6: the socket handshake is refused from a page of another origin, with a session
 * cookie or without. Real socket.io clients (websocket) sending the Origin a browser would, and
 * the long-polling handshake over plain HTTP.
 */
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../../../test/support/db';
import { startTestServer, waitFor, type ApiClient, type TestServer } from '../../../test/support/server';

/** Opens a live socket as `api` from a page of `origin` (undefined: no Origin, not a browser). */
async function handshake(api: ApiClient, origin: string | undefined): Promise<'ready' | 'refused'> {
  const socket = ioClient(api.baseUrl, {
    transports: ['websocket'],
    extraHeaders: { cookie: api.cookie ?? '', ...(origin === undefined ? {} : { origin }) },
    reconnection: false,
    forceNew: true,
  });
  try {
    return await Promise.race([waitFor(socket, 'ready').then(() => 'ready' as const), waitFor(socket, 'connect_error').then(() => 'refused' as const)]);
  } finally {
    socket.close();
  }
}

/** The long-polling transport's first request, as a browser page of `origin` would send it. */
const pollingHandshake = (t: TestServer, origin: string) => fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });

describe(`the live socket checks Origin (${engineName()})`, () => {
  let t: TestServer;
  let sup: ApiClient;
  let port: number;
  beforeAll(async () => {
    t = await startTestServer({ env: { ALLOWED_ORIGINS: 'https://wallboard.example.test, http://10.0.0.8:8080' } });
    sup = await t.login('supervisor');
    port = t.server.port;
  });
  afterAll(() => t.close());

  it('accepts the console’s own origin (the host the browser connected to)', async () => {
    expect(await handshake(sup, `http://127.0.0.1:${port}`)).toBe('ready');
    // Behind a TLS proxy the page is https while the request reaching the console is plain HTTP.
    expect(await handshake(sup, `https://127.0.0.1:${port}`)).toBe('ready');
  });

  it('refuses another origin: another host, another port of this host, lookalikes, null', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${port + 1}`,
      'http://127.0.0.1',
      `http://127.0.0.1.evil.example:${port}`,
      'null',
      'not a url',
    ]) {
      expect(await handshake(sup, origin), origin).toBe('refused');
    }
  });

  it('accepts the configured extra origins (ALLOWED_ORIGINS), only those', async () => {
    expect(await handshake(sup, 'https://wallboard.example.test')).toBe('ready');
    expect(await handshake(sup, 'http://10.0.0.8:8080')).toBe('ready');
    expect(await handshake(sup, 'http://wallboard.example.test')).toBe('refused');
    expect(await handshake(sup, 'http://10.0.0.8')).toBe('refused');
  });

  it('lets a client that sends no Origin (not a browser) through to the session check', async () => {
    expect(await handshake(sup, undefined)).toBe('ready');
  });

  it('refuses the long-polling handshake from another origin with 403', async () => {
    expect((await pollingHandshake(t, 'http://evil.example')).status).toBe(403);
    expect((await pollingHandshake(t, `http://127.0.0.1:${port}`)).status).toBe(200);
  });
});

describe(`with PUBLIC_BASE_URL (${engineName()})`, () => {
  let t: TestServer;
  let sup: ApiClient;
  beforeAll(async () => {
    t = await startTestServer({ env: { PUBLIC_BASE_URL: 'https://hotline.example.test' } });
    sup = await t.login('supervisor');
  });
  afterAll(() => t.close());

  it('accepts the public origin as the console’s own, and refuses others', async () => {
    expect(await handshake(sup, 'https://hotline.example.test')).toBe('ready');
    expect(await handshake(sup, 'https://hotline.example.test:8443')).toBe('refused');
    expect(await handshake(sup, 'https://evil.example')).toBe('refused');
  });
});
