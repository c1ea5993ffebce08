/**
 * Issue 15 item 1 in a real browser: a year without a published schedule shows the holidays
 * computed from 全国年节及纪念日放假办法 第二条 as provisional with a warning (also on the
 * wallboard) and the ticket page's deadlines as 暂定; a supervisor pastes the published schedule and
 * confirms it; the warning goes and the open dues are recomputed; then corrects one day with a reason.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recomputeDues } from '../../server/clock/recompute-dues';
import { browserAvailable, expectAccessible, loginAs, screenshotPath } from '../support/browser';
import { consoleInBrowser } from '../support/console-in-browser';
import { PASTED_2027 } from '../support/schedule-2027';
import { intake } from '../support/server';

async function openCalendar(page: Page, url: string, year: number) {
  await page.goto(`${url}/calendar`);
  const input = page.locator('input[aria-label="year"]');
  await input.fill(String(year));
  await input.press('Enter');
  await page.getByTestId('calendar-days-off').getByText(`${year}-01-01`).waitFor();
}

describe.skipIf(!browserAvailable())('calendar page: confirming a year computed from the regulation', () => {
  // 4 February 2027, the day before 除夕: 2027 is computed, so the warning is up.
  const now = new Date('2027-02-04T10:00:00+08:00');
  const env = consoleInBrowser({ now: () => now });

  it('shows 2027 as computed (provisional) with the warning, confirms a pasted schedule, and the warning goes', async () => {
    const op = await env.t.login('operator');
    const ticket = (await op.post('/api/tickets', intake({ leadUnitId: env.t.units.d_chengguan }))).body;
    expect(ticket).toMatchObject({ dueAt: new Date('2027-02-11T23:59:59.999+08:00').toISOString(), dueProvisional: true });

    const page = await loginAs(env.browser, env.t.url, 'supervisor');
    // The ticket page marks each deadline counted over the computed year 暂定 (issue 15 item 1).
    await page.goto(`${env.t.url}/tickets/${ticket.id}`);
    await page.getByTestId('deadline-first_contact').getByTestId('deadline-provisional').waitFor();
    expect(await page.getByTestId('deadline-first_contact').innerText()).toContain('暂定');
    await page.screenshot({ path: screenshotPath('ticket-provisional-due'), fullPage: true });
    await expectAccessible(page, 'ticket-provisional-due');
    await page.goto(`${env.t.url}/wallboard`);
    expect(await page.getByTestId('wb-calendar-awaiting').innerText()).toContain('2027年放假安排尚未确认');

    await openCalendar(page, env.t.url, 2027);
    expect(await page.getByTestId('calendar-status').innerText()).toBe('推算（暂定）');
    const warning = await page.getByTestId('calendar-awaiting').innerText();
    expect(warning).toContain('没有调休上班日');
    const rows = await page.getByTestId('calendar-days-off').locator('tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/2027-01-01\s+五\s+元旦/);
    await page.screenshot({ path: screenshotPath('calendar-2027-computed'), fullPage: true });
    await expectAccessible(page, 'calendar-2027-computed');

    await page.getByTestId('calendar-paste').fill(PASTED_2027);
    await page.getByTestId('calendar-note').fill('2027年部分节假日安排（测试数据）');
    expect(await page.getByTestId('calendar-preview').innerText()).toContain('调休上班 1 天');
    await page.screenshot({ path: screenshotPath('calendar-2027-pasted'), fullPage: true });
    await expectAccessible(page, 'calendar-2027-pasted');
    await page.getByTestId('calendar-confirm-button').click();
    await page.locator('.ant-message-notice').filter({ hasText: '已确认' }).waitFor();
    await page.getByTestId('calendar-status').filter({ hasText: '已确认' }).waitFor();
    expect(await page.getByTestId('calendar-awaiting').count()).toBe(0);
    expect(await page.getByTestId('calendar-confirm').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('calendar-2027-confirmed'), fullPage: true });
    await expectAccessible(page, 'calendar-2027-confirmed');

    // The recompute job (no timer in tests) moves the open due: 春节 now runs to 02-11.
    expect(await recomputeDues(env.t.server.ctx)).toEqual({ corrections: 1, moved: 1 });
    expect((await op.get(`/api/tickets/${ticket.id}`)).body).toMatchObject({
      dueAt: new Date('2027-02-12T23:59:59.999+08:00').toISOString(),
      dueProvisional: false,
    });
    await page.goto(`${env.t.url}/tickets/${ticket.id}`);
    await page.getByTestId('deadline-first_contact').waitFor();
    expect(await page.getByTestId('deadline-provisional').count()).toBe(0);

    // PRODUCT.md §4 "supervisors can add or correct days": 2027-02-12 (Friday) made a day off, with the
    // reason, typed from the keyboard; the job moves the open due to Monday 02-15, one event.
    await openCalendar(page, env.t.url, 2027);
    await page.getByTestId('calendar-correct-date').fill('2027-02-12');
    await page.getByTestId('calendar-correct-date').press('Tab');
    expect(await page.getByTestId('calendar-correct-now').innerText()).toContain('2027-02-12 目前为工作日');
    await page.getByTestId('calendar-correct-note').fill('镇政府通知：春节后延长休息一天（测试）');
    await page.getByTestId('calendar-correct-button').focus();
    await page.keyboard.press('Enter');
    await page.locator('.ant-message-notice').filter({ hasText: '已调整' }).waitFor();
    await page.getByTestId('calendar-corrections').getByText('2027-02-12').waitFor();
    expect(await page.getByTestId('calendar-corrections').innerText()).toMatch(/2027-02-12\s+五\s+休息日\s+镇政府通知/);
    await page.screenshot({ path: screenshotPath('calendar-2027-corrected'), fullPage: true });
    await expectAccessible(page, 'calendar-2027-corrected');
    expect(await recomputeDues(env.t.server.ctx)).toEqual({ corrections: 1, moved: 1 });
    expect((await op.get(`/api/tickets/${ticket.id}`)).body).toMatchObject({ dueAt: new Date('2027-02-15T23:59:59.999+08:00').toISOString() });

    await page.goto(`${env.t.url}/wallboard`);
    await page.getByTestId('wallboard').locator('.wb-title').waitFor();
    expect(await page.getByTestId('wb-calendar-awaiting').count()).toBe(0);
  });
});
