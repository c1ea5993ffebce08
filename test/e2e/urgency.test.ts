/**
 * Issue 15.2 / 001 三.1 in the browser: the operator registers an urgent order with its reason; on
 * the ticket page a supervisor marks a ticket urgent with a
 * reason (from the keyboard); the ticket shows 紧急, its reply deadline moves from 5 to 3 working
 * days (the `urgent` policy), and the timeline says who did it and why. Others have no switch.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { browserAvailable, loginAs, screenshotPath, SetClock, expectAccessible } from '../support/browser';
import { consoleInBrowser, openTicketAs, typeRecord } from '../support/console-in-browser';
import { intake } from '../support/server';

/** Monday 2026-11-23 10:00 Shanghai: 5 working days end Monday 11-30, 3 end Thursday 11-26. */
const clock = new SetClock(new Date('2026-11-23T10:00:00+08:00'));

describe.skipIf(!browserAvailable())('urgent orders in the browser', () => {
  const env = consoleInBrowser({ now: clock.now });

  it('an operator registers an urgent order with its reason from the keyboard; it runs under the urgent policy (001 三.1)', async () => {
    const { t, browser } = env;
    const page = await loginAs(browser, t.url, 'operator', {}, clock);
    await typeRecord(page, { name: '孙先生', phone: '13633334444', address: '颐亭花园5号楼', description: '小区主水管爆裂，整栋楼停水' });
    await page.locator('#urgent').focus();
    await page.keyboard.press('Space');
    const reason = page.locator('#urgentReason');
    await reason.waitFor();
    // Enter without a reason: the field says why and nothing is saved.
    await reason.focus();
    await page.keyboard.press('Enter');
    await page.getByText('标记紧急工单须填写紧急原因').first().waitFor();
    expect(await t.database.db.select().from(tickets).where(eq(tickets.contactPhone, '13633334444'))).toEqual([]);
    await reason.fill('区城运中心紧急工单');
    await page.keyboard.press('Enter');
    await page.locator('.ant-message-notice').filter({ hasText: '已登记工单' }).waitFor();
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.contactPhone, '13633334444'));
    expect([row!.urgent, row!.policyCode]).toEqual([true, 'urgent']);
    // The next record starts plain again.
    expect(await page.locator('#urgent').isChecked()).toBe(false);
  });

  it('a supervisor marks a ticket urgent with a reason; the reply due moves to 3 working days (001 三.1)', async () => {
    const { t } = env;
    const op = await t.login('operator');
    const id = (await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }))).body.id as number;

    const operator = await openTicketAs(env, 'operator', id, clock);
    await operator.getByTestId('urgency-value').waitFor();
    expect(await operator.getByTestId('urgency-edit').count()).toBe(0);

    const sup = await openTicketAs(env, 'supervisor', id, clock);
    const deadlines = sup.getByTestId('ticket-deadlines');
    await deadlines.getByText('11-30 23:59').waitFor();
    await sup.getByTestId('urgency-edit').focus();
    await sup.keyboard.press('Enter');
    const reason = sup.getByTestId('urgency-reason');
    await reason.waitFor();
    // No reason: refused in Chinese on the field, nothing changes.
    await reason.press('Enter');
    await sup.getByTestId('form-urgency').getByText('请填写原因').first().waitFor();
    expect(await sup.getByTestId('urgent-flag').count()).toBe(0);

    await reason.fill('区城运中心紧急工单');
    await reason.press('Enter');
    await sup.getByTestId('urgent-flag').waitFor();
    expect(await sup.getByTestId('urgency-value').innerText()).toBe('是');
    await deadlines.getByText('11-26 23:59').waitFor();
    const timeline = sup.getByTestId('ticket-timeline');
    await timeline.getByText('设置紧急工单').waitFor();
    expect(await timeline.innerText()).toContain('区城运中心紧急工单');
    expect(await timeline.innerText()).toContain('hotline_default → urgent');
    await sup.screenshot({ path: screenshotPath('urgency-set'), fullPage: true });
    await expectAccessible(sup, 'urgency-set');
  });
});
