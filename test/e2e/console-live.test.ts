/**
 * Issue 4 in a real browser against the console as a child process (`node bin/hotline.js serve`
 * on an embedded database in a temp dir): the supervisor's wallboard and queue counts move live
 * as an operator logs a call and changes status; then the server is killed (SIGKILL) and started
 * again on the same port, and both screens catch up without a reload — the live badge goes red,
 * then green, and a ticket created after the restart appears.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../faults/processes';
import { browserAvailable, launchBrowser, screenshotPath, logIn } from '../support/browser';
import { ApiClient, DEMO_PASSWORD, intake } from '../support/server';

async function loginAs(browser: Browser, url: string, username: string, path = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await logIn(page, url, username);
  if (path) {
    await page.goto(`${url}${path}`);
    await liveBadge(page, 'live');
  }
  return page;
}

const liveBadge = (page: Page, status: 'live' | 'reconnecting', timeout = 30_000) =>
  page.locator(`[data-testid="live-status"][data-status="${status}"]`).waitFor({ timeout });
const num = async (page: Page, testId: string) => Number((await page.getByTestId(testId).first().innerText()).replace(/[^\d]/g, ''));
/** Waits until the number shown under `testId` is `expected` (the screens update by themselves). */
const shows = (page: Page, testId: string, expected: number, timeout = 10_000) =>
  expect.poll(() => num(page, testId).catch(() => -1), { timeout }).toBe(expected);
/** A marker in the page's memory: still there = the page was never reloaded. */
const mark = (page: Page) => page.evaluate(() => void ((window as unknown as { __loaded: string }).__loaded = 'first-load'));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { __loaded?: string }).__loaded);

/**
 * The console runs at the next 10:00 in Shanghai (CLOCK_OFFSET_SECONDS), whatever the machine's
 * hour: the wallboard's figures for "today" must not roll over in the middle of the test, as they
 * would if it ran across midnight in Shanghai. Forward in time, so the browser's session cookie is
 * valid by the machine's clock.
 */
function offsetToNextMorning(now = Date.now()): number {
  const DAY = 86_400_000;
  const SHANGHAI = 8 * 3_600_000;
  let target = Math.floor((now + SHANGHAI) / DAY) * DAY - SHANGHAI + 10 * 3_600_000;
  if (target <= now) target += DAY;
  return Math.round((target - now) / 1000);
}

