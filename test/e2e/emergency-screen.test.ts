/**
 * Issue 16.3 in a real browser, from the keyboard: "家里着火了" and Ctrl+Enter at once (before the
 * banner could be read) does not dispatch a house fire to a town office. The form stops on the
 * emergency prompt, the transfer focused: Enter closes the record on the call as a transfer to 119;
 * 2, a reason and Enter keep it as an ordinary ticket with the override in its event; Esc goes back.
 */
import { asc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, tickets } from '../../db/schema';
import { browserAvailable, launchBrowser, loginAs, screenshotPath, screenshotWhenStill, expectAccessible } from '../support/browser';
import { fileOpen311Request } from '../support/open311';
import { startTestServer, type TestServer } from '../support/server';
import { openAction, submit } from '../support/ticket-actions';

const active = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.id ?? document.activeElement?.tagName ?? '');

describe.skipIf(!browserAvailable())('the emergency screen on save (issue 16.3)', () => {
  let t: TestServer;
  let browser: Browser;
  let operator: Page;
  const rowsOf = (phone: string) => t.database.db.select().from(tickets).where(eq(tickets.contactPhone, phone));
  const eventsOf = async (ticketId: number) =>
    (await t.database.db.select().from(events).where(eq(events.ticketId, ticketId)).orderBy(asc(events.seq))).map((e) => ({
      type: e.type,
      payload: e.payload as Record<string, unknown>,
    }));

  /** Name, phone, address, description — then Ctrl+Enter at once, as a hurried operator does. */
  const typeFireAndDispatch = async (phone: string) => {
    await expect.poll(() => active(operator)).toBe('contactName');
    await operator.keyboard.press('Alt+1');
    await operator.keyboard.type('王女士');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type(phone);
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('涞坊路1111弄12号');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('家里着火了');
    await operator.keyboard.press('Control+Enter');
    await operator.getByTestId('emergency-prompt').waitFor();
  };

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    operator = await loginAs(browser, t.url, 'operator');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('Ctrl+Enter on "家里着火了" stops on the prompt; Enter hands the caller to 119 and closes the record as a transfer', async () => {
    await typeFireAndDispatch('13700137101');
    await expect.poll(() => active(operator)).toBe('emergency-transfer');
    expect(await operator.getByTestId('emergency-prompt').innerText()).toContain('1 已告知拨打 119，转 119 当场办结 (Enter)');
    await screenshotWhenStill(operator, screenshotPath('emergency-prompt'));
    await expectAccessible(operator, 'emergency-prompt');
    expect(await rowsOf('13700137101')).toEqual([]);
    await operator.keyboard.press('Enter');
    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已转 119' });
    await toast.waitFor();
    const [row] = await rowsOf('13700137101');
    expect(row).toMatchObject({ state: 'closed_on_call', leadUnitId: null });
    const written = await eventsOf(row!.id);
    expect(written.map((e) => e.type)).toEqual(['ticket.registered', 'ticket.closed_on_call']);
    expect(written[1]!.payload).toMatchObject({ reason: 'out_of_scope_emergency', transferredTo: '119', note: '紧急情况，已告知市民立即拨打119' });
    // The form is empty and ready for the next call.
    await expect.poll(() => active(operator)).toBe('contactName');
    expect(await operator.locator('#description').inputValue()).toBe('');
    await toast.waitFor({ state: 'detached' });
  });

  it('Esc goes back to the form with nothing saved', async () => {
    await typeFireAndDispatch('13700137102');
    await operator.keyboard.press('Escape');
    await operator.getByTestId('emergency-prompt').waitFor({ state: 'detached' });
    expect(await operator.locator('#description').inputValue()).toBe('家里着火了');
    expect(await rowsOf('13700137102')).toEqual([]);
  });

  it('2, a reason and Enter keep it as an ordinary ticket, dispatched, with the override and reason in its event', async () => {
    // The record of the last test is still in the form: Ctrl+Enter again.
    await operator.locator('#description').focus();
    await operator.keyboard.press('Control+Enter');
    await operator.getByTestId('emergency-prompt').waitFor();
    // 2 the instant the prompt shows, during its opening animation: the reason keeps the focus.
    await operator.keyboard.press('2');
    await expect.poll(() => active(operator)).toBe('emergency-reason');
    await operator.waitForTimeout(600);
    expect(await active(operator)).toBe('emergency-reason');
    // Enter with too short a reason does nothing.
    await operator.keyboard.type('不是');
    await operator.keyboard.press('Enter');
    await operator.waitForTimeout(300);
    expect(await rowsOf('13700137102')).toEqual([]);
    expect(await operator.getByTestId('emergency-prompt').isVisible()).toBe(true);
    await operator.keyboard.type('，火已扑灭，反映物业不修烧坏的电线');
    await screenshotWhenStill(operator, screenshotPath('emergency-override'));
    await expectAccessible(operator, 'emergency-override');
    await operator.keyboard.press('Enter');
    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已派单' });
    await toast.waitFor();
    const [row] = await rowsOf('13700137102');
    expect(row).toMatchObject({ state: 'dispatched' });
    const written = await eventsOf(row!.id);
    expect(written.map((e) => e.type)).toEqual(['ticket.registered', 'ticket.emergency_overridden', 'ticket.dispatched']);
    expect(written[1]!.payload).toEqual({ number: '119', reason: '不是，火已扑灭，反映物业不修烧坏的电线' });
  });

  it('a fire reported online (never screened) asks the supervisor for a reason at its first dispatch; nothing is sent without one', async () => {
    const filed = await fileOpen311Request(t.url, { address_string: '易富路88弄', phone: '13700137103', description: '楼下着火了，浓烟很大' });
    expect(filed.status).toBe(200);
    const [row] = await rowsOf('13700137103');
    const supervisor = await loginAs(browser, t.url, 'supervisor');
    await supervisor.goto(`${t.url}/tickets/${row!.id}`);
    const form = await openAction(supervisor, 'dispatch');
    await form.getByTestId('dispatch-emergency').getByText('紧急情况（119）').waitFor();
    await form.getByTestId('dispatch-unit').click();
    await supervisor.keyboard.type('生态环境');
    await supervisor.keyboard.press('Enter');
    await form.getByTestId('dispatch-unit').getByText('镇生态环境办').waitFor();
    // Without a reason the server refuses, on the reason field; the ticket stays registered.
    await form.getByTestId('form-dispatch-submit').click();
    await form.locator('.ant-form-item-explain-error').filter({ hasText: '不按紧急情况处理的理由' }).first().waitFor();
    expect((await rowsOf('13700137103'))[0]!.state).toBe('registered');
    await form.getByTestId('dispatch-emergency-reason').fill('网上反映的是火灾后烧毁杂物无人清理，火已扑灭');
    // Typing the reason clears the server's word on the field.
    await form.locator('.ant-form-item-explain-error').first().waitFor({ state: 'detached' });
    await screenshotWhenStill(supervisor, screenshotPath('emergency-dispatch-override'));
    await expectAccessible(supervisor, 'emergency-dispatch-override');
    await submit(form);
    expect((await rowsOf('13700137103'))[0]!.state).toBe('dispatched');
    const written = await eventsOf(row!.id);
    expect(written.map((e) => e.type).slice(-2)).toEqual(['ticket.emergency_overridden', 'ticket.dispatched']);
  });
});
