/**
 * Issue 2's path end to end in a real browser: an operator logs a call; a supervisor's page
 * and the lead unit's liaison page show it live without reload; another unit's page does not.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshotPath, loginAs, expectAccessible } from '../support/browser';
import { intake, startTestServer, type TestServer } from '../support/server';

describe.skipIf(!browserAvailable())('operator intake appears live on other screens', () => {
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

  it('shows a saved intake record on the supervisor and unit screens without reload', async () => {
    const supervisor = await loginAs(browser, t.url, 'supervisor');
    await supervisor.goto(`${t.url}/supervisor`);
    await supervisor.getByTestId('live-status').and(supervisor.locator('[data-status="live"]')).waitFor();
    const unitA = await loginAs(browser, t.url, 'liaison-d-environment');
    const unitB = await loginAs(browser, t.url, 'liaison-d-housing');
    const operator = await loginAs(browser, t.url, 'operator');
    expect(operator.url()).toContain('/operator');

    const before = Number(await supervisor.getByTestId('count-dispatched').locator('.ant-statistic-content-value').innerText());

    // The whole record from the keyboard: type by Alt+key, Tab through the fields.
    await operator.locator('#contactName').focus();
    await operator.keyboard.press('Alt+1');
    await operator.keyboard.type('刘先生');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('13812345678');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('涞坊路1111弄12号');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('楼下饭店油烟很大，晚上十点还在排放');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('生态环境');
    await operator.keyboard.press('Enter');
    await operator.keyboard.press('Control+Enter');

    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已派单' });
    await toast.waitFor();
    const number = (await toast.innerText()).match(/ZX\d{8}-\d{4}/)![0];

    // No reload anywhere: the row arrives over the socket. (Latency is measured in `npm run bench`.)
    await supervisor.getByTestId('supervisor-queue').getByText(number).waitFor({ timeout: 10_000 });
    await unitA.getByTestId('unit-queue').getByText(number).waitFor({ timeout: 5000 });
    const after = Number(await supervisor.getByTestId('count-dispatched').locator('.ant-statistic-content-value').innerText());
    expect(after).toBe(before + 1);

    await operator.screenshot({ path: screenshotPath('operator-intake') });
    await expectAccessible(operator, 'operator-intake');
    await supervisor.screenshot({ path: screenshotPath('supervisor-queue') });
    await expectAccessible(supervisor, 'supervisor-queue');
    await unitA.screenshot({ path: screenshotPath('unit-queue') });
    await expectAccessible(unitA, 'unit-queue');

    // Another unit never sees it. Its screen's socket gets events in the order they were sent, so
    // once a later ticket for that unit is on its screen, the first one is not coming.
    const later = await (await t.login('operator2')).post('/api/tickets', intake({ leadUnitId: t.units.d_housing, contactPhone: '13900002222' }));
    expect(later.status).toBe(201);
    await unitB.getByTestId('unit-queue').getByText(later.body.number).waitFor({ timeout: 10_000 });
    expect(await unitB.getByText(number).count()).toBe(0);
  });
});
