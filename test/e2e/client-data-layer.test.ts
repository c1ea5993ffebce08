/**
 * Issue 13 item 6, in a real browser: one socket per tab, shared by every page and component
 * while the user moves around the console (the pages used to open one to three each, and a new
 * set on every page); and the admin's page asks for nothing an admin may not read (it used to
 * download the ticket list and get a 403), and who is signed in only once, first (issue 17.6).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/platform/config';
import { requestSimulatedCall } from '../../server/telephony/simulate-call';
import { browserAvailable, launchBrowser, logIn, loginAs, screenshotPath } from '../support/browser';
import { intake, startTestServer, type TestServer } from '../support/server';
import { simulatorEnv } from '../support/telephony';

/** Every WebSocket the page opens, and how many are open now. */
function countSockets(page: Page) {
  const counts = { opened: 0, open: 0, urls: [] as string[] };
  page.on('websocket', (ws) => {
    counts.opened++;
    counts.open++;
    counts.urls.push(ws.url());
    ws.on('close', () => counts.open--);
  });
  return counts;
}

const live = (page: Page) => page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();

describe.skipIf(!browserAvailable())('the client data layer', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer({ env: simulatorEnv() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Sockets connected to the server (GET /api/health): this test's tab is the only client. */
  const serverSockets = async () => ((await (await fetch(`${t.url}/api/health`)).json()) as { sockets: { connected: number } }).sockets.connected;

  it('one socket per tab, whatever the pages and panels shown', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    const sockets = countSockets(page);
    await logIn(page, t.url, 'supervisor');

    /** Moves by the header's links (no reload), waits for the page, and counts. */
    const visit = async (path: string, ready: () => Promise<unknown>) => {
      if (new URL(page.url()).pathname !== path) await page.locator(`a.nav-link[href="${path}"]`).click();
      await ready();
      await live(page);
      expect({ path, opened: sockets.opened, open: sockets.open }).toEqual({ path, opened: 1, open: 1 });
      await expect.poll(serverSockets).toBe(1);
    };

    // The supervisor lands on intake: the live store and the incoming-calls panel on one socket.
    await visit('/operator', () => page.getByTestId('incoming-calls').waitFor());
    await visit('/supervisor', () => page.getByTestId('queue-count-awaiting_acceptance').waitFor());
    // The calls view mounts the incoming-calls panel beside the page's own call counts.
    await page.getByTestId('queue-waiting_calls').click();
    await visit('/supervisor', () => page.getByTestId('incoming-calls').waitFor());
    await visit('/wallboard', () => page.getByTestId('wb-today-registered').waitFor());
    await visit('/decisions', () => page.getByTestId('decision-queue').waitFor());
    await visit('/rules', () => page.getByTestId('rules-table').waitFor());
    await visit('/knowledge', () => page.getByTestId('kb-table').waitFor());
    await visit('/supervision', () => page.getByTestId('supervision-list').waitFor());
    await visit('/reports', () => page.locator('[data-testid="report-view"][data-ready="yes"]').waitFor());

    // Back on the queues, the one socket still carries everything: a ticket and a call made elsewhere.
    await visit('/supervisor', () => page.getByTestId('queue-count-awaiting_acceptance').waitFor());
    await page.getByTestId('queue-all').click();
    const operator = await t.login('operator2');
    const units = (await operator.get('/api/units')).body as { id: number; kind: string }[];
    const created = await operator.post('/api/tickets', intake({ leadUnitId: units.find((u) => u.kind === 'department')!.id }));
    expect(created.status).toBe(201);
    await page.getByTestId('supervisor-queue').locator(`[data-number="${created.body.number}"]`).waitFor({ timeout: 10_000 });
    await requestSimulatedCall({ config: loadConfig(simulatorEnv()), url: t.url, from: '13955556666', talk: 60 });
    await expect.poll(async () => Number((await page.getByTestId('count-waiting').innerText()).replace(/\D/g, '')), { timeout: 10_000 }).toBe(1);

    // A ticket's page, opened from the queue.
    await page.getByTestId('supervisor-queue').locator(`[data-number="${created.body.number}"]`).click();
    await page.getByTestId('ticket-panel').waitFor();
    await live(page);
    expect({ opened: sockets.opened, open: sockets.open }).toEqual({ opened: 1, open: 1 });
    expect(await serverSockets()).toBe(1);
    await page.screenshot({ path: screenshotPath('one-socket-ticket-page') });

    // Log-out closes it (and nothing asks again with the ended session); the next user of the tab
    // gets a socket of their own, still one.
    const refused: string[] = [];
    page.on('response', (r) => r.status() === 401 && refused.push(new URL(r.url()).pathname));
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.locator('#username').waitFor();
    await expect.poll(() => sockets.open).toBe(0);
    await expect.poll(serverSockets).toBe(0);
    expect(refused).toEqual([]);
    await page.locator('#username').fill('operator');
    await page.locator('#password').fill('hotline-demo');
    await page.keyboard.press('Enter');
    await live(page);
    expect({ opened: sockets.opened, open: sockets.open }).toEqual({ opened: 2, open: 1 });
    await context.close();
  });

  it('the admin page asks for nothing an admin may not read', async () => {
    const page = await loginAs(browser, t.url, 'admin');
    const asked: string[] = [];
    const refused: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    page.on('response', (r) => r.status() >= 400 && refused.push(`${r.status()} ${new URL(r.url()).pathname}`));
    // A fresh load of the page (the login already happened), recorded from the start.
    await page.reload();
    await live(page);
    await page.getByTestId('keys-table').getByText('demo-open').waitFor();
    await page.waitForLoadState('networkidle');
    expect(asked.filter((p) => p.startsWith('/api/tickets') || p.startsWith('/api/queues'))).toEqual([]);
    expect(refused).toEqual([]);
    expect(asked).toContain('/api/api-keys');
    // Who is signed in is asked once, by the entry script before the console's code has arrived
    // (client/src/boot.ts), and that answer serves the session query: no second request. The
    // console's code (main.tsx) is in the shell's file (client/first-load-chunks.ts).
    expect(asked.filter((p) => p === '/api/auth/me')).toEqual(['/api/auth/me']);
    expect(asked.indexOf('/api/auth/me')).toBeLessThan(asked.findIndex((p) => /\/assets\/shell-[\w-]{8}\.js$/.test(p)));
    await page.context().close();
  });
});
