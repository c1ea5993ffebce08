/**
 * Issue 8 in a real browser: a leader opens the monthly report on 1 December (last month by
 * default), sees its figures and charts and the units in the bottom three three months running,
 * downloads the workbook; the weekly review; a supervisor's supervision sheets and the printed
 * 004 forms; the admin's API keys. Screenshots at 1366×768 for a person to look at.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, launchBrowser, screenshotPath, screenshotWhenStill, logIn, SetClock } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { buildTestMonth } from '../support/test-month';

/** The console's clock: the test month is built from 1 September, the report read on 1 December. */
const clock = new SetClock(new Date('2026-09-01T09:00:00+08:00'));
/** Browser steps on a busy 2-core machine: generous, the assertions are what matter. */
const SLOW = 240_000;
/** Uncaught errors in any page: a screen that crashed fails the test. */
const pageErrors: string[] = [];

async function loginAs(browser: Browser, url: string, username: string, path: string): Promise<Page> {
  return (await loginAndLoad(browser, url, username, path)).page;
}

/** Logs in, opens `path` and returns the page with the first answer of an API path it loads (`loads`). */
async function loginAndLoad(browser: Browser, url: string, username: string, path: string, loads?: string): Promise<{ page: Page; loaded: Response | null }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await clock.atRealTime(() => logIn(page, url, username));
  const loaded = loads ? page.waitForResponse((r) => new URL(r.url()).pathname === loads && r.request().method() === 'GET') : null;
  await page.goto(url + path);
  return { page, loaded: await loaded };
}

