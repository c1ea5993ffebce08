/**
 * Issue 16.8 in a real browser: the liaison's ticket view on a tablet in the field and at a desk.
 * It shows the category, how often the matter came before and the earlier tickets its unit may read
 * (the other units' only counted); no rule code such as "000 三(二)" in any sentence (plain words,
 * the source in a tooltip); a closed return window grey and 已关闭, never a red 超时; and the
 * header keeps the liaison's name whole. Screenshots in test/artifacts/liaison-*.png.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESK, launchBrowser, loginAs, screenshotPath, screenshotWhenStill, SetClock, expectAccessible } from '../support/browser';
import { intake, startTestServer, type TestServer } from '../support/server';

const TABLET: BrowserContextOptions = {
  viewport: { width: 768, height: 1024 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 1,
};
const LANDSCAPE: BrowserContextOptions = { ...TABLET, viewport: { width: 1024, height: 768 } };

/** A rule's code in a sentence: "000 三(二)", "001 二.2", "004 三(一)2", "003 第五条". */
const RULE_CODE = /\b00[0-4] ?(?:第|[一二三四五六七八九十]|附件)/;

describe.skipIf(!browserAvailable())("the liaison's ticket view (issue 16.8)", () => {
  // An ordinary Monday morning, whatever the real date; the return window is one working day.
  const clock = new SetClock(new Date('2026-11-23T10:00:00+08:00'));
  let t: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const numbers: string[] = [];
  let latestId = 0;

  beforeAll(async () => {
    t = await startTestServer({ now: clock.now });
    browser = await launchBrowser();
    const op = await t.login('operator');
    const file = async (patch: Record<string, unknown>) => {
      const res = await op.post('/api/tickets', intake({ contactPhone: '13911113333', ...patch }));
      expect(res.status).toBe(201);
      numbers.push(res.body.number as string);
      latestId = res.body.id as number;
    };
    await file({ description: '小区门口有人占道摆摊卖菜，早上堵路', categoryCode: 'street_vending', leadUnitId: t.units.d_chengguan });
    clock.advance(3_600_000);
    await file({ description: '水果摊卖的东西短斤缺两，要求处理', categoryCode: 'market_food_safety', leadUnitId: t.units.d_market });
    clock.advance(3_600_000);
    await file({ description: '门口占道摆摊还是没人管，第三次反映了', categoryCode: 'street_vending', leadUnitId: t.units.d_chengguan });
    // Three days on: the return window (1 working day) of every ticket has closed.
    clock.advance(3 * 24 * 3_600_000);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openTicket = async (page: Page) => {
    await clock.atRealTime(() => page.goto(`${t.url}/unit?t=${latestId}`));
    await page.locator(`[data-testid="ticket-panel"][data-ticket="${numbers[2]}"]`).waitFor();
  };

  it('on a tablet: category, repeat count, its own earlier ticket, the other unit’s counted; the return window grey and closed; the name whole', async () => {
    const page = await loginAs(browser, t.url, 'liaison', TABLET, clock);
    await openTicket(page);
    expect(await page.getByTestId('ticket-category').innerText()).toBe('无证设摊/占道经营');
    expect(await page.getByTestId('repeat-count').innerText()).toBe('重复 2 次');
    const items = page.getByTestId('repeat-item');
    expect(await items.count()).toBe(1);
    expect(await items.first().innerText()).toContain(numbers[0]);
    expect(await items.first().innerText()).toContain('同一来电人');
    expect(await items.first().innerText()).not.toContain(numbers[1]);
    expect(await page.getByTestId('repeat-hidden').innerText()).toBe('另有 1 件由其他单位办理，无权查看');

    const window = page.getByTestId('deadline-return_window');
    expect(await window.innerText()).toMatch(/^已关闭\s*退单时限\s*截至 \d\d-\d\d \d\d:\d\d$/);
    expect(await window.innerText()).not.toContain('超时');
    const tagColour = await window.locator('.ant-tag').evaluate((e) => getComputedStyle(e).color);
    expect(tagColour).not.toMatch(/rgb\((2[0-9]{2}), ([0-9]{1,2}), ([0-9]{1,2})\)/); // not red

    // The header: the liaison's name in full, on one line, on screen.
    const name = page.locator('.shell-header .user-name');
    expect(await name.innerText()).toBe('联络人 赵强（城管中队）');
    const fits = await name.evaluate((e) => ({ whole: e.scrollWidth <= e.clientWidth, right: e.getBoundingClientRect().right }));
    expect(fits.whole).toBe(true);
    expect(fits.right).toBeLessThanOrEqual(768);
    await screenshotWhenStill(page, screenshotPath('liaison-tablet-ticket'));
    await expectAccessible(page, 'liaison-tablet-ticket');
    await page.getByTestId('ticket-repeats').scrollIntoViewIfNeeded();
    await screenshotWhenStill(page, screenshotPath('liaison-tablet-repeats'));
    await expectAccessible(page, 'liaison-tablet-repeats');

    // No rule code anywhere on the page, the return form's refusal included; its source is a tooltip.
    // The return action says the same: closed, grey, not overdue.
    const returnAction = page.getByTestId('action-request_return');
    expect(await returnAction.innerText()).toMatch(/^申请退单\s*已关闭\s*退单时限\s*截至/);
    const header = returnAction.locator('xpath=ancestor::*[@aria-expanded][1]');
    await header.click();
    const blocked = page.getByTestId('form-request_return-blocked');
    await blocked.waitFor();
    expect(await blocked.innerText()).toMatch(/^退单时限已过（截至 \d{4}-\d\d-\d\d 23:59），逾期不予退单。\s*依据$/);
    expect(await page.locator('body').innerText()).not.toMatch(RULE_CODE);
    await blocked.getByTestId('rule-hint').focus();
    const tip = page.locator('.ant-tooltip:not(.ant-tooltip-hidden)');
    await tip.waitFor();
    expect(await tip.innerText()).toBe('依据：《新桥镇“12345”热线工单办理细则（试行）》三(二)');
    await screenshotWhenStill(page, screenshotPath('liaison-tablet-return-closed'));
    await expectAccessible(page, 'liaison-tablet-return-closed');
    await page.context().close();
  });

  it('in English, landscape and at the desk: the same, the name still whole', async () => {
    for (const [name, options] of [
      ['landscape', LANDSCAPE],
      ['desk', DESK],
    ] as const) {
      const page = await loginAs(browser, t.url, 'liaison', options, clock);
      await page.evaluate(() => localStorage.setItem('hotline.locale', 'en'));
      await openTicket(page);
      expect(await page.getByTestId('repeat-count').innerText()).toBe('Repeated 2 times');
      expect(await page.getByTestId('deadline-return_window').innerText()).toMatch(/^Closed\s*Return window\s*Closed at/);
      expect(await page.locator('body').innerText()).not.toMatch(RULE_CODE);
      const user = page.locator('.shell-header .user-name');
      expect(await user.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
      await screenshotWhenStill(page, screenshotPath(`liaison-${name}-en`));
      await expectAccessible(page, `liaison-${name}-en`);
      await page.context().close();
    }
  });
});
