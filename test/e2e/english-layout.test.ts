/**
 * English is a choice on every screen (PRODUCT.md §7), and English words are longer than Chinese ones:
 * at 1366×768 nothing an operator or a supervisor needs may be cut off — the intake form's
 * labels and buttons, every page link in the header, every queue's count, the wallboard's queue
 * strip and lights ring. Issue 16.10: what the server refuses and the categories it names read in
 * English too. Screenshots in test/artifacts/english-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { browserAvailable, DESK, launchBrowser, logIn, screenshotPath, screenshotWhenStill, expectAccessible } from '../support/browser';
import { intake, startTestServer, type TestServer } from '../support/server';

/** Chinese characters: none may show on an English screen (names and addresses typed by people aside). */
const CJK = /[\u3400-\u9fff]/;

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
  /** The element's height over its line height: under 1.8 on one line (antd pads labels to 1.5), over 2 when it wraps. */
  lines: number;
}

/** Each element's box and whether its own text is cut (wider than the box it is shown in). */
const boxes = (page: Page, selector: string): Promise<Box[]> =>
  page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      const lineHeight = parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.5;
      return {
        text: (e as HTMLElement).innerText,
        left: r.left,
        right: r.right,
        clipped: e.scrollWidth > e.clientWidth + 1,
        lines: Math.round((r.height / lineHeight) * 10) / 10,
      };
    }),
  );

