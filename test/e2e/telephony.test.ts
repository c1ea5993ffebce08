/**
 * Issue 6 end to end in a real browser, in simulator mode: a simulated inbound call (signed
 * webhooks, as `hotline simulate-call` sends them) pops on the operator's screen with the
 * caller's history; the operator takes it and logs the ticket linked to the call. Then the
 * supervisor's simulator panel places a call whose caller gives up; it is called back in one click.
 */
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, events, tickets } from '../../db/schema';
import { loadConfig } from '../../server/platform/config';
import { requestSimulatedCall } from '../../server/telephony/simulate-call';
import { browserAvailable, launchBrowser, screenshotPath, loginAs, expectAccessible } from '../support/browser';
import { intake, startTestServer, type TestServer } from '../support/server';
import { eventually, simulatorEnv } from '../support/telephony';

describe.skipIf(!browserAvailable())('telephony on the operator console', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer({ env: simulatorEnv() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('pops a simulated call with the caller’s history; the operator takes it and logs a linked ticket', async () => {
    const api = await t.login('operator2');
    const earlier = (
      await api.post('/api/tickets', intake({ contactPhone: '13912345678', address: '沪亭北路99弄', description: '小区门口垃圾堆放多日无人清运' }))
    ).body;
    const operator = await loginAs(browser, t.url, 'operator');
    await operator.getByTestId('incoming-calls').getByText('暂无来电').waitFor();

    const started = Date.now();
    await requestSimulatedCall({ config: loadConfig(simulatorEnv()), url: t.url, from: '13912345678', talk: 60 });
    const pop = operator.getByTestId('incoming-call');
    await pop.getByTestId('caller-number').getByText('13912345678').waitFor({ timeout: 3000 });
    await pop.getByTestId('caller-history').getByText(earlier.number).waitFor({ timeout: 3000 });
    const popAfter = Date.now() - started;
    // Pushed, not polled: the pop with its history shows without a reload. The latency itself is the
    // bench's figure (npm run bench: fan-out); a loaded CI machine is no place to time it to the second.
    expect(popAfter).toBeLessThan(3000);
    await expect(pop.getByText('历史工单 1').count()).resolves.toBe(1);
    await operator.screenshot({ path: screenshotPath('operator-call-pop') });
    await expectAccessible(operator, 'operator-call-pop');

    await pop.getByTestId('take-call').click();
    await operator.getByTestId('linked-call').getByText('关联来电 13912345678').waitFor();
    expect(await operator.locator('#contactPhone').inputValue()).toBe('13912345678');
    await operator.getByTestId('my-call').waitFor();
    await operator.screenshot({ path: screenshotPath('operator-call-taken') });
    await expectAccessible(operator, 'operator-call-taken');
    expect(await operator.getByTestId('incoming-call').count()).toBe(0);

    await operator.locator('#contactName').fill('王女士');
    await operator.locator('#address').fill('沪亭北路99弄3号');
    await operator.locator('#description').fill('小区门口垃圾又堆起来了，已经第三天');
    await operator.getByTestId('save').click();
    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已登记工单' });
    await toast.waitFor();
    const number = (await toast.innerText()).match(/ZX\d{8}-\d{4}/)![0];
    await operator.getByTestId('linked-call').waitFor({ state: 'detached' });

    const [ticket] = await t.database.db.select().from(tickets).where(eq(tickets.number, number));
    const call = await eventually(async () => {
      const [row] = await t.database.db.select().from(calls).where(eq(calls.ticketId, ticket!.id));
      return row?.answeredAt ? row : null;
    });
    expect(call).toMatchObject({ citizenPhone: '13912345678', status: 'in_progress', simulated: true });
    const timeline = await t.database.db.select().from(events).where(eq(events.ticketId, ticket!.id));
    expect(timeline.map((e) => e.type)).toContain('call.linked');
    // The operator's call is shown as answered, with a talk timer.
    await operator.getByTestId('my-call').getByText('通话中').waitFor();
    expect(await operator.getByTestId('my-call').getByText('13912345678').count()).toBe(1);
    await operator.screenshot({ path: screenshotPath('operator-call-linked') });
    await expectAccessible(operator, 'operator-call-linked');
  });

  it('the supervisor’s simulator panel places a call; the abandoned caller is called back in one click', async () => {
    const supervisor = await loginAs(browser, t.url, 'supervisor');
    await supervisor.goto(`${t.url}/operator`);
    await supervisor.getByTestId('live-status').and(supervisor.locator('[data-status="live"]')).waitFor();
    const operator = await loginAs(browser, t.url, 'operator2');

    await supervisor.getByTestId('simulate-call').click();
    await supervisor.locator('#sim-from').fill('13800001111');
    await supervisor.locator('#sim-abandon').fill('5');
    await supervisor.screenshot({ path: screenshotPath('supervisor-simulator-panel') });
    await expectAccessible(supervisor, 'supervisor-simulator-panel');
    await supervisor.getByTestId('simulate-dial').click();
    await supervisor.locator('.ant-message-notice').filter({ hasText: '模拟来电已拨入' }).waitFor();

    await operator.getByTestId('incoming-call').getByText('13800001111').waitFor({ timeout: 4500 });
    // Nobody answers; the caller gives up and lands in the call-back list.
    await operator.getByTestId('incoming-call').waitFor({ state: 'detached', timeout: 10_000 });
    await operator.getByText(/未接来电回拨 \d/).click();
    const row = operator.getByTestId('callback-row').filter({ hasText: '138****1111' });
    await row.waitFor();
    await operator.screenshot({ path: screenshotPath('operator-callbacks') });
    await expectAccessible(operator, 'operator-callbacks');
    await row.getByTestId('callback').click();
    await operator.locator('.ant-message-notice').filter({ hasText: '正在回拨' }).waitFor();
    await row.waitFor({ state: 'detached' });
    const rows = await t.database.db.select().from(calls).where(eq(calls.citizenPhone, '13800001111'));
    const abandoned = rows.find((r) => r.direction === 'inbound')!;
    const outbound = rows.find((r) => r.direction === 'outbound')!;
    expect(abandoned).toMatchObject({ status: 'abandoned', callbackCallId: outbound.id });
    expect(outbound).toMatchObject({ callbackOf: abandoned.id, requestedBy: expect.any(Number) });
    await operator.getByTestId('my-call').getByText('138****1111').waitFor();
  });
});
