/**
 * A reload must not lose a caller's record (the caller is still on the line): what the operator
 * typed comes back after F5, and a save whose answer never reached the browser, sent again after
 * the reload, finds the ticket it already made — one ticket, not two. Log-out clears the draft.
 */
import { eq } from 'drizzle-orm';
import type { Page, Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, tickets } from '../../db/schema';
import { loadConfig } from '../../server/platform/config';
import { requestSimulatedCall } from '../../server/telephony/simulate-call';
import { browserAvailable, launchBrowser, logIn, loginAs, screenshotPath, expectAccessible } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { eventually, simulatorEnv } from '../support/telephony';

const active = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
/** When the kept record says the call began (the form's 来电日期). */
const keptStart = (page: Page) =>
  page
    .evaluate(() => Object.entries(sessionStorage).find(([k]) => k.startsWith('hotline.intake-draft.'))?.[1])
    .then((raw) => (raw ? (JSON.parse(raw) as { startedAt: string }).startedAt : null));
const fieldValues = (page: Page) =>
  page.evaluate(() =>
    ['contactName', 'contactPhone', 'address', 'description'].map((id) => (document.getElementById(id) as HTMLInputElement | null)?.value ?? null),
  );

describe.skipIf(!browserAvailable())('the intake record survives a reload', () => {
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

  const ticketsOf = (phone: string) => t.database.db.select().from(tickets).where(eq(tickets.contactPhone, phone));

  it('brings the typed record back after F5, and a save whose answer was lost makes one ticket', async () => {
    const page = await loginAs(browser, t.url, 'operator');
    await expect.poll(() => active(page)).toBe('contactName');
    await page.keyboard.type('赵先生');
    await page.keyboard.press('Tab');
    await page.keyboard.type('13611112222');
    await page.keyboard.press('Tab');
    await page.keyboard.type('颐亭花园5号楼');
    await page.keyboard.press('Tab');
    await page.keyboard.type('楼下饭店油烟很大，窗户都不敢开');
    const began = await keptStart(page);
    expect(began).toMatch(/^\d{4}-/);

    await page.reload();
    await page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.locator('.ant-message-notice').filter({ hasText: '已恢复刷新前未保存的工单信息记录' }).waitFor();
    expect(await fieldValues(page)).toEqual(['赵先生', '13611112222', '颐亭花园5号楼', '楼下饭店油烟很大，窗户都不敢开']);
    // The call began when it began, not at the reload.
    expect(await keptStart(page)).toBe(began);
    // The suggestion follows the restored description as it did before.
    await page
      .getByTestId('suggestions')
      .getByText(/油烟扰民/)
      .waitFor();
    await page.screenshot({ path: screenshotPath('intake-draft-restored') });
    await expectAccessible(page, 'intake-draft-restored');

    // The save reaches the console, but its answer never reaches the browser. (Only the first
    // POST: the shift list's own GETs go through, and do not use the interception up.)
    const ticketsUrl = `${t.url}/api/tickets`;
    let dropped = false;
    await page.route(ticketsUrl, async (route) => {
      if (route.request().method() !== 'POST' || dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort('failed');
    });
    await page.keyboard.press('Control+Enter');
    await page.locator('.ant-message-notice').filter({ hasText: '网络错误' }).waitFor();
    await page.unroute(ticketsUrl);
    await expect.poll(async () => (await ticketsOf('13611112222')).length).toBe(1);

    // The operator reloads and saves again: the same record, the same ticket.
    await page.reload();
    await page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();
    await expect.poll(() => fieldValues(page)).toEqual(['赵先生', '13611112222', '颐亭花园5号楼', '楼下饭店油烟很大，窗户都不敢开']);
    await page
      .getByTestId('suggestions')
      .getByText(/油烟扰民/)
      .waitFor();
    await page.keyboard.press('Control+Enter');
    const toast = page.locator('.ant-message-notice').filter({ hasText: '已派单' });
    await toast.waitFor();
    const [only, ...more] = await ticketsOf('13611112222');
    expect(more).toEqual([]);
    expect(await toast.innerText()).toContain(only!.number);

    // Saved: nothing comes back after another reload.
    await page.reload();
    await page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();
    await expect.poll(() => active(page)).toBe('contactName');
    expect(await fieldValues(page)).toEqual(['', '', '', '']);
  });

  it('keeps the record linked to the call it is taken from across the reload', async () => {
    const page = await loginAs(browser, t.url, 'operator');
    await page.getByTestId('incoming-calls').getByText('暂无来电').waitFor();
    await requestSimulatedCall({ config: loadConfig(simulatorEnv()), url: t.url, from: '13955557777', talk: 120 });
    await page.getByTestId('incoming-call').getByTestId('take-call').click();
    await page.getByTestId('linked-call').getByText('关联来电 13955557777').waitFor();
    await expect.poll(() => active(page)).toBe('contactName');
    await page.keyboard.type('孙先生');
    await page.locator('#address').fill('颐亭花园7号楼');
    await page.locator('#description').fill('小区路灯坏了一个多星期');

    await page.reload();
    await page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();
    await page.getByTestId('linked-call').getByText('关联来电 13955557777').waitFor();
    expect(await fieldValues(page)).toEqual(['孙先生', '13955557777', '颐亭花园7号楼', '小区路灯坏了一个多星期']);
    await page.locator('#description').focus();
    await page.keyboard.press('Control+s');
    const toast = page.locator('.ant-message-notice').filter({ hasText: '已登记工单' });
    await toast.waitFor();
    const number = (await toast.innerText()).match(/ZX\d{8}-\d{4}/)![0];
    const [ticket] = await t.database.db.select().from(tickets).where(eq(tickets.number, number));
    const call = await eventually(async () => (await t.database.db.select().from(calls).where(eq(calls.ticketId, ticket!.id)))[0]);
    expect(call).toMatchObject({ citizenPhone: '13955557777' });
  });

  it('forgets the draft on log-out: the next person at the desk starts empty', async () => {
    const page = await loginAs(browser, t.url, 'operator');
    await expect.poll(() => active(page)).toBe('contactName');
    await page.keyboard.type('钱女士');
    await page.keyboard.press('Tab');
    await page.keyboard.type('13733334444');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.locator('#username').waitFor();
    await logIn(page, t.url, 'operator2');
    await expect.poll(() => active(page)).toBe('contactName');
    expect(await fieldValues(page)).toEqual(['', '', '', '']);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('hotline.intake-draft.')))).toEqual([]);
  });
});
