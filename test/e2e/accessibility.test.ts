/**
 * Issue 19.3 (WCAG 2.1 AA, GB/T 37668): axe-core over the console's page states — the login page,
 * the operator's desk with and without form errors, the supervisor's queue, the wallboard, the
 * monthly and weekly reports (their charts), a ticket, the unit's desk, the console in English —
 * with no serious or critical violation. Screenshots for a person to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, DESK, launchBrowser, logIn, screenshotPath, screenshotWhenStill, type AxeFinding } from '../support/browser';
import { intake, startTestServer, type TestServer } from '../support/server';

const SLOW = 180_000;

describe.skipIf(!browserAvailable())('accessibility of every page state (axe-core, WCAG 2.1 AA)', () => {
  let t: TestServer;
  let browser: Browser;
  /** Every state's serious and critical findings, printed at the end for the record. */
  const found: Record<string, AxeFinding[]> = {};

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  }, SLOW);
  afterAll(async () => {
    console.log(`[axe] ${JSON.stringify(found, null, 1)}`);
    await browser?.close();
    await t?.close();
  });

  async function open(username: string | null, path: string, locale: 'zh' | 'en' = 'zh'): Promise<Page> {
    const context = await browser.newContext(locale === 'en' ? { ...DESK, locale: 'en-US' } : DESK);
    context.setDefaultTimeout(60_000);
    if (locale === 'en') await context.addInitScript(() => localStorage.setItem('hotline.locale', 'en'));
    const page = await context.newPage();
    if (username) await logIn(page, t.url, username);
    await page.goto(t.url + path);
    return page;
  }

  /** Waits for the state, records axe's findings and a screenshot. */
  async function check(page: Page, state: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    await screenshotWhenStill(page, screenshotPath(`a11y-${state}`));
    found[state] = await axeViolations(page);
  }

  it(
    'the login page, the operator desk (with form errors) and the console in English',
    async () => {
      const login = await open(null, '/');
      await login.locator('#username').waitFor();
      await check(login, 'login');

      const operator = await open('operator', '/operator');
      await operator.getByTestId('intake-form').waitFor();
      await check(operator, 'operator');
      await operator.getByTestId('save').click();
      await operator.locator('.ant-form-item-explain-error').first().waitFor();
      await check(operator, 'operator-form-errors');

      const english = await open('operator', '/operator', 'en');
      await english.getByTestId('intake-form').waitFor();
      expect(await english.locator('html').getAttribute('lang')).toBe('en');
      await check(english, 'operator-english');
      expect(await operator.locator('html').getAttribute('lang')).toBe('zh-CN');
    },
    SLOW,
  );

  it(
    "the supervisor's queue, a ticket, the unit's desk, the wallboard and the reports",
    async () => {
      const op = await t.login('operator');
      const created = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
      expect(created.status).toBe(201);

      const supervisor = await open('supervisor', '/supervisor');
      await supervisor.getByTestId('queue-filters').waitFor();
      await check(supervisor, 'supervisor-queue');
      await supervisor.goto(`${t.url}/tickets/${created.body.id}`);
      await supervisor.getByText(created.body.number).first().waitFor();
      await check(supervisor, 'ticket');
      // Every light as the console's own CSS draws it (a fresh ticket shows only 正常): copies of its
      // tag with each light's classes and name, measured by axe like the rest of the page.
      await supervisor
        .locator('.light-tag.light-normal')
        .first()
        .evaluate((tag) => {
          const lights: [string, string, string][] = [
            ['warning', 'blue', '预警'],
            ['yellow', 'gold', '黄灯'],
            ['red', 'red', '红灯'],
          ];
          for (const [light, colour, name] of lights) {
            const copy = tag.cloneNode(true) as HTMLElement;
            copy.className = copy.className.replace('ant-tag-green', `ant-tag-${colour}`).replace('light-normal', `light-${light}`);
            copy.textContent = name;
            copy.dataset.light = light;
            tag.after(copy);
          }
        });
      await check(supervisor, 'ticket-every-light');
      const ratios = await supervisor.locator('.light-tag').evaluateAll((tags) => tags.map((t) => `${t.textContent} ${getComputedStyle(t).color}`));
      expect(ratios).toEqual(expect.arrayContaining([expect.stringMatching(/^黄灯 rgb\(107, 66, 0\)$/), expect.stringMatching(/^正常 rgb\(19, 82, 0\)$/)]));

      const unit = await open('liaison-d-chengguan', '/unit');
      await check(unit, 'unit');

      const wallboard = await open('leader', '/wallboard');
      await check(wallboard, 'wallboard');
      // The charts' figures as tables a screen reader reads (states, lights; overdue units when any).
      expect(await wallboard.locator('[data-testid="chart-figures"] caption').allInnerTexts()).toEqual(['在办工单', '时限灯色']);
      const reports = await open('leader', '/reports');
      await reports.locator('[data-testid="report-view"][data-ready="yes"]').waitFor();
      await check(reports, 'reports-monthly');
      await expect.poll(() => reports.locator('[data-testid="chart-figures"]').count()).toBe(4);
      expect(await reports.getByTestId('chart-daily').locator('[data-testid="chart-figures"] td').allInnerTexts()).toContain('1');
      // The units table scrolls inside the page: Tab reaches it, it has a name.
      const area = reports.getByTestId('units-table').locator('.ant-table-body');
      expect([await area.getAttribute('tabindex'), await area.getAttribute('role'), await area.getAttribute('aria-label')]).toEqual([
        '0',
        'region',
        '满意率（可滚动表格，用方向键滚动）',
      ]);
      await reports.goto(`${t.url}/reports?tab=weekly`);
      await reports.waitForLoadState('networkidle');
      await check(reports, 'reports-weekly');

      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    },
    SLOW,
  );
});
