/**
 * Issue 7's supervisor page in a real browser: the dispatch rule table with unit selects; saving
 * publishes a new version that another supervisor's open page shows live, and that the next
 * suggestion already follows.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerTo, browserAvailable, launchBrowser, screenshotPath, loginAs, expectAccessible } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

async function openRules(page: Page, url: string) {
  await page.goto(`${url}/rules`);
  await page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();
  await page.getByTestId('rules-table').locator('tbody tr').nth(18).waitFor();
}

describe.skipIf(!browserAvailable())('dispatch rule page', () => {
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

  it('edits a lead unit, publishes version 2, and another supervisor sees it live', async () => {
    const editor = await loginAs(browser, t.url, 'supervisor');
    await openRules(editor, t.url);
    const watcher = await loginAs(browser, t.url, 'supervisor');
    await openRules(watcher, t.url);
    expect(await editor.getByTestId('rules-version').innerText()).toBe('当前版本 v1');
    expect(await editor.getByTestId('rules-table').locator('tbody tr').count()).toBe(19);
    await editor.screenshot({ path: screenshotPath('rules-page'), fullPage: true });
    await expectAccessible(editor, 'rules-page');

    // Noise: the 城管中队 leads instead of the environment office.
    await editor.getByTestId('lead-noise').click();
    await editor.keyboard.type('城管中队');
    await editor.keyboard.press('Enter');
    await editor.getByText('已修改 1 项').waitFor();
    await editor.screenshot({ path: screenshotPath('rules-page-edited') });
    await expectAccessible(editor, 'rules-page-edited');

    await editor.getByTestId('rules-publish').click();
    await editor.locator('.ant-modal-confirm').getByText('已修改 1 项').waitFor();
    // The request and its answer first: were the page to stay, the failure says which side held it.
    const published = await answerTo(editor, 'POST', '/api/dispatch-rules', () => editor.locator('.ant-modal-confirm .ant-btn-primary').click());
    expect(published.status()).toBe(201);
    await editor.locator('.ant-message-notice').filter({ hasText: '已发布派单规则 v2' }).waitFor();
    await editor.getByTestId('rules-version').filter({ hasText: 'v2' }).waitFor();
    await editor.getByTestId('rules-history').getByText('镇生态环境办 → 九亭镇城管中队').waitFor();

    // The other supervisor's page takes the new version without a reload.
    await watcher.getByTestId('rules-version').filter({ hasText: 'v2' }).waitFor({ timeout: 5000 });
    expect(await watcher.getByTestId('lead-noise').innerText()).toContain('九亭镇城管中队');
    await watcher.screenshot({ path: screenshotPath('rules-page-published') });
    await expectAccessible(watcher, 'rules-page-published');

    const sup = await t.login('supervisor');
    const latest = (await sup.get('/api/dispatch-rules/versions/latest')).body;
    expect(latest.version).toBe(2);
    expect(latest.rules.find((r: { categoryCode: string }) => r.categoryCode === 'noise').leadUnitId).toBe(t.units.d_chengguan);
    const suggestion = (await sup.post('/api/suggest', { text: '隔壁装修电钻声音太吵了' })).body;
    expect(suggestion.top[0]).toMatchObject({ code: 'noise', lead: { name: '九亭镇城管中队' } });
  });

  it('reads in English too', async () => {
    const page = await loginAs(browser, t.url, 'supervisor');
    await openRules(page, t.url);
    await page.locator('.ant-segmented-item', { hasText: 'EN' }).click();
    await page.getByText('Dispatch rule table').waitFor();
    expect(await page.getByTestId('rules-table').locator('tbody tr').last().innerText()).toContain('Territorial (community of the address)');
    await page.screenshot({ path: screenshotPath('rules-page-en') });
    await expectAccessible(page, 'rules-page-en');
    await page.locator('.ant-segmented-item', { hasText: '中文' }).click();
  });

  it('is not offered to operators', async () => {
    const operator = await loginAs(browser, t.url, 'operator');
    expect(await operator.locator('.nav-link', { hasText: '派单规则' }).count()).toBe(0);
    await operator.goto(`${t.url}/rules`);
    await operator.waitForURL((u) => !u.pathname.startsWith('/rules'));
  });
});
