/**
 * Issue 18 in a real browser at the desk (1366×768, Chinese), on an injected clock (Friday 4
 * December 2026 09:10 Shanghai): the wallboard's staffing tile moves live when a call arrives; the
 * plan page shows staffed against required with the gaps marked, the xlsx link and the printable
 * page; a shift retired; the handover is written by the supervisor on duty and acknowledged by the next one.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCallSignal } from '../../server/telephony/commands/record-call-signal';
import { answerTo, browserAvailable, launchBrowser, loginAs, screenshotPath, expectAccessible } from '../support/browser';
import { intake, startTestServer, type TestServer } from '../support/server';
import { seedEarlierWeeksCalls, userIds } from '../support/staffing-history';

let now = new Date('2026-12-04T09:10:00+08:00');

describe.skipIf(!browserAvailable())('staffing: wallboard tile, plan page, handover', () => {
  let t: TestServer;
  let browser: Browser;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
    browser = await launchBrowser();
    Object.assign(ids, await userIds(t.database.db));
    // Four earlier Fridays: 20 calls between 09:00 and 09:30, 270 s talk each.
    await seedEarlierWeeksCalls(t.database.db, '2026-12-04T09:00:00+08:00', 'CAe');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('wallboard: operators on the phones against this half-hour’s need, and today’s calls against the forecast, live', async () => {
    const page = await loginAs(browser, t.url, 'supervisor');
    await page.goto(`${t.url}/wallboard`);
    const staffed = page.getByTestId('wb-staffed-now');
    await staffed.waitFor();
    expect(await staffed.innerText()).toMatch(/^\d+ \/ [1-9]\d*$/);
    const today = page.getByTestId('wb-forecast-today');
    expect(await today.innerText()).toMatch(/^0 \/ \d+$/);
    await page.screenshot({ path: screenshotPath('staffing-wallboard-tile') });
    await expectAccessible(page, 'staffing-wallboard-tile');
    // A call arrives: the tile follows without a reload.
    await recordCallSignal({
      db: t.server.ctx.db,
      live: t.server.ctx.live,
      now,
      source: 'voice',
      path: '/e2e/CAlive',
      params: { CallSid: 'CAlive' },
      callSid: 'CAlive',
      create: { direction: 'inbound', from: '+8613900000001', to: '+862162112345', simulated: true },
      signals: [{ kind: 'queued', at: now }],
    });
    await page.getByTestId('wb-forecast-today').filter({ hasText: /^1 \// }).waitFor();
    await page.context().close();
  });

  it('plan page: shifts and operators put on them, staffed against required with gaps, xlsx and print', async () => {
    const sup = await t.login('supervisor');
    const early = (await sup.post('/api/staffing/shifts', { name: '早班', start: '08:00', hours: 8 })).body.id as number;
    await sup.post('/api/staffing/shifts', { name: '中班', start: '16:00', hours: 8 });
    const trial = (await sup.post('/api/staffing/shifts', { name: '试用班', start: '12:00', hours: 4 })).body.id as number;
    await sup.post('/api/staffing/assignments', { date: '2026-12-04', shiftId: early, userId: ids.operator });

    const page = await loginAs(browser, t.url, 'supervisor');
    await page.goto(`${t.url}/staffing`);
    await page.getByTestId('staffing-grid').waitFor();
    expect(await page.getByTestId('staffing-meta').innerText()).toContain('近四周预测误差');
    // Assign the second operator from the keyboard-usable form.
    await page.getByTestId('assign-shift').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '早班' }).click();
    await page.getByTestId('assign-person').click();
    await page.keyboard.type('李娜');
    await page.keyboard.press('Enter');
    await page.getByTestId('assign-add').click();
    await page.getByTestId('assignment-list').filter({ hasText: '李娜' }).waitFor();
    // 09:00: two rostered, more needed for 40 calls an hour at 300 s → a gap, marked.
    const nine = page.getByTestId('cell-2026-12-04-18');
    await nine.filter({ hasText: /^2 \// }).waitFor();
    expect(await nine.getAttribute('data-gap')).toBe('yes');
    expect(await page.getByTestId('cell-2026-12-04-4').getAttribute('data-gap')).toBe('no');
    expect(await page.getByTestId('staffing-gaps').innerText()).toMatch(/缺口时段 \d+ 个/);
    await page.getByTestId('cell-2026-12-04-18').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('staffing-plan-day') });
    await expectAccessible(page, 'staffing-plan-day');
    expect(await page.getByTestId('staffing-xlsx').getAttribute('href')).toBe('/api/staffing/roster/xlsx?from=2026-12-04&days=1');
    // A shift defined by mistake is retired (after a confirmation) and is offered no more; one
    // that people are on today is refused with the reason.
    // Each confirmation is found by the shift it names: the first one may still be on screen (or
    // fading) when the second opens, and clicking its OK again would retry the first shift.
    const confirm = (shift: string) =>
      page
        .locator('.ant-popconfirm')
        .filter({ hasText: shift })
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
    const retire = (id: number, shift: string) => answerTo(page, 'POST', `/api/staffing/shifts/${id}/retire`, () => confirm(shift));
    await page.getByTestId(`shift-retire-${early}`).click();
    const refused = await retire(early, '早班');
    expect(refused.status()).toBe(409);
    await page.locator('.ant-message-notice').filter({ hasText: '这个班次2026-12-04起仍有人员排班，请先调整排班再停用' }).waitFor();
    await page.locator('.ant-popconfirm').filter({ hasText: '早班' }).waitFor({ state: 'hidden' });
    await page.getByTestId(`shift-retire-${trial}`).click();
    // The request and its answer first: were the list to stay, the failure says which side held it.
    const accepted = await retire(trial, '试用班');
    expect(accepted.status()).toBe(200);
    await page.getByTestId('shift-list').filter({ hasNotText: '试用班' }).waitFor();
    expect(await page.getByTestId('shift-list').innerText()).toContain('早班');
    await page.getByTestId('assign-shift').click();
    const offered = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await offered.filter({ hasText: '中班' }).waitFor();
    expect(await offered.allInnerTexts()).toEqual(['早班', '中班']);
    await page.keyboard.press('Escape');
    // (The refusal's message goes by itself: the screenshots below show the plan, not it.)
    await page.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByText('周', { exact: true }).click();
    await page.getByTestId('cell-2026-12-10-18').waitFor();
    await page.screenshot({ path: screenshotPath('staffing-plan-week') });
    await expectAccessible(page, 'staffing-plan-week');
    await page.getByTestId('staffing-print').click();
    await page.getByTestId('staffing-print-page').getByTestId('cell-2026-12-04-18').waitFor();
    await page.screenshot({ path: screenshotPath('staffing-print'), fullPage: true });
    await expectAccessible(page, 'staffing-print');
    await page.context().close();
  });

  it('handover: written by the supervisor on duty with what is open, acknowledged by the next shift’s supervisor', async () => {
    const op = await t.login('operator');
    now = new Date('2026-12-01T10:00:00+08:00');
    await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    now = new Date('2026-12-04T15:40:00+08:00');
    const page = await loginAs(browser, t.url, 'supervisor');
    await page.goto(`${t.url}/staffing`);
    await page.getByTestId('staffing-handover-link').click();
    await page.getByTestId('handover-open-now').waitFor();
    expect(await page.getByTestId('handover-latest').innerText()).toContain('还没有交接记录');
    await page.getByTestId('handover-input').fill('城管中队一单待联系，夜班请跟进。');
    await page.getByTestId('handover-submit').click();
    await page.getByTestId('handover-awaiting').waitFor();
    expect(await page.getByTestId('handover-note').innerText()).toBe('城管中队一单待联系，夜班请跟进。');
    await page.screenshot({ path: screenshotPath('handover-written') });
    await expectAccessible(page, 'handover-written');

    now = new Date('2026-12-04T16:02:00+08:00');
    const next = await loginAs(browser, t.url, 'supervisor2');
    await next.goto(`${t.url}/handover`);
    await next.getByTestId('handover-note').waitFor();
    expect(await next.getByTestId('handover-open-at-writing').innerText()).toMatch(/工单/);
    await next.getByTestId('handover-ack').focus();
    await next.keyboard.press('Enter');
    await next.getByTestId('handover-acknowledged').waitFor();
    expect(await next.getByTestId('handover-acknowledged').innerText()).toContain('值班长 刘洋');
    await next.screenshot({ path: screenshotPath('handover-acknowledged') });
    await expectAccessible(next, 'handover-acknowledged');
    // The writer's screen learns it live (handover.acknowledged in the supervisors' room), no reload.
    await page.getByTestId('handover-acknowledged').waitFor();
  });
});
