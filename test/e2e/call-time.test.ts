/**
 * PRODUCT.md §2 call time 来电日期 in the browser:
 * - issue 16.7: a record typed without a linked call is dated at the operator's first keystroke, not
 *   at the save (the operator pauses before saving here; the ticket's call time is before it);
 * - issue 15.9: on the ticket page only a supervisor has 更正; the correction needs a reason, and the
 *   timeline says who changed it from what to what and why.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events, tickets } from '../../db/schema';
import { browserAvailable, loginAs, screenshotPath, SetClock } from '../support/browser';
import { consoleInBrowser, openTicketAs, typeRecord } from '../support/console-in-browser';
import { intake } from '../support/server';

/**
 * The console's clock stands still at Monday 2026-11-23 15:00 Shanghai while the browser's runs on:
 * the form sends its own clock with the record, and the server dates the record by the time that
 * passed since the first keystroke, whatever the browser's date.
 */
const clock = new SetClock(new Date('2026-11-23T15:00:00+08:00'));

describe.skipIf(!browserAvailable())('call time in the browser', () => {
  const env = consoleInBrowser({ now: clock.now });

  it('dates a record typed without a call at its first keystroke, not at the save (issue 16.7)', async () => {
    const { t, browser } = env;
    const page = await loginAs(browser, t.url, 'operator', {}, clock);
    // The caller talks for a while before the record is finished.
    const pause = { afterPhone: () => page.waitForTimeout(2500) };
    await typeRecord(page, { name: '钱女士', phone: '13622223333', address: '颐亭花园5号楼', description: '楼道里堆放杂物，影响消防通道' }, pause);
    await page.keyboard.press('Enter');
    await page
      .locator('.ant-message-notice')
      .filter({ hasText: /已登记|已保存/ })
      .waitFor();
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.contactPhone, '13622223333'));
    const gap = row!.createdAt.getTime() - row!.callAt.getTime();
    expect(gap).toBeGreaterThanOrEqual(2500);
    expect(gap).toBeLessThan(60_000);
  });

  it('lets only a supervisor correct the call time, with a reason, and shows it on the timeline (issue 15.9)', async () => {
    const { t } = env;
    const op = await t.login('operator');
    const created = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    const id = created.body.id as number;

    // An operator reads the call time but has no correction.
    const operator = await openTicketAs(env, 'operator', id, clock);
    await operator.getByTestId('call-time-value').waitFor();
    expect(await operator.getByTestId('call-time-edit').count()).toBe(0);

    const sup = await openTicketAs(env, 'supervisor', id, clock);
    const edit = sup.getByTestId('call-time-edit');
    await edit.focus();
    await sup.keyboard.press('Enter');
    const input = sup.getByTestId('call-time-input');
    await input.waitFor();
    await input.fill('2026-11-23T09:20:00');
    // No reason: refused by the server, in Chinese, on the field; nothing changes.
    await sup.getByTestId('form-call-time-submit').click();
    await sup.getByTestId('form-call-time').getByText('请填写更正原因').first().waitFor();
    expect((await t.database.db.select().from(events).where(eq(events.ticketId, id))).filter((e) => e.type === 'ticket.call_time_corrected')).toEqual([]);

    await sup.getByTestId('call-time-reason').fill('来访市民九点二十分到窗口，登记晚了');
    await sup.getByTestId('call-time-reason').press('Enter');
    await sup.getByTestId('call-time-value').getByText('2026-11-23 09:20').waitFor();
    const timeline = sup.getByTestId('ticket-timeline');
    await timeline.getByText('更正来电时间').waitFor();
    expect(await timeline.innerText()).toContain('来访市民九点二十分到窗口，登记晚了');
    expect(await timeline.innerText()).toContain('→ 2026-11-23 09:20');
    await sup.screenshot({ path: screenshotPath('call-time-corrected'), fullPage: true });

    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, id));
    expect(row!.callAt.toISOString()).toBe(new Date('2026-11-23T09:20:00+08:00').toISOString());
  });
});
