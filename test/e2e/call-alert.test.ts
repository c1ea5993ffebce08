/**
 * Issue 16 item 4 in a real browser (simulator mode): a waiting call flashes the tab's title,
 * Alt+J takes the longest-waiting call without the mouse, the title stops flashing, and when the
 * call ends Alt+W ends the wrap-up; the chime can be turned off and stays off.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/platform/config';
import { requestSimulatedCall } from '../../server/telephony/simulate-call';
import { browserAvailable, launchBrowser, loginAs, screenshotPath, expectAccessible } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { simulatorEnv } from '../support/telephony';

describe.skipIf(!browserAvailable())('a call an operator cannot miss', () => {
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

  it('flashes the title while a call waits; Alt+J takes it; Alt+W ends the wrap-up after it', async () => {
    const page = await loginAs(browser, t.url, 'operator');
    await page.getByTestId('incoming-calls').getByText('暂无来电').waitFor();
    const quiet = await page.title();
    expect(quiet).not.toContain('来电');

    await requestSimulatedCall({ config: loadConfig(simulatorEnv()), url: t.url, from: '13912345678', talk: 2 });
    await page.getByTestId('incoming-call').waitFor();
    await expect.poll(() => page.title(), { timeout: 5000 }).toBe('【来电 1】');
    await page.screenshot({ path: screenshotPath('call-alert-waiting') });
    await expectAccessible(page, 'call-alert-waiting');

    // Focus is in the form; the key works from anywhere on the page.
    await page.locator('#description').click();
    await page.keyboard.press('Alt+J');
    await page.getByTestId('my-call').waitFor();
    expect(await page.getByTestId('incoming-call').count()).toBe(0);
    await expect.poll(() => page.title(), { timeout: 5000 }).toBe(quiet);

    // The simulated caller hangs up after 2 s of talk: wrap-up; Alt+W: available again.
    const sup = await t.login('supervisor');
    const statusOf = async () =>
      ((await sup.get('/api/presence')).body.operators as { displayName: string; status: string }[]).find((o) => o.displayName.includes('话务员'))?.status;
    const operatorStatus = async () => {
      const me = (await t.login('operator')).user.id as number;
      return ((await sup.get('/api/presence')).body.operators as { userId: number; status: string }[]).find((o) => o.userId === me)?.status;
    };
    expect(await statusOf()).toBeDefined();
    await expect.poll(operatorStatus, { timeout: 15_000 }).toBe('wrap_up');
    await page.keyboard.press('Alt+W');
    await expect.poll(operatorStatus, { timeout: 5000 }).toBe('available');

    // The chime: on by default, off by a click, still off after a reload.
    const toggle = page.getByTestId('chime-toggle');
    expect(await toggle.innerText()).toContain('铃声 开');
    await toggle.click();
    expect(await toggle.innerText()).toContain('铃声 关');
    await page.reload();
    expect(await page.getByTestId('chime-toggle').innerText()).toContain('铃声 关');
    await page.context().close();
  });
});