describe.skipIf(!browserAvailable())('the console in English at 1366×768', () => {
  let t: TestServer;
  let browser: Browser;
  /** Accepted by the liaison's unit: the first-contact form is open to them. */
  let acceptedId = 0;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    // An earlier call from a number, with its category: the operator's history names it.
    const op = await t.login('operator2');
    const earlier = await op.post(
      '/api/tickets',
      intake({ contactPhone: '13955556666', description: '小区门口有人占道摆摊卖菜，早上堵路', categoryCode: 'street_vending' }),
    );
    expect(earlier.status).toBe(201);
    const filed = await op.post('/api/tickets', intake({ description: '门口占道摆摊没人管', categoryCode: 'street_vending', leadUnitId: t.units.d_chengguan }));
    expect(filed.status).toBe(201);
    acceptedId = filed.body.id as number;
    const liaison = await t.login('liaison');
    const accepted = await liaison.post(ticketCommandPath('accept', acceptedId), { version: filed.body.version });
    expect(accepted.status).toBe(200);
  }, 180_000);
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
    await expectAccessible(page, 'english-login');
    await logIn(page, t.url, 'operator');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByText('Intake record').waitFor();
    await context.close();
  });

  it('shows the whole intake form: no label cut, every button inside the form', async () => {
    const page = await loginInEnglish(browser, t.url, 'operator');
    await page.getByText('Intake record').waitFor();
    await page.screenshot({ path: screenshotPath('english-operator') });
    await expectAccessible(page, 'english-operator');
    const labels = await boxes(page, '.intake-card .ant-form-item-label > label');
    expect(labels.length).toBeGreaterThan(6);
    expect(labels.filter((l) => l.clipped).map((l) => l.text)).toEqual([]);
    expect(labels.filter((l) => l.lines > 1.8).map((l) => `${l.text} ${l.lines}`)).toEqual([]);
    // The three type buttons: each on one line, side by side.
    const types = await boxes(page, '.intake-card .ant-radio-button-wrapper');
    expect(types.map((b) => b.text)).toEqual(['1 Complaint / help', '2 Suggestion', '3 Consultation']);
    expect(types.filter((b) => b.clipped || b.lines > 1.8).map((b) => b.text)).toEqual([]);
    const tops = await page.locator('.intake-card .ant-radio-button-wrapper').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
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
    await expectAccessible(page, 'english-supervisor');
    const links = await boxes(page, '.shell-header .nav-link');
    expect(links.map((l) => l.text)).toEqual(['Call intake', 'Queues', 'Wallboard', 'Decisions', 'Rules', 'Knowledge', 'Supervision', 'Reports', 'Staffing']);
    const nav = (await page.locator('.shell-header .shell-nav').boundingBox())!;
    for (const l of links) expect(l.right, l.text).toBeLessThanOrEqual(nav.x + nav.width);
    const menu = (await page.getByTestId('queue-menu').boundingBox())!;
    const counts = await boxes(page, '[data-testid="queue-menu"] .ant-badge');
    expect(counts.length).toBeGreaterThan(8);
    for (const c of counts) expect(c.right, `count ${c.text}`).toBeLessThanOrEqual(menu.x + menu.width);
    const names = await boxes(page, '[data-testid="queue-menu"] .queue-menu-label');
    expect(names.filter((n) => n.clipped).map((n) => n.text)).toEqual([]);
    expect(await page.locator('.shell-header .user-name').innerText()).toBe('Supervisor 陈刚');
  });

  it('names an earlier ticket’s category in English in the caller’s history', async () => {
    const page = await loginInEnglish(browser, t.url, 'operator');
    await page.locator('#contactPhone').fill('13955556666');
    const item = page.getByTestId('caller-history-panel').getByTestId('history-item').first();
    await item.getByText('【Unlicensed stalls / street vending】').waitFor();
    await page.screenshot({ path: screenshotPath('english-history') });
    await expectAccessible(page, 'english-history');
  });

  it('shows the server’s refusal and its field message in English', async () => {
    const page = await loginInEnglish(browser, t.url, 'liaison');
    await page.goto(`${t.url}/unit?t=${acceptedId}`);
    const form = page.getByTestId('form-record_first_contact');
    await page.getByTestId('action-record_first_contact').waitFor();
    if (!(await form.isVisible())) await page.getByTestId('action-record_first_contact').click();
    await form.waitFor();
    // No note: the client sends it as it is and the server refuses it (validation_failed, fields.note).
    await form.getByTestId('form-record_first_contact-submit').click();
    const error = form.getByTestId('form-record_first_contact-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('Invalid input: Please fill in Contact notes');
    expect(await form.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual(['Please fill in Contact notes']);
    await page.screenshot({ path: screenshotPath('english-refusal') });
    await expectAccessible(page, 'english-refusal');

    // A stale version (as if someone else had acted first): the command is sent at version 1.
    await page.route(`**${ticketCommandPath('record_first_contact', acceptedId)}`, (route) =>
      route.continue({ postData: JSON.stringify({ ...(route.request().postDataJSON() as object), version: 1 }) }),
    );
    await form.locator('textarea').fill('Called the citizen');
    await form.getByTestId('form-record_first_contact-submit').click();
    await error.getByText('Someone else updated this ticket: reload and try again').waitFor();
    expect(await page.locator('body').innerText()).not.toContain('工单已被他人更新');
    // The field's old message leaves with antd's animation.
    await expect.poll(() => form.locator('.ant-form-item-explain-error').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('english-stale') });
    await expectAccessible(page, 'english-stale');
    expect(await page.getByTestId('ticket-category').innerText()).toBe('Unlicensed stalls / street vending');
  });

  it('keeps the wallboard’s queue strip on one line and the lights ring’s labels whole', async () => {
    const page = await loginInEnglish(browser, t.url, 'supervisor');
    await page.goto(`${t.url}/wallboard`);
    await page.getByTestId('wb-queues').waitFor();
    await page.getByTestId('wb-chart-lights').locator('canvas').waitFor();
    await screenshotWhenStill(page, screenshotPath('english-wallboard'));
    await expectAccessible(page, 'english-wallboard');
    const strip = await boxes(page, '[data-testid="wb-queues"]');
    const queues = await boxes(page, '[data-testid="wb-queues"] .wb-queue');
    expect(queues).toHaveLength(9);
    const tops = await page.locator('[data-testid="wb-queues"] .wb-queue').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops).size, 'the queue strip wraps').toBe(1);
    for (const q of queues) {
      expect(q.lines, q.text).toBeLessThan(1.8);
      expect(q.right, q.text).toBeLessThanOrEqual(strip[0]!.right + 1);
    }
    const legend = await boxes(page, '[data-testid="wb-lights-legend"] li');
    expect(legend.length).toBeGreaterThan(0);
    expect(legend.filter((l) => l.clipped || l.lines > 1.8).map((l) => l.text)).toEqual([]);
    const panel = (await page.locator('.wb-lights').boundingBox())!;
    for (const l of legend) expect(l.right, l.text).toBeLessThanOrEqual(panel.x + panel.width);
    for (const part of ['.wb-queues', '.wb-lights', '.wb-clusters', '.wb-states']) expect(await page.locator(part).innerText(), part).not.toMatch(CJK);
  });
});