describe.skipIf(!browserAvailable())('reports, supervision and API keys in the browser', () => {
  let t: TestServer;
  let browser: Browser;
  let month: Awaited<ReturnType<typeof buildTestMonth>>;
  beforeAll(async () => {
    t = await startTestServer({ now: clock.now });
    month = await buildTestMonth(t, { set: (iso) => clock.set(iso) });
    clock.set('2026-12-01T09:00:00+08:00');
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    expect(pageErrors.join('\n')).toBe('');
    await browser?.close();
    await t?.close();
  });

  it(
    'a leader reads last month’s report with its charts and downloads the workbook',
    async () => {
      const page = await loginAs(browser, t.url, 'leader', '/reports');
      await page.locator('[data-testid="report-view"][data-ready="yes"]').waitFor();
      // Issue 16 item 9: the report opens on the current month; last month is one click away.
      await expect.poll(() => page.getByTestId('report-generated').innerText()).toContain('2026年12月');
      await page.getByTestId('last-month').click();
      await expect.poll(() => page.getByTestId('report-generated').innerText()).toContain('2026年11月');
      expect(new URL(page.url()).searchParams.get('month')).toBe('2026-11');
      expect(await page.getByTestId('kpi-received').locator('.kpi-value').innerText()).toBe('12');
      expect(await page.getByTestId('kpi-satisfactionRate').locator('.kpi-value').innerText()).toBe('80.0%');
      expect(await page.getByTestId('kpi-satisfactionRate').innerText()).toContain('环比 +30.0个百分点');
      expect(await page.getByTestId('kpi-received').innerText()).toContain('同比 +1100.0%');
      // Issue 15.8: 参评率 (003 二(二)2) beside the rates, and each unit's dissatisfied count beside its rate (003 二(二)3).
      expect(await page.getByTestId('kpi-participationRate').locator('.kpi-value').innerText()).toBe('92.3%');
      expect(await page.getByTestId('bottom-three-running').innerText()).toContain('镇生态环境办、九亭镇城管中队');
      // Each chart drew on its canvas.
      for (const id of ['chart-daily', 'chart-category', 'chart-source', 'chart-units']) await page.getByTestId(id).locator('canvas').first().waitFor();
      const rows = await page.getByTestId('units-table').locator('tbody tr.ant-table-row').allInnerTexts();
      expect(rows.map((r) => r.split('\t')[0])).toEqual(['1', '2', '3', '4', '—']);
      const headers = await page.getByTestId('units-table').locator('thead th').allInnerTexts();
      const dissatisfiedColumn = headers.findIndex((h) => h.trim() === '不满意');
      expect(dissatisfiedColumn).toBe(headers.findIndex((h) => h.trim() === '满意率') + 1);
      expect(rows.map((r) => r.split('\t')[dissatisfiedColumn])).toEqual(['0', '0', '1', '1', '0']);
      await screenshotWhenStill(page, screenshotPath('reports-monthly'));
      await expectAccessible(page, 'reports-monthly');
      await page.mouse.wheel(0, 700);
      await screenshotWhenStill(page, screenshotPath('reports-monthly-lists'));
      await expectAccessible(page, 'reports-monthly-lists');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
      expect(download.suggestedFilename()).toBe('62112345报表-2026-11-01至2026-11-30.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile((await download.path())!);
      expect((wb.getWorksheet('概览')!.getRow(5).values as unknown[]).slice(1)).toEqual(['受理量', 12, 5, 1.4, 1, 11]);

      const print = await page.context().newPage();
      await print.goto(`${t.url}/reports/print?month=2026-11`);
      await print.getByTestId('report-print').waitFor();
      expect(await print.locator('h1').innerText()).toBe('九亭镇62112345便民服务专线 2026年11月 工作报表');
      await print.screenshot({ path: screenshotPath('reports-print'), fullPage: true });
      await expectAccessible(print, 'reports-print');

      // The figures' definitions in the console, in plain words: no repository path for a leader to look up.
      await page.getByTestId('report-help').click();
      const help = page.getByTestId('figure-definitions').first();
      await help.waitFor();
      expect(await help.innerText()).toContain('按时完成 ÷（按时 + 超时）');
      expect(await page.locator('body').innerText()).not.toMatch(/docs\/|\.md\b/);
      await screenshotWhenStill(page, screenshotPath('reports-help'));
      await expectAccessible(page, 'reports-help');
      await page.keyboard.press('Escape');
      expect(await print.locator('body').innerText()).not.toMatch(/docs\/|\.md\b/);

      // The month picker speaks the UI's language.
      await page.evaluate(() => localStorage.setItem('hotline.locale', 'en'));
      await page.reload();
      await page.locator('[data-testid="report-view"][data-ready="yes"]').waitFor();
      await page.getByTestId('period-month').click();
      const panel = page.locator('.ant-picker-dropdown:visible .ant-picker-month-panel');
      await panel.waitFor();
      expect(await panel.innerText()).toContain('Nov');
      expect(await panel.innerText()).not.toContain('月');
      await page.keyboard.press('Escape');
      await page.evaluate(() => localStorage.setItem('hotline.locale', 'zh-CN'));
      await page.reload();
      await page.locator('[data-testid="report-view"][data-ready="yes"]').waitFor();
      await page.getByTestId('period-month').click();
      expect(await page.locator('.ant-picker-dropdown:visible .ant-picker-month-panel').innerText()).toContain('11月');
      await page.keyboard.press('Escape');

      await page.goto(`${t.url}/reports?tab=weekly&week=2026-11-11`);
      await page.getByTestId('dissatisfied-table').locator('tbody tr.ant-table-row').first().waitFor();
      expect(await page.getByTestId('dissatisfied-table').locator('tbody tr.ant-table-row').count()).toBe(3);
      await page.screenshot({ path: screenshotPath('reports-weekly') });
      await expectAccessible(page, 'reports-weekly');
    },
    SLOW,
  );

  it(
    'a supervisor works the supervision sheets and prints the 004 forms; a liaison sees only its own',
    async () => {
      const page = await loginAs(browser, t.url, 'supervisor', `/supervision?id=${month.supervisions.onSite}`);
      await page.getByTestId('supervision-detail').waitFor();
      expect(await page.getByTestId('supervision-list').locator('tbody tr.ant-table-row').count()).toBe(2);
      expect(await page.getByTestId('supervision-detail').innerText()).toContain('DB2026-0002');
      await page.getByTestId('cmd-record_outcome').click();
      await page.getByTestId('form-record_outcome').locator('textarea').fill('明确由城管中队牵头，市场监管所配合，设置临时疏导点');
      // The calendar opens on the browser's month, which is the real one: typing the date turns it to December 2026.
      await page.getByTestId('form-record_outcome').locator('.ant-picker input').fill('2026-12-04');
      await page.locator('.ant-picker-dropdown:visible .ant-picker-cell[title="2026-12-04"]').click();
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => page.getByTestId('supervision-detail').innerText()).toContain('明确由城管中队牵头');
      await page.screenshot({ path: screenshotPath('supervision-page') });
      await expectAccessible(page, 'supervision-page');

      const sheet = await page.context().newPage();
      await sheet.goto(`${t.url}/supervision/${month.supervisions.written}/print?doc=sheet`);
      await sheet.locator('[data-testid="supervision-sheet"][data-fit="done"]').waitFor();
      const text = await sheet.getByTestId('supervision-sheet').innerText();
      for (const s of [
        '62112345便民服务专线督办单',
        '工单编号',
        month.tickets.T4.number,
        '督办编号',
        'DB2026-0001',
        '督办意见',
        '督办情况',
        '单位主要领导签字：李明',
        '九亭镇城市运行管理中心',
        '2026年11月17日',
      ])
        expect(text).toContain(s);
      await sheet.screenshot({ path: screenshotPath('supervision-sheet'), fullPage: true });
      await expectAccessible(sheet, 'supervision-sheet');
      await sheet.goto(`${t.url}/supervision/${month.supervisions.onSite}/print?doc=notice`);
      await sheet.locator('[data-testid="supervision-notice"][data-fit="done"]').waitFor();
      expect(await sheet.getByTestId('supervision-notice').innerText()).toContain('协调督办事由');
      await sheet.screenshot({ path: screenshotPath('supervision-notice'), fullPage: true });
      await expectAccessible(sheet, 'supervision-notice');

      // The supervised unit's liaison answers in writing, signed by the unit head and sealed.
      const unit = await loginAs(browser, t.url, 'liaison-d-chengguan', `/supervision?id=${month.supervisions.onSite}`);
      await unit.getByTestId('cmd-reply').click();
      const form = unit.getByTestId('form-reply');
      await form.locator('#content').fill('已设置临时疏导点，每日两次巡查，摊贩已撤离');
      await form.locator('#headName').fill('张建国');
      await unit.locator('.ant-modal-footer .ant-btn-primary').click();
      await unit.locator('.ant-message-notice').filter({ hasText: '加盖单位公章' }).waitFor();
      await form.locator('#sealed').check();
      await unit.locator('.ant-modal-footer .ant-btn-primary').click();
      await unit.getByTestId('supervision-reply').waitFor();
      expect(await unit.getByTestId('supervision-reply').innerText()).toContain('张建国 签字 · 2026-12-01');
      await unit.screenshot({ path: screenshotPath('supervision-unit-reply') });
      await expectAccessible(unit, 'supervision-unit-reply');
      // …and the supervisor's screen follows without a reload.
      await expect.poll(() => page.getByTestId('supervision-detail').innerText(), { timeout: 5000 }).toContain('张建国 签字');

      // A liaison of another unit: the list the page loaded holds none of them, and none is shown.
      const { page: liaison, loaded } = await loginAndLoad(browser, t.url, 'liaison-d-housing', '/supervision', '/api/supervisions');
      expect(loaded!.status()).toBe(200);
      expect((await loaded!.json()).supervisions).toEqual([]);
      await liaison.getByTestId('supervision-list').locator('.ant-table-placeholder').waitFor();
      expect(await liaison.getByTestId('supervision-list').locator('tbody tr.ant-table-row').count()).toBe(0);
    },
    SLOW,
  );

  it(
    'an admin issues an Open311 key, sees it once, and revokes it',
    async () => {
      const page = await loginAs(browser, t.url, 'admin', '/admin/api-keys');
      await page.getByTestId('keys-table').locator('tbody tr.ant-table-row').first().waitFor();
      await page.getByTestId('issue-key-form').locator('input').fill('松江区城运中心平台');
      await page.getByTestId('issue-key-form').locator('button[type="submit"]').click();
      const key = await page.getByTestId('issued-key').innerText();
      expect(key).toMatch(/^o311_/);
      await expect.poll(() => page.getByTestId('keys-table').locator('tbody tr.ant-table-row').count()).toBe(2);
      await page.screenshot({ path: screenshotPath('admin-api-keys') });
      await expectAccessible(page, 'admin-api-keys');
      const filed = await fetch(`${t.url}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          api_key: key.trim(),
          service_code: 'greenery',
          address_string: '颐亭花园5号楼',
          phone: '13912340000',
          description: '小区绿化带枯死，需要补种',
        }).toString(),
      });
      expect(filed.status).toBe(200);

      const row = page.getByTestId('keys-table').locator('tbody tr.ant-table-row').first();
      await row.getByRole('button').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await row.locator('.ant-tag').filter({ hasText: '已停用' }).waitFor();
      const refused = await fetch(`${t.url}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: key.trim(), service_code: 'greenery', address_string: '颐亭花园5号楼', phone: '13912340000' }).toString(),
      });
      expect(refused.status).toBe(403);
    },
    SLOW,
  );
});
