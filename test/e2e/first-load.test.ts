/**
 * Issue 17.6, in a real browser: the page a tab opens at renders without suspending. Its code is
 * on its way before the console's (client/src/boot.ts) and the first render waits for it, so
 * React never shows the loading fallback for it — through React.lazy it would, and then hold the
 * page back until 300 ms after the fallback showed (its fallback throttle), idle time on every
 * cold load. A page the tab did not open at (a ticket) still loads lazily, with the fallback.
 * And the login page loads none of what only a signed-in console needs; the login and operator
 * screens load only the first part of antd's stylesheet, other pages the second beside their code.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESK, launchBrowser, loginAs } from '../support/browser';
import { intake, startTestServer, type TestServer } from '../support/server';

/** Records, from the document's first byte, whether the page-loading fallback was ever in the DOM. */
async function watchFallback(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { pageLoadingSeen: boolean };
    w.pageLoadingSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="page-loading"]')) w.pageLoadingSeen = true;
    }).observe(document, { childList: true, subtree: true });
  });
}

/** An asset's path without its content hash (`/assets/shell-AbC123xY.js` → `/assets/shell.js`). */
const unhashed = (pathname: string) => pathname.replace(/-[\w-]{8}(?=\.\w+$)/, '');

const fallbackSeen = (page: Page) => page.evaluate(() => (window as unknown as { pageLoadingSeen: boolean }).pageLoadingSeen);

