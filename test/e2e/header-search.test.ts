/**
 * Issue 16.6 in a real browser, from the keyboard: Ctrl+K (or /) opens the header search on any staff
 * screen; words, a ticket number or a full phone number find tickets across all time within what
 * the user may read; ↓ and Enter open one. A phone search is logged and never travels in a URL; an
 * incomplete number is refused in the tab without asking the server.
 */
import { count, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { browserAvailable, launchBrowser, loginAs, screenshotPath, screenshotWhenStill } from '../support/browser';
import { intake, startTestServer, type TestServer } from '../support/server';

const PHONE = '13944445555';

describe.skipIf(!browserAvailable())('the header search (issue 16.6)', () => {
  let t: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const made: { id: number; number: string }[] = [];
  const searchRequests: { url: string; body: string | null }[] = [];
  const logged = async () => (await t.database.db.select({ n: count() }).from(events).where(eq(events.type, 'search.phone_searched')))[0]!.n;

  const watch = (page: Page) =>
    page.on('request', (r) => {
      if (r.url().includes('/api/')) searchRequests.push({ url: r.url(), body: r.postData() });
    });
  const active = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    const op = await t.login('operator');
    for (const patch of [
      { description: '楼道里堆放杂物，堵住消防通道', address: '沪亭北路218弄5号', leadUnitId: t.units.d_safety },
      { description: '小区门口占道经营，早上堵路', address: '沪亭北路218弄9号', leadUnitId: t.units.d_chengguan },
      { description: '路灯坏了一个星期，晚上走路不安全', address: '九亭大街300号', leadUnitId: t.units.d_municipal },
    ]) {
      const res = await op.post('/api/tickets', intake({ contactPhone: PHONE, ...patch }));
      expect(res.status).toBe(201);
      made.push({ id: res.body.id, number: res.body.number });
    }
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a supervisor: Ctrl+K, words of the address, ↓ and Enter open the second hit', async () => {
    const page = await loginAs(browser, t.url, 'supervisor');
    watch(page);
    await page.keyboard.press('Control+K');
    await expect.poll(() => active(page)).toBe('header-search');
    await page.keyboard.type('沪亭北路218弄');
    const hits = page.getByTestId('search-hit');
    await expect.poll(() => hits.count()).toBe(2);
    // Newest first; the first is chosen.
    expect(await hits.nth(0).getAttribute('data-number')).toBe(made[1]!.number);
    expect(await hits.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await hits.nth(1).getAttribute('aria-selected')).toBe('true');
    await screenshotWhenStill(page, screenshotPath('search-supervisor'));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/tickets/${made[0]!.id}`);
    await page.locator(`[data-testid="ticket-panel"][data-ticket="${made[0]!.number}"]`).waitFor();
    expect(await page.getByTestId('search-panel').count()).toBe(0);
    await page.context().close();
  });

  it('an operator: / opens it outside a text field; a ticket number finds the ticket; a phone search is logged, the number in no URL', async () => {
    const page = await loginAs(browser, t.url, 'operator');
    watch(page);
    // The intake form has the focus: / types there, Ctrl+K opens the search.
    await expect.poll(() => active(page)).toBe('contactName');
    await page.keyboard.press('Control+K');
    await expect.poll(() => active(page)).toBe('header-search');
    await page.keyboard.type(made[2]!.number.toLowerCase());
    await page.getByTestId('search-hit').first().waitFor();
    expect(await page.getByTestId('search-hit').first().getAttribute('data-number')).toBe(made[2]!.number);
    await page.keyboard.press('Escape');
    await page.getByTestId('search-panel').waitFor({ state: 'detached' });

    // An incomplete number is refused in the tab: nothing asked, nothing logged.
    await page.locator('body').focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('/');
    await expect.poll(() => active(page)).toBe('header-search');
    const before = await logged();
    const asked = searchRequests.length;
    await page.keyboard.type('1394444');
    await page.getByTestId('search-status').filter({ hasText: '请输入完整的电话号码' }).waitFor();
    await page.waitForTimeout(500);
    expect(searchRequests.slice(asked).filter((r) => r.url.endsWith('/api/search'))).toEqual([]);

    await page.keyboard.type('5555');
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(3);
    expect(await page.getByTestId('search-results').innerText()).toContain('139****5555');
    await expect.poll(logged).toBe(before + 1);
    await screenshotWhenStill(page, screenshotPath('search-operator-phone'));
    for (const r of searchRequests) expect(r.url).not.toContain('1394444');
    expect(searchRequests.filter((r) => r.url.endsWith('/api/search')).every((r) => r.body?.startsWith('{"q":'))).toBe(true);
    await page.context().close();
  });

  it('a liaison finds only its unit’s tickets, in English', async () => {
    const page = await loginAs(browser, t.url, 'liaison');
    await page.evaluate(() => localStorage.setItem('hotline.locale', 'en'));
    await page.reload();
    await page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.keyboard.press('Control+K');
    await page.keyboard.type(PHONE);
    expect(await page.locator('#header-search').inputValue()).toBe(PHONE);
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(1);
    expect(await page.getByTestId('search-hit').getAttribute('data-number')).toBe(made[1]!.number);
    await page.keyboard.press('Escape');
    // Typed the instant after Ctrl+K: nothing is lost on the way to the box.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('消防通道');
    expect(await page.locator('#header-search').inputValue()).toBe('消防通道');
    await page.getByTestId('search-status').filter({ hasText: 'No tickets found' }).waitFor();
    await screenshotWhenStill(page, screenshotPath('search-liaison-en'));
    await page.context().close();
  });
});
