/**
 * The report a failing browser test prints (test/support/browser-journal.ts): each open page's
 * place, its API requests with their answers, and what it shows — with long digit runs masked.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, loginAs } from '../support/browser';
import { describeOpenPages } from '../support/browser-journal';
import { startTestServer, type TestServer } from '../support/server';

describe.skipIf(!browserAvailable())('failure report of a browser test', () => {
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

  it('names each open page, its API requests and answers, and its messages without long numbers', async () => {
    const page = await loginAs(browser, t.url, 'supervisor');
    await page.goto(`${t.url}/rules`);
    await page.getByTestId('rules-table').waitFor();
    // A refused write, as a confirmation's OK might send.
    await page.evaluate(() => fetch('/api/staffing/shifts/999999/retire', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    // A message as antd draws one, holding a citizen's number.
    await page.evaluate(() => {
      const notice = document.createElement('div');
      notice.className = 'ant-message-notice';
      notice.textContent = '已保存 13912345678';
      document.body.append(notice);
    });
    const report = await describeOpenPages();
    const own = report.split('[e2e] page ').find((p) => p.startsWith('/rules'));
    expect(own).toBeDefined();
    expect(own).toMatch(/POST \/api\/auth\/login → 200/);
    expect(own).toMatch(/GET \/api\/dispatch-rules\/versions\/latest → 200/);
    expect(own).toMatch(/POST \/api\/staffing\/shifts\/999999\/retire sent\n.*POST \/api\/staffing\/shifts\/999999\/retire → 4\d\d/);
    expect(own).toContain('on screen, message: 已保存 ###########');
    expect(report).not.toContain('13912345678');
    await page.context().close();
    expect(await describeOpenPages()).not.toContain('[e2e] page /rules');
  });
});
