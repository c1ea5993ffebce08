/**
 * English is a choice on every screen (PRODUCT.md §7), and English words are longer than Chinese ones:
 * at 1366×768 nothing an operator or a supervisor needs may be cut off — the intake form's
 * labels and buttons, every page link in the header, every queue's count.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESK, launchBrowser, logIn, screenshotPath } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

async function loginInEnglish(browser: Browser, url: string, username: string): Promise<Page> {
  const context = await browser.newContext({ ...DESK, locale: 'en-US' });
  await context.addInitScript(() => localStorage.setItem('hotline.locale', 'en'));
  const page = await context.newPage();
  await logIn(page, url, username);
  return page;
}

interface Box {
  text: string;
  left: number;
  right: number;
  clipped: boolean;
}

/** Each element's box and whether its own text is cut (wider than the box it is shown in). */
const boxes = (page: Page, selector: string): Promise<Box[]> =>
  page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { text: (e as HTMLElement).innerText, left: r.left, right: r.right, clipped: e.scrollWidth > e.clientWidth + 1 };
    }),
  );

describe.skipIf(!browserAvailable())('the console in English at 1366×768', () => {
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

  it('lets the login page switch to English, and the console follows', async () => {
    const context = await browser.newContext(DESK);
    const page = await context.newPage();
    await page.goto(t.url);
    await page.getByText('用户名').waitFor();
    await page.getByTestId('locale-switch').getByText('EN').click();
    await page.getByText('Username').waitFor();
    await page.screenshot({ path: screenshotPath('english-login') });
    await logIn(page, t.url, 'operator');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByText('Intake record').waitFor();
    await context.close();
  });

  it('shows the whole intake form: no label cut, every button inside the form', async () => {
    const page = await loginInEnglish(browser, t.url, 'operator');
    await page.getByText('Intake record').waitFor();
    await page.screenshot({ path: screenshotPath('english-operator') });
    const labels = await boxes(page, '.intake-card .ant-form-item-label > label');
    expect(labels.length).toBeGreaterThan(6);
    expect(labels.filter((l) => l.clipped).map((l) => l.text)).toEqual([]);
    const card = (await page.locator('.intake-card').boundingBox())!;
    const buttons = await boxes(page, '.intake-actions button');
    expect(buttons.map((b) => b.text)).toEqual(['Save (Enter)', 'Dispatch (Ctrl+Enter)', 'Close on call (Alt+C)']);
    for (const b of buttons) {
      expect(b.left, b.text).toBeGreaterThanOrEqual(card.x);
      expect(b.right, b.text).toBeLessThanOrEqual(card.x + card.width);
    }
  });

  it('shows every page link and every queue count to the supervisor', async () => {
    const page = await loginInEnglish(browser, t.url, 'supervisor');
    await page.goto(`${t.url}/supervisor`);
    await page.getByTestId('queue-menu').waitFor();
    await page.screenshot({ path: screenshotPath('english-supervisor') });
    const links = await boxes(page, '.shell-header .nav-link');
    expect(links.map((l) => l.text)).toEqual(['Call intake', 'Queues', 'Wallboard', 'Decisions', 'Rules', 'Calendar', 'Knowledge', 'Supervision', 'Reports']);
    const nav = (await page.locator('.shell-header .shell-nav').boundingBox())!;
    for (const l of links) expect(l.right, l.text).toBeLessThanOrEqual(nav.x + nav.width);
    const menu = (await page.getByTestId('queue-menu').boundingBox())!;
    const counts = await boxes(page, '[data-testid="queue-menu"] .ant-badge');
    expect(counts.length).toBeGreaterThan(8);
    for (const c of counts) expect(c.right, `count ${c.text}`).toBeLessThanOrEqual(menu.x + menu.width);
  });
});
