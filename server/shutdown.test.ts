/**
 * Stopping the console (SIGTERM → RunningServer.close) ends while browsers still hold connections:
 * a connection that never sent a request (Chromium opens such speculative ones) or a request that
 * never finishes must not keep the process alive until node's header or request timeouts (60 s
 * and 300 s). Requests in flight get a grace period (SHUTDOWN_GRACE_MS), then every connection is
 * closed. Found as a browser test whose console took 75 s to stop.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/support/db';
import { loadConfig } from './platform/config';
import { createLogger } from './platform/logger';
import { SHUTDOWN_GRACE_MS, startServer } from './serve';

describe('stopping the console', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase({ template: 'demo' });
  });
  afterAll(() => database.close());

  it('ends while a connection stays silent and another never finishes its request', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'test', SWEEP_INTERVAL_SECONDS: '0' });
    const server = await startServer({ config, logger: createLogger('silent'), database });
    const open = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const s = connect(server.port, '127.0.0.1', () => resolve(s));
        s.once('error', reject);
      });
    const silent = await open();
    const unfinished = await open();
    // Headers sent, the body promised and never sent: a request in flight for ever.
    unfinished.write('POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    const closedBy = (s: Socket) => new Promise<void>((resolve) => s.once('close', () => resolve()));
    const bothClosed = Promise.all([closedBy(silent), closedBy(unfinished)]);

    let stopped = false;
    const closing = server.close().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS / 2));
    // Within the grace, a request in flight may still finish: nothing is cut yet.
    expect(stopped).toBe(false);
    expect(unfinished.destroyed).toBe(false);
    // Past it, both connections are closed by the server and close() has returned: waiting for it
    // without the grace would take node's 60 s header timeout (this test's 20 s limit fails first).
    await Promise.all([closing, bothClosed]);
    expect(stopped).toBe(true);
  }, 20_000);
});