describe.skipIf(!browserAvailable())('live console across a server restart', () => {
  // One offset for both starts: the restarted console's clock carries on where the first one's was.
  const offset = offsetToNextMorning();
  const env = (dataDir: string) => ({ DATA_DIR: dataDir, SWEEP_INTERVAL_SECONDS: '0', NODE_ENV: 'test', CLOCK_OFFSET_SECONDS: String(offset) });
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-console-e2e-'));
    server = await spawnServer({ env: env(dataDir) });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('wallboard and queues follow the line live, and catch up by themselves after a restart', { timeout: 240_000 }, async () => {
    const url = server.url;
    const wallboard = await loginAs(browser, url, 'supervisor', '/wallboard');
    await wallboard.getByTestId('wb-today-registered').waitFor();
    const queues = await loginAs(browser, url, 'supervisor', '/supervisor');
    await queues.getByTestId('queue-count-awaiting_acceptance').waitFor();
    const operator = await loginAs(browser, url, 'operator');
    await Promise.all([mark(wallboard), mark(queues)]);

    // The operator's console is open: available on the wallboard.
    await shows(wallboard, 'wb-presence-available', 1);
    const registered = await num(wallboard, 'wb-today-registered');
    const dispatched = await num(wallboard, 'wb-state-dispatched');
    const awaiting = await num(queues, 'queue-count-awaiting_acceptance');

    // The operator logs a call from the keyboard and dispatches it.
    await operator.locator('#contactName').focus();
    await operator.keyboard.press('Alt+1');
    await operator.keyboard.type('赵先生');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('13611112222');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('九亭大街216弄');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('小区门口有人占道设摊卖菜，堵住了消防通道');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('城管');
    await operator.keyboard.press('Enter');
    await operator.keyboard.press('Control+Enter');
    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已派单' });
    await toast.waitFor();
    const first = (await toast.innerText()).match(/ZX\d{8}-\d{4}/)![0];

    await shows(wallboard, 'wb-today-registered', registered + 1);
    await shows(wallboard, 'wb-state-dispatched', dispatched + 1);
    await shows(queues, 'queue-count-awaiting_acceptance', awaiting + 1);
    await queues.getByTestId('supervisor-queue').locator(`[data-number="${first}"]`).waitFor();
    // The row carries the running clock's light and time left.
    expect(await queues.getByTestId('supervisor-queue').locator(`[data-number="${first}"]`).innerText()).toMatch(/正常[\s\S]*先行联系 剩余/);

    // Operators by status, live: the operator takes a break.
    await operator.getByTestId('presence').getByText('小休').click();
    await shows(wallboard, 'wb-presence-break', 1);
    await shows(wallboard, 'wb-presence-available', 0);
    await wallboard.screenshot({ path: screenshotPath('console-wallboard') });
    // Issue 16 item 12: nothing overdue and no cluster alert — those panels shrink to a line and
    // the charts take the room.
    expect(await wallboard.getByTestId('wb-grid').getAttribute('data-quiet')).toBe('yes');
    const overdueBox = await wallboard.getByTestId('wb-panel-overdue').boundingBox();
    const statesBox = await wallboard.getByTestId('wb-panel-states').boundingBox();
    expect(overdueBox!.height).toBeLessThan(statesBox!.height * 0.75);
    await queues.screenshot({ path: screenshotPath('console-queues') });

    // The server dies and comes back on the same port.
    await server.kill('SIGKILL');
    await Promise.all([liveBadge(wallboard, 'reconnecting'), liveBadge(queues, 'reconnecting'), liveBadge(operator, 'reconnecting')]);
    // The wall says its numbers are not current.
    await wallboard.getByTestId('wb-stale').waitFor();
    await wallboard.screenshot({ path: screenshotPath('console-wallboard-reconnecting') });
    // While it is down, the line keeps no secrets: nothing to do but wait.
    server = await spawnServer({ env: env(dataDir), port: server.port });
    await Promise.all([liveBadge(wallboard, 'live', 60_000), liveBadge(queues, 'live', 60_000), liveBadge(operator, 'live', 60_000)]);
    await wallboard.getByTestId('wb-stale').waitFor({ state: 'detached' });

    // A ticket created after the restart reaches both screens without a reload.
    const api = await ApiClient.login(url, 'operator2', DEMO_PASSWORD);
    const created = await api.post(
      '/api/tickets',
      intake({ contactPhone: '13733334444', address: '沪亭北路99弄', description: '楼上住户深夜装修噪音很大', leadUnitId: await unitId(api, '镇生态环境办') }),
    );
    expect(created.status).toBe(201);
    await queues.getByTestId('supervisor-queue').locator(`[data-number="${created.body.number}"]`).waitFor({ timeout: 15_000 });
    await shows(queues, 'queue-count-awaiting_acceptance', awaiting + 2);
    await shows(wallboard, 'wb-today-registered', registered + 2);
    await shows(wallboard, 'wb-state-dispatched', dispatched + 2);
    // The operator's chosen status survived the restart (presence is in the database).
    await shows(wallboard, 'wb-presence-break', 1);
    expect(await marked(wallboard)).toBe('first-load');
    expect(await marked(queues)).toBe('first-load');
    await wallboard.screenshot({ path: screenshotPath('console-wallboard-after-restart') });

    // English is one click away, and the figures stay.
    await queues.getByText('EN', { exact: true }).click();
    await queues.getByTestId('queue-awaiting_acceptance').getByText('Awaiting acceptance').waitFor();
    await queues.getByRole('columnheader', { name: 'Time left' }).first().waitFor();
    // The wall screen is another browser: it keeps its own choice (set here as its EN switch would).
    await wallboard.evaluate(() => localStorage.setItem('hotline.locale', 'en'));
    await wallboard.reload();
    await wallboard.getByText('Calls waiting').waitFor();
    await shows(wallboard, 'wb-today-registered', registered + 2);

    // A queue row opens its ticket from the keyboard.
    await queues.getByTestId('supervisor-queue').locator(`[data-number="${first}"]`).focus();
    await queues.keyboard.press('Enter');
    await queues.waitForURL(/\/tickets\/\d+$/);
    await queues.getByTestId('ticket-panel').waitFor();

    // Three callers about one place and problem: a cluster alert, and its panel takes its room back.
    for (const phone of ['13955550001', '13955550002', '13955550003']) {
      const res = await api.post(
        '/api/tickets',
        intake({ contactPhone: phone, address: '沪亭北路401号', categoryCode: 'noise', description: '工地晚上还在打桩，噪音非常大' }),
      );
      expect(res.status).toBe(201);
    }
    await expect.poll(() => wallboard.getByTestId('wb-grid').getAttribute('data-quiet'), { timeout: 15_000 }).toBe('no');
    await wallboard.getByTestId('wb-clusters').waitFor();
    const overdue = await wallboard.getByTestId('wb-panel-overdue').boundingBox();
    const states = await wallboard.getByTestId('wb-panel-states').boundingBox();
    expect(overdue!.height).toBeGreaterThan(states!.height * 0.8);
    await wallboard.screenshot({ path: screenshotPath('console-wallboard-cluster') });
  });
});

async function unitId(api: ApiClient, name: string): Promise<number> {
  const units = (await api.get('/api/units')).body as { id: number; name: string }[];
  return units.find((u) => u.name === name)!.id;
}
