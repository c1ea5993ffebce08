/**
 * Issue 17.7, in a real browser: the decisions page shows the count of the whole queue, the
 * oldest page of it, the next page on demand by keyboard (Alt+M), and stays right live when an
 * item is decided elsewhere.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { DECISIONS_PAGE } from '../../shared/schemas/workspaces';
import { browserAvailable, launchBrowser, logIn } from '../support/browser';
import { intake, startTestServer, type ApiClient, type TestServer } from '../support/server';

let now = new Date('2026-11-23T09:00:00+08:00');

describe.skipIf(!browserAvailable())('the decisions page, a page at a time', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows 共 N 项, the oldest page, the next by Alt+M, and follows a decision live', { timeout: 240_000 }, async () => {
    const [op, sup, unitA] = (await Promise.all((['operator', 'supervisor', 'liaison-d-chengguan'] as const).map((u) => t.login(u)))) as [
      ApiClient,
      ApiClient,
      ApiClient,
    ];
    // One more waiting ticket than a page, each asking for more time a minute after the last.
    const waiting = DECISIONS_PAGE + 1;
    const ids: number[] = [];
    for (let i = 0; i < waiting; i++) {
      now = new Date(Date.parse('2026-11-23T10:00:00+08:00') + i * 60_000);
      const created = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan! }));
      const accepted = await unitA.post(ticketCommandPath('accept', created.body.id), { version: created.body.version });
      const delayed = await unitA.post(ticketCommandPath('explain_delay', created.body.id), {
        version: accepted.body.version,
        reason: '需协调物业公司，本周内无法完成',
        requestedDue: new Date('2026-12-04T23:59:59+08:00').toISOString(),
      });
      expect(delayed.status, JSON.stringify(delayed.body)).toBe(200);
      ids.push(created.body.id as number);
    }

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await logIn(page, t.url, 'supervisor');
    await page.goto(`${t.url}/decisions`);
    const items = page.getByTestId('decision-queue').getByTestId('decision-item');
    await page.getByTestId('decisions-total').getByText(`共 ${waiting} 项`).waitFor();
    await expect.poll(() => items.count()).toBe(DECISIONS_PAGE);
    const more = page.getByTestId('decisions-more');
    await more.getByText(`已显示 ${DECISIONS_PAGE} / ${waiting} 项`).waitFor();

    await page.keyboard.press('Alt+M');
    await expect.poll(() => items.count()).toBe(waiting);
    expect(await more.count()).toBe(0);

    // The oldest is decided elsewhere: it leaves the screen and the count, live.
    const first = ids[0]!;
    const { version } = (await sup.get(`/api/tickets/${first}`)).body;
    expect((await sup.post(ticketCommandPath('decide_extension', first), { version, approve: true, note: '同意延期' })).status).toBe(200);
    await page
      .getByTestId('decisions-total')
      .getByText(`共 ${waiting - 1} 项`)
      .waitFor();
    await expect.poll(() => items.count()).toBe(waiting - 1);
    await context.close();
  });
});
