/**
 * Issue 4 in a real browser: the operator logs calls with the keyboard alone — a complaint
 * dispatched to the lead and assisting units the classifier suggested, with the caller's history
 * beside the form; a consultation answered from the knowledge base and closed on the call; an
 * emergency the loud banner sends to 119; a ticket of the shift opened from its list. No mouse
 * event reaches the page. The operator's page downloads no charts (the wallboard is a lazy chunk)
 * and no antd Table: the JavaScript it loads is measured.
 */
import { gzipSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeUses, tickets } from '../../db/schema';
import { browserAvailable, launchBrowser, screenshotPath, logIn, expectAccessible } from '../support/browser';
import { intake, startTestServer, type TestServer } from '../support/server';

interface Script {
  path: string;
  gzipBytes: number;
  echarts: boolean;
  /** antd's Table (rc-table): the supervisor's queues use it, the operator's shift list does not. */
  table: boolean;
}

async function loginAs(browser: Browser, url: string, username: string, scripts: string[] = []): Promise<{ page: Page; js: Script[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  for (const s of scripts) await page.addInitScript(s);
  const js: Script[] = [];
  page.on('response', async (r) => {
    if (r.request().resourceType() !== 'script') return;
    const body = await r.body().catch(() => null);
    if (body)
      js.push({ path: new URL(r.url()).pathname, gzipBytes: gzipSync(body).length, echarts: body.includes('echarts'), table: body.includes('"rc-table"') });
  });
  await logIn(page, url, username);
  return { page, js };
}

/** Counts trusted mouse events: a keyboard-only flow must not produce any. */
const COUNT_MOUSE = `window.__mouse = 0; for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown']) addEventListener(type, (e) => { if (e.isTrusted && e.detail !== 0) window.__mouse++; }, true);`;

const checkedReason = (page: Page) => page.locator('[data-testid="close-dialog"] input[type=radio]:checked').getAttribute('value');
const active = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? '');
/** The close dialog has the keyboard (a person sees it open before pressing Enter). */
const dialogHasFocus = (page: Page) =>
  expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="close-dialog"]')))).toBe(true);
/** What the operator would see when a step hangs: toasts, field errors, the dialog, the focus. */
async function onScreen(page: Page): Promise<string> {
  await page.screenshot({ path: screenshotPath('console-operator-failure') }).catch(() => undefined);
  return JSON.stringify({
    toasts: await page.locator('.ant-message-notice').allInnerTexts(),
    fieldErrors: await page.locator('.ant-form-item-explain-error').allInnerTexts(),
    dialog: await page.getByTestId('close-dialog').isVisible(),
    focus: await active(page),
  });
}