describe.skipIf(!browserAvailable())('the first load of a page', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the login page loads no schemas, no socket and no English: neither the UI’s texts nor the reading of server errors', async () => {
    const context = await browser.newContext(DESK);
    const page = await context.newPage();
    const scripts: Promise<{ url: string; text: string }>[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.push(r.text().then((text) => ({ url: new URL(r.url()).pathname, text })));
    });
    await page.goto(`${t.url}/`);
    await page.locator('#username').waitFor();
    await page.waitForLoadState('networkidle');
    const loaded = await Promise.all(scripts);
    expect(loaded.length).toBeGreaterThan(3);
    // zod (every resource's schemas), socket.io's client, the English table of server messages:
    // each by a string its bundled code carries.
    const carrying = (marker: string) => loaded.filter((s) => s.text.includes(marker)).map((s) => s.url);
    expect({
      zod: carrying('ZodError'),
      socket: carrying('xhr poll error'),
      english: carrying('Time before hanging up'),
      englishUi: carrying('Wrong username or password'),
    }).toEqual({
      zod: [],
      socket: [],
      english: [],
      englishUi: [],
    });
    // Reaching the language switch starts the English texts on their way, before any click.
    const englishTexts = page.waitForResponse(async (r) => r.url().endsWith('.js') && (await r.text()).includes('Wrong username or password'));
    await page.getByTestId('locale-switch').hover();
    await englishTexts;
    expect(
      await page
        .locator('form')
        .filter({ has: page.locator('#username') })
        .innerText(),
    ).toContain('用户名');
    // The page works: a wrong password gets its refusal (the server's Chinese message).
    await page.locator('#username').fill('operator');
    await page.locator('#password').fill('wrong-password');
    await page.keyboard.press('Enter');
    await page.getByText('用户名或密码错误').waitFor();
    await context.close();
  });

  it('an English UI chosen earlier renders in English from its first frame, and switches back and forth', async () => {
    const context = await browser.newContext(DESK);
    const page = await context.newPage();
    // What the login form said when it first appeared, before anything could re-render it.
    await page.addInitScript(() => {
      localStorage.setItem('hotline.locale', 'en');
      const w = window as unknown as { firstLogin?: string };
      new MutationObserver((_, observer) => {
        const form = document.querySelector('#username')?.closest('form');
        if (form) {
          w.firstLogin = (form as HTMLElement).innerText;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${t.url}/`);
    await page.locator('#username').waitFor();
    const first = await page.evaluate(() => (window as unknown as { firstLogin?: string }).firstLogin ?? '');
    expect(first).toContain('Username');
    expect(first).not.toMatch(/用户名|登录/);
    // To Chinese and back: the English texts are already here, the Chinese always were.
    const loginForm = page.locator('form').filter({ has: page.locator('#username') });
    await page.getByTestId('locale-switch').getByText('中文').click();
    await expect.poll(() => loginForm.innerText()).toContain('用户名');
    await page.getByTestId('locale-switch').getByText('EN').click();
    await expect.poll(() => loginForm.innerText()).toContain('Username');
    await context.close();
  });

  it('says it is connecting while the first connection opens, not that it was lost', async () => {
    const page = await loginAs(browser, t.url, 'operator');
    // The live connection's requests go unanswered: the tab stays on its first attempt.
    await page.context().route('**/socket.io/**', () => undefined);
    await page.context().routeWebSocket(/\/socket\.io\//, () => undefined);
    await page.reload();
    await page.locator('#contactName').waitFor();
    const status = page.getByTestId('live-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('connecting');
    expect(await status.innerText()).toBe('正在连接…');
    await page.context().close();
  });

  it('renders the page the tab opens at without its loading fallback; a page opened later shows it', async () => {
    const op = await t.login('operator');
    const created = await op.post('/api/tickets', intake({ contactPhone: '13912340017', address: '九亭首屏路1号' }));
    expect(created.status).toBe(201);

    const page = await loginAs(browser, t.url, 'operator');
    await watchFallback(page);
    // A cold load of the operator's page (the cookie is the only thing kept).
    await page.reload();
    await page.locator('#contactName').waitFor();
    await page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();
    expect(await fallbackSeen(page)).toBe(false);

    // The ticket page is no page of the header: nothing starts it early, React.lazy loads it.
    await page.goto(`${t.url}/tickets/${created.body.id}`);
    await page.getByText(created.body.number).first().waitFor();
    expect(await fallbackSeen(page)).toBe(true);
    await page.context().close();
  });

  it('a cold load of the operator page comes in a few files: the console’s shell, what the operator’s page adds, the live connection’s', async () => {
    const signedIn = await loginAs(browser, t.url, 'operator');
    const context = await browser.newContext(DESK);
    await context.addCookies(await signedIn.context().cookies());
    await signedIn.context().close();
    const page = await context.newPage();
    const assets: string[] = [];
    page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (p.startsWith('/assets/')) assets.push(unhashed(p));
    });
    await page.goto(`${t.url}/operator`);
    await page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.waitForLoadState('networkidle');
    // client/first-load-chunks.ts. Left to the bundler's cut by page, this was 59 files.
    expect(assets).toEqual(expect.arrayContaining(['/assets/shell.js', '/assets/shell.css', '/assets/operator.js', '/assets/live.js']));
    expect(assets.length, assets.join(' ')).toBeLessThanOrEqual(10);
    await context.close();
  });

  it('the operator page goes without the second part of antd’s stylesheet; the supervisor’s queue brings it, styled before it shows', async () => {
    const stylesheets = async (page: Page) =>
      (await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)))
        .filter((p) => /^\/assets\/[\w-]+\.css$/.test(p))
        .map((p) => unhashed(p).replace(/\.css$/, ''));
    const operator = await loginAs(browser, t.url, 'operator');
    await operator.reload();
    await operator.getByTestId('live-status').and(operator.locator('[data-status="live"]')).waitFor();
    await operator.waitForLoadState('networkidle');
    expect(await stylesheets(operator)).not.toContain('/assets/secondary-stylesheet');
    // The theme's colours reach antd's components through the CSS variables antd registers at
    // runtime (the static file's copies are for server-rendered ids and are left out of the build).
    const save = operator.locator('button.ant-btn-primary').first();
    expect(await save.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(29, 78, 216)');
    await operator.context().close();

    const supervisor = await loginAs(browser, t.url, 'supervisor');
    await supervisor.goto(`${t.url}/supervisor`);
    const header = supervisor.locator('.ant-table-thead th').first();
    await header.waitFor();
    expect(await stylesheets(supervisor)).toContain('/assets/secondary-stylesheet');
    // antd's table rules are in the second part: the header cell has their background and weight.
    expect(await header.evaluate((th) => [getComputedStyle(th).fontWeight, getComputedStyle(th).backgroundColor])).toEqual(['600', 'rgb(250, 250, 250)']);
    await supervisor.context().close();
  });
});
