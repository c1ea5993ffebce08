/**
 * Issue 15.8 in a real browser: where the policy asks for it (000 三(四) "各责任单位主要负责人…在结案签批
 * 表上签字确认", 002 一.6), the supervisor's review says the closing report lacks the unit head's
 * sign-off and cannot accept it; the lead unit's liaison records the head's sign-off on the ticket
 * page; the event names its actor and the signer, and the supervisor can then accept.
 */
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { DEFAULT_POLICIES } from '../../shared/clock/default-policies';
import type { TicketCommand } from '../../shared/ticket/commands';
import { browserAvailable, screenshotPath, screenshotWhenStill, expectAccessible } from '../support/browser';
import { consoleInBrowser, openTicketAs } from '../support/console-in-browser';
import { intake, type ApiClient } from '../support/server';
import { openAction, SHOWN } from '../support/ticket-actions';

let now = new Date('2026-11-23T10:00:00+08:00');
const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

describe.skipIf(!browserAvailable())('the unit head signs the closing report off (issue 15.8)', () => {
  const env = consoleInBrowser({ now: () => now });

  it('the supervisor cannot accept an unsigned report; the liaison records the sign-off; then it is accepted', async () => {
    const { t } = env;
    const [op, sup, unit] = (await Promise.all(['operator', 'supervisor', 'liaison-d-chengguan'].map((u) => t.login(u)))) as [ApiClient, ApiClient, ApiClient];
    const { code: _c, version: _v, ...definition } = DEFAULT_POLICIES.hotline_default;
    expect((await sup.post('/api/policies/hotline_default', { ...definition, replyNeedsSignOff: true })).status).toBe(201);
    const id = (await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }))).body.id as number;
    const run = async (command: TicketCommand, input: Record<string, unknown> = {}) => {
      const { version } = (await sup.get(`/api/tickets/${id}`)).body;
      expect((await unit.post(ticketCommandPath(command, id), { version, ...input })).status).toBe(200);
    };
    later(30);
    await run('accept');
    later(60);
    await run('reply', { outcome: 'resolved', facts: '店家油烟净化器未开启', report: '已责令店家开启净化器并复查', citizenToldAt: now.toISOString() });
    later(30);

    /** The review's panel is keyed decide:reply; its form is the send-back form (decision-forms.tsx). */
    const openReview = async (page: Page) => {
      const header = page.getByTestId('action-decide:reply').locator('xpath=ancestor::*[@aria-expanded][1]');
      await header.waitFor();
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      const form = page.getByTestId('form-send_back_reply');
      await form.waitFor();
      return form;
    };
    const supervisor = await openTicketAs(env, 'supervisor', id);
    const review = await openReview(supervisor);
    await review.getByTestId('sign-off-missing').waitFor();
    expect(await review.getByRole('radio', { name: '通过', exact: true }).isDisabled()).toBe(true);

    const liaison = await openTicketAs(env, 'liaison-d-chengguan', id);
    // Issue 15.3: the ticket page also shows the dispatch (000 三(一)) and acceptance (001 二.1) clocks, both met.
    expect(await liaison.getByTestId('deadline-dispatch').innerText()).toContain('派单');
    expect(await liaison.getByTestId('deadline-acceptance').innerText()).toContain('先行接单');
    const form = await openAction(liaison, 'sign_off_reply');
    await form.getByLabel('签批的单位负责人').fill('张主任');
    await form.getByLabel('签批意见').fill('已审核，同意结案');
    await screenshotWhenStill(liaison, screenshotPath('reply-sign-off'));
    await expectAccessible(liaison, 'reply-sign-off');
    await form.getByTestId('form-sign_off_reply-submit').click();
    await liaison.getByTestId('action-sign_off_reply').waitFor({ state: 'detached', timeout: SHOWN });
    const [event] = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.ticketId, id), eq(events.type, 'ticket.reply_signed_off')));
    expect(event).toMatchObject({ actorId: unit.user.id, actorRole: 'liaison', payload: { signer: '张主任' } });

    await supervisor.reload();
    const again = await openReview(supervisor);
    await expect.poll(() => again.getByTestId('sign-off-missing').count(), { timeout: SHOWN }).toBe(0);
    await again
      .locator('label.ant-radio-button-wrapper')
      .filter({ hasText: /^通过$/ })
      .click();
    await again.getByTestId('form-send_back_reply-submit').click();
    const accepted = () =>
      t.database.db
        .select()
        .from(events)
        .where(and(eq(events.ticketId, id), eq(events.type, 'ticket.reply_accepted')));
    await expect.poll(async () => (await accepted()).length, { timeout: SHOWN }).toBe(1);
    await screenshotWhenStill(supervisor, screenshotPath('reply-signed-accepted'));
    await expectAccessible(supervisor, 'reply-signed-accepted');
  });
});