describe.skipIf(!browserAvailable())('operator console from the keyboard', () => {
  let t: TestServer;
  let browser: Browser;
  let operator: Page;
  let scripts: Script[];
  let consultationNumber = '';
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    // An earlier call from the same citizen: the history must show beside the form.
    const api = await t.login('operator2');
    await api.post('/api/tickets', intake({ contactPhone: '13912345678', address: '颐亭花园12号楼', description: '小区门口垃圾桶满了好几天没人清运' }));
    ({ page: operator, js: scripts } = await loginAs(browser, t.url, 'operator', [COUNT_MOUSE]));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('logs a complaint and dispatches it without the mouse, in well under a minute', async () => {
    expect(operator.url()).toContain('/operator');
    const started = Date.now();
    // The cursor starts in the form: nothing to click.
    expect(await active(operator)).toBe('contactName');
    await operator.keyboard.press('Alt+1');
    await operator.keyboard.type('王女士');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('13912345678');
    await operator.keyboard.press('Tab');
    expect(await active(operator)).toBe('address');
    await operator.keyboard.type('颐亭花园12号楼');
    await operator.keyboard.press('Tab');
    expect(await active(operator)).toBe('description');
    await operator.keyboard.type('楼下饭店油烟很大，晚上十点还在排放，窗户都不敢开');
    // While typing: the caller's history (second call from this number) and the suggestion.
    await operator.getByTestId('repeat-count').getByText('第2次来电').waitFor();
    await operator.getByTestId('caller-history-panel').getByText('小区门口垃圾桶满了').waitFor();
    await operator
      .getByTestId('suggestions')
      .getByText(/油烟扰民/)
      .waitFor();
    await operator
      .getByTestId('address-resolved')
      .getByText(/颐亭居委会/)
      .waitFor();
    await operator.locator('#leadUnitId').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]').getByText('镇生态环境办').waitFor();
    await operator.screenshot({ path: screenshotPath('console-operator') });
    await expectAccessible(operator, 'console-operator');
    await operator.keyboard.press('Control+Enter');
    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已派单' });
    await toast.waitFor();
    const elapsed = (Date.now() - started) / 1000;
    const number = (await toast.innerText()).match(/ZX\d{8}-\d{4}/)![0];
    console.log(`[console] complaint logged and dispatched from the keyboard in ${elapsed.toFixed(1)} s`);
    expect(elapsed).toBeLessThan(60);

    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.number, number));
    // Dispatched in one step to the lead unit and the assisting unit of the rule (油烟: 生态环境办 + 市场监管所).
    expect(row).toMatchObject({
      state: 'dispatched',
      categoryCode: 'cooking_fumes',
      leadUnitId: t.units.d_environment,
      assistUnitIds: [t.units.d_market],
      contactName: '王女士',
      repeatCount: 1,
    });
    // The record is on the operator's shift list at once, and the form is ready for the next call.
    await operator.getByTestId('operator-queue').locator(`[data-number="${number}"]`).getByText('已派单').waitFor();
    expect(await active(operator)).toBe('contactName');
    expect(await operator.locator('#description').inputValue()).toBe('');
    expect(await operator.evaluate(() => (window as unknown as { __mouse: number }).__mouse)).toBe(0);
  });

  it('answers a consultation from the knowledge base and closes it on the call, keyboard only', async () => {
    await operator.keyboard.press('Alt+3');
    await operator.keyboard.type('李先生');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('13800138000');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('九亭大街158弄');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('请问居住证怎么办理，要带什么材料');
    // A consultation shows the knowledge base, searched from the description.
    await operator.getByTestId('knowledge-panel').getByTestId('kb-item').first().getByText('居住证办理').waitFor();
    await operator
      .getByTestId('kb-answer')
      .getByText(/居住登记/)
      .waitFor();
    await operator.keyboard.press('Alt+K');
    await expect.poll(() => active(operator)).toBe('kb-search');
    await operator.screenshot({ path: screenshotPath('console-operator-knowledge') });
    await expectAccessible(operator, 'console-operator-knowledge');
    await operator.keyboard.press('Enter');
    await operator.getByTestId('close-dialog').waitFor();
    await expect.poll(() => checkedReason(operator)).toBe('answered_from_knowledge_base');
    await dialogHasFocus(operator);
    await expectAccessible(operator, 'console-operator-close-dialog');
    await operator.keyboard.press('Enter');
    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已当场办结' });
    await toast.waitFor();
    const number = (await toast.innerText()).match(/ZX\d{8}-\d{4}/)![0];
    consultationNumber = number;
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.number, number));
    expect(row).toMatchObject({ type: 'consultation', state: 'closed_on_call' });
    expect((row!.detail as { closedReason: string }).closedReason).toBe('answered_from_knowledge_base');
    const uses = await t.database.db
      .select()
      .from(knowledgeUses)
      .where(and(eq(knowledgeUses.ticketId, row!.id)));
    expect(uses).toHaveLength(1);
    await operator.getByTestId('operator-queue').locator(`[data-number="${number}"]`).getByText('当场办结').waitFor();
    // Ready for the next call: the cursor is back in the form.
    await expect.poll(() => active(operator)).toBe('contactName');
    expect(await operator.evaluate(() => (window as unknown as { __mouse: number }).__mouse)).toBe(0);
  });

  it('an emergency raises the loud banner; the operator tells the caller to dial 119 and closes the record', async () => {
    await operator.keyboard.press('Alt+1');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('13700137000');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('涞坊路1155弄');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('楼道里着火了，好多烟');
    const banner = operator.getByTestId('emergency-banner');
    await banner.getByText('紧急情况：请立即告知来电人拨打 119').waitFor();
    await operator.screenshot({ path: screenshotPath('console-operator-emergency') });
    await expectAccessible(operator, 'console-operator-emergency');
    await operator.keyboard.press('Alt+C');
    await operator.getByTestId('close-dialog').waitFor();
    await expect.poll(() => checkedReason(operator)).toBe('out_of_scope_emergency');
    expect(await operator.locator('#close-note').inputValue()).toContain('119');
    await dialogHasFocus(operator);
    await operator.keyboard.press('Enter');
    // The consultation's toast may still be up: wait for this record's own.
    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已当场办结' }).filter({ hasNotText: consultationNumber });
    await toast.waitFor().catch(async (err: Error) => {
      throw new Error(`${err.message.split('\n')[0]} — on screen: ${await onScreen(operator)}`);
    });
    const number = (await toast.innerText()).match(/ZX\d{8}-\d{4}/)![0];
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.number, number));
    expect((row!.detail as { closedReason: string }).closedReason).toBe('out_of_scope_emergency');
    await banner.waitFor({ state: 'detached' });
    expect(await operator.evaluate(() => (window as unknown as { __mouse: number }).__mouse)).toBe(0);
  });

  it('Ctrl+Enter the instant the description is typed waits for the suggested lead unit instead of refusing', async () => {
    await expect.poll(() => active(operator)).toBe('contactName');
    await operator.keyboard.press('Alt+1');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('13700001111');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('颐亭花园3号楼');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('隔壁烧烤店油烟太大了');
    // No pause: the classifier has not answered yet (its request waits 250 ms after the last key).
    expect(await operator.locator('#leadUnitId').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]').innerText()).not.toContain('生态环境办');
    await operator.keyboard.press('Control+Enter');
    const toast = operator
      .locator('.ant-message-notice')
      .filter({ hasText: '已派单' })
      .filter({ hasText: /ZX\d{8}-\d{4}/ });
    await toast
      .last()
      .waitFor()
      .catch(async (err: Error) => {
        throw new Error(`${err.message.split('\n')[0]} — on screen: ${await onScreen(operator)}`);
      });
    expect(await operator.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual([]);
    const saved = async () => (await t.database.db.select().from(tickets).where(eq(tickets.contactPhone, '13700001111')))[0];
    await expect.poll(saved).toMatchObject({ state: 'dispatched', categoryCode: 'cooking_fumes', leadUnitId: t.units.d_environment });
  });

  it('a supervisor writes an article in the editor; the operator finds it at once', async () => {
    const { page: editor } = await loginAs(browser, t.url, 'supervisor');
    await editor.goto(`${t.url}/knowledge`);
    await editor.getByTestId('kb-table').getByText('居住证办理').waitFor();
    await editor.getByTestId('kb-new').click();
    await editor.locator('#kb-title').fill('共享单车乱停放');
    await editor.locator('#kb-keywords').fill('共享单车 单车乱停 单车堆在门口');
    await editor.locator('#kb-answer').fill('您好，共享单车乱停放的，请告诉我具体位置，我们登记后通知运营企业清理，并由镇城管中队督促。');
    await editor.locator('#kb-body').fill('共享单车应停放在非机动车停放区内；乱停乱放由运营企业清理，镇城管中队督促。');
    await editor.locator('#kb-office').fill('九亭镇城市管理执法中队');
    await editor.locator('#kb-documents').fill('具体位置\n现场照片');
    await editor.getByTestId('kb-save').click();
    await editor.locator('.ant-message-notice').filter({ hasText: '已保存《共享单车乱停放》v1' }).waitFor();
    await editor.screenshot({ path: screenshotPath('console-knowledge-editor') });
    await expectAccessible(editor, 'console-knowledge-editor');

    await operator.keyboard.press('Alt+K');
    await operator.keyboard.type('小区门口共享单车停得乱七八糟');
    const item = operator.getByTestId('knowledge-panel').getByTestId('kb-item').first();
    await item.getByText('共享单车乱停放', { exact: true }).waitFor();
    // Written by the supervisor: its details, and no sample mark.
    expect(await item.getByTestId('kb-details').innerText()).toContain('具体位置；现场照片');
    expect(await item.getByTestId('kb-sample').count()).toBe(0);
    await operator.keyboard.press('Escape');
    await operator.locator('#kb-search').fill('');
    await editor.context().close();
  });

  it('the history and knowledge tabs follow ←/→ and keep what was typed in them', async () => {
    const history = operator.getByRole('tab').filter({ has: operator.getByTestId('tab-history') });
    const knowledge = operator.getByRole('tab').filter({ has: operator.getByTestId('tab-knowledge') });
    const selected = async () =>
      (await history.getAttribute('aria-selected')) === 'true' ? 'history' : (await knowledge.getAttribute('aria-selected')) === 'true' ? 'knowledge' : 'none';
    await operator.keyboard.press('Alt+K');
    await expect.poll(() => active(operator)).toBe('kb-search');
    await operator.keyboard.type('居住证');
    await operator.keyboard.press('Alt+H');
    expect(await selected()).toBe('history');
    await expect.poll(() => operator.getByTestId('knowledge-panel').isVisible()).toBe(false);
    const historyPanel = operator.locator(`[id="${await history.getAttribute('aria-controls')}"]`);
    expect(await historyPanel.isVisible()).toBe(true);
    await history.focus();
    await operator.keyboard.press('ArrowRight');
    expect(await selected()).toBe('knowledge');
    expect(await knowledge.evaluate((el) => el === document.activeElement)).toBe(true);
    await operator.getByTestId('knowledge-panel').waitFor();
    expect(await operator.locator('#kb-search').inputValue()).toBe('居住证');
    await operator.keyboard.press('ArrowRight');
    expect(await selected()).toBe('history');
    await operator.keyboard.press('End');
    expect(await selected()).toBe('knowledge');
    await operator.keyboard.press('Home');
    expect(await selected()).toBe('history');
    expect(await operator.getByTestId('knowledge-panel').isVisible()).toBe(false);
    expect(await historyPanel.isVisible()).toBe(true);
    expect(await operator.evaluate(() => (window as unknown as { __mouse: number }).__mouse)).toBe(0);
  });

  it('the shift list opens a ticket from the keyboard: ↓/↑ move between rows, Enter opens it in a new tab', async () => {
    const rows = operator.getByTestId('operator-queue').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const numbers = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-number')));
    // Newest first: the numbers of one day count up, so the list counts down.
    expect(numbers).toEqual([...numbers].sort().reverse());
    const focused = () => operator.evaluate(() => document.activeElement?.getAttribute('data-number') ?? '');
    await rows.first().focus();
    await operator.keyboard.press('ArrowDown');
    expect(await focused()).toBe(numbers[1]);
    await operator.keyboard.press('ArrowDown');
    await operator.keyboard.press('ArrowUp');
    expect(await focused()).toBe(numbers[1]);
    const [opened] = await Promise.all([operator.context().waitForEvent('page'), operator.keyboard.press('Enter')]);
    await opened.waitForURL(/\/tickets\/\d+$/);
    const id = Number(new URL(opened.url()).pathname.split('/').pop());
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, id));
    expect(row!.number).toBe(numbers[1]);
    await opened.close();
    expect(await operator.evaluate(() => (window as unknown as { __mouse: number }).__mouse)).toBe(0);
  });

  it('the operator page never downloads the charts nor the antd Table; its JavaScript is measured', async () => {
    const loaded = scripts.filter((s) => s.path.startsWith('/assets/'));
    expect(loaded.length).toBeGreaterThan(0);
    // ECharts lives in the wallboard's (and reports') lazy chunks only.
    expect(loaded.filter((s) => s.echarts).map((s) => s.path)).toEqual([]);
    // The shift list is plain markup (client/src/components/shift-table.tsx).
    expect(loaded.filter((s) => s.table).map((s) => s.path)).toEqual([]);
    const kib = loaded.reduce((n, s) => n + s.gzipBytes, 0) / 1024;
    console.log(
      `[console] operator page: ${loaded.length} scripts, ${kib.toFixed(1)} KiB gzip (${loaded.map((s) => s.path.replace(/^\/assets\//, '')).join(', ')})`,
    );
  });
});
