/**
 * Issue 16 item 2 in a real browser, from the keyboard: an address only where a unit must go. A
 * consultation answered from the knowledge base and an emergency handed to 119 are closed on the
 * call with no address typed; saving the emergency as a dispatch still asks for one.
 */
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { browserAvailable, launchBrowser, loginAs, screenshotPath } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

const active = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? '');

describe.skipIf(!browserAvailable())('no address where no unit must go (issue 16)', () => {
  let t: TestServer;
  let browser: Browser;
  let operator: Page;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    operator = await loginAs(browser, t.url, 'operator');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('closes a consultation answered from the knowledge base with no address typed', async () => {
    await expect.poll(() => active(operator)).toBe('contactName');
    await operator.keyboard.press('Alt+3');
    await operator.keyboard.type('李先生');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('13800138000');
    await operator.keyboard.press('Tab');
    expect(await active(operator)).toBe('address');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('请问居住证怎么办理，要带什么材料');
    await operator.getByTestId('knowledge-panel').getByTestId('kb-item').first().getByText('居住证办理').waitFor();
    await operator.keyboard.press('Alt+K');
    await expect.poll(() => active(operator)).toBe('kb-search');
    await operator.keyboard.press('Enter');
    await operator.getByTestId('close-dialog').waitFor();
    await expect
      .poll(() => operator.locator('[data-testid="close-dialog"] input[type=radio]:checked').getAttribute('value'))
      .toBe('answered_from_knowledge_base');
    await operator.screenshot({ path: screenshotPath('address-none-consultation') });
    await operator.keyboard.press('Enter');
    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已当场办结' });
    await toast.waitFor();
    const number = (await toast.innerText()).match(/ZX\d{8}-\d{4}/)![0];
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.number, number));
    expect(row).toMatchObject({ type: 'consultation', state: 'closed_on_call', address: '', communityUnitId: null });
    expect(await operator.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual([]);
    await toast.waitFor({ state: 'detached' });
  });

  it('hands an emergency to 119 and closes it with no address typed', async () => {
    await expect.poll(() => active(operator)).toBe('contactName');
    await operator.keyboard.press('Alt+1');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('13700137000');
    await operator.keyboard.press('Tab');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('家里厨房着火了，好多烟');
    await operator.getByTestId('emergency-banner').getByText('紧急情况：请立即告知来电人拨打 119').waitFor();
    await operator.keyboard.press('Alt+C');
    await operator.getByTestId('close-dialog').waitFor();
    await expect.poll(() => operator.locator('[data-testid="close-dialog"] input[type=radio]:checked').getAttribute('value')).toBe('out_of_scope_emergency');
    await operator.screenshot({ path: screenshotPath('address-none-emergency') });
    await operator.keyboard.press('Enter');
    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已当场办结' });
    await toast.waitFor();
    const number = (await toast.innerText()).match(/ZX\d{8}-\d{4}/)![0];
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.number, number));
    expect(row).toMatchObject({ state: 'closed_on_call', address: '' });
    expect((row!.detail as { closedReason: string }).closedReason).toBe('out_of_scope_emergency');
  });

  it('still asks for the address where a unit must go: a complaint saved for dispatch', async () => {
    await expect.poll(() => active(operator)).toBe('contactName');
    await operator.keyboard.press('Alt+1');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('13700137001');
    await operator.keyboard.press('Tab');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('楼下饭店油烟很大，晚上十点还在排放');
    await operator.keyboard.press('Control+Enter');
    await operator.locator('.ant-form-item-explain-error').getByText('请填写诉求地址').waitFor();
    await operator.screenshot({ path: screenshotPath('address-needed-dispatch') });
    expect(await t.database.db.select().from(tickets).where(eq(tickets.contactPhone, '13700137001'))).toEqual([]);
  });
});
