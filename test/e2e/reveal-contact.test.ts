/**
 * PRODUCT.md §9 in the browser: the ticket page shows the caller's number masked; the lead unit's
 * liaison reveals it with "显示号码" (from the keyboard), gets a tel: link, and the timeline
 * says "查看了来电号码". An assisting unit sees the masked number and no button.
 */
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { TicketCommand } from '../../shared/ticket/commands';
import { browserAvailable, launchBrowser, screenshotPath, loginAs, expectAccessible } from '../support/browser';
import { intake, startTestServer, type TestServer } from '../support/server';

describe.skipIf(!browserAvailable())('caller number reveal in the browser', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the number masked, reveals it on request, and the timeline records who saw it', async () => {
    const op = await t.login('operator');
    const created = await op.post('/api/tickets', intake({ contactPhone: '13812345678', leadUnitId: t.units.d_chengguan, assistUnitIds: [t.units.d_housing] }));
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const reveals = () =>
      t.database.db
        .select()
        .from(events)
        .where(and(eq(events.ticketId, id), eq(events.type, 'ticket.contact_revealed')));

    const lead = await loginAs(browser, t.url, 'liaison-d-chengguan');
    await lead.goto(`${t.url}/tickets/${id}`);
    const phone = lead.getByTestId('ticket-fields').getByTestId('ticket-phone');
    await phone.waitFor();
    expect(await phone.innerText()).toBe('138****5678');
    expect(await lead.locator('body').innerText()).not.toContain('13812345678');
    await lead.screenshot({ path: screenshotPath('reveal-contact-masked') });
    await expectAccessible(lead, 'reveal-contact-masked');

    // Keyboard reachable: a real button, focused and pressed with Enter.
    const button = lead.getByTestId('ticket-phone-reveal');
    await button.focus();
    expect(await button.evaluate((el) => el === document.activeElement && el.tagName)).toBe('BUTTON');
    await lead.keyboard.press('Enter');
    const link = lead.getByTestId('ticket-fields').locator('a[data-testid="ticket-phone"]');
    await link.getByText('13812345678').waitFor();
    expect(await link.getAttribute('href')).toBe('tel:13812345678');
    const entry = lead.getByTestId('ticket-timeline').getByText('查看了来电号码');
    await entry.waitFor();
    expect(await lead.getByTestId('ticket-timeline').innerText()).toContain('在工单页查看');
    await lead.screenshot({ path: screenshotPath('reveal-contact-revealed'), fullPage: true });
    await expectAccessible(lead, 'reveal-contact-revealed');

    const rows = await reveals();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorRole: 'liaison', payload: { purpose: 'view', confidential: false } });

    // An assisting unit works the ticket too, but does not contact the caller: masked, no button.
    const assisting = await loginAs(browser, t.url, 'liaison-d-housing');
    await assisting.goto(`${t.url}/tickets/${id}`);
    await assisting.getByTestId('ticket-fields').getByTestId('ticket-phone').waitFor();
    expect(await assisting.getByTestId('ticket-fields').getByTestId('ticket-phone').innerText()).toBe('138****5678');
    expect(await assisting.getByTestId('ticket-phone-reveal').count()).toBe(0);
    // The reveal was the lead unit's; the assisting unit sees it in the timeline, not the number.
    await assisting.getByTestId('ticket-timeline').getByText('查看了来电号码').waitFor();
    expect(await assisting.locator('body').innerText()).not.toContain('13812345678');
    expect(await reveals()).toHaveLength(1);
  });

  it('reveals and logs in the same click that starts the revisit call', async () => {
    const op = await t.login('operator');
    const unit = await t.login('liaison-d-chengguan');
    const created = await op.post('/api/tickets', intake({ contactPhone: '13955556666', leadUnitId: t.units.d_chengguan }));
    const id = created.body.id as number;
    const run = async (command: TicketCommand, input: Record<string, unknown> = {}) => {
      const { body } = await op.get(`/api/tickets/${id}`);
      const res = await unit.post(ticketCommandPath(command, id), { version: body.version, ...input });
      expect(res.status, command).toBe(200);
    };
    await run('accept');
    await run('record_first_contact', { at: new Date().toISOString(), channel: 'phone', note: '已电话联系' });
    await run('reply', { outcome: 'resolved', facts: '油烟净化器未清洗', report: '已责令清洗', citizenToldAt: new Date().toISOString() });

    const revisit = await loginAs(browser, t.url, 'revisit');
    await revisit.goto(`${t.url}/tickets/${id}`);
    const phone = revisit.getByTestId('citizen-phone');
    await phone.waitFor();
    expect(await phone.innerText()).toBe('139****6666');
    await revisit.getByTestId('call-citizen').click();
    await revisit.locator('a[data-testid="citizen-phone"]').getByText('13955556666').waitFor();
    await revisit.getByTestId('ticket-timeline').getByText('拨打市民电话时').waitFor();
    await revisit.screenshot({ path: screenshotPath('reveal-contact-revisit-call') });
    await expectAccessible(revisit, 'reveal-contact-revisit-call');
    const rows = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.ticketId, id), eq(events.type, 'ticket.contact_revealed')));
    expect(rows.map((r) => [r.actorRole, (r.payload as { purpose: string }).purpose])).toEqual([['revisit', 'call']]);
    // Already shown: calling again places the call without another reveal.
    const placed = revisit.waitForResponse((r) => r.url().endsWith('/api/calls/outbound') && r.request().method() === 'POST');
    await revisit.getByTestId('call-citizen').click();
    // The page reveals (if it must) before it places the call: once the call is placed, no reveal is coming.
    await placed;
    expect(
      await t.database.db
        .select()
        .from(events)
        .where(and(eq(events.ticketId, id), eq(events.type, 'ticket.contact_revealed'))),
    ).toHaveLength(1);
  });
});
