/**
 * Issue 6, click to call from the ticket page, in a real browser on simulator mode: the lead
 * unit's liaison sees 拨打市民电话 beside the masked number; the call is placed by the server
 * (the browser never had the full number), carried by the simulator's signed callbacks, and
 * shows in the ticket's timeline. An assisting unit's liaison sees no button. A ticket filed
 * through Open311 without a phone (issue 19 item 2) reads 未留电话, with no button for anyone.
 */
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { TicketCommand } from '../../shared/ticket/commands';
import { browserAvailable, launchBrowser, screenshotPath, loginAs } from '../support/browser';
import { fileOpen311Request } from '../support/open311';
import { intake, startTestServer, type TestServer } from '../support/server';
import { eventually, FakeTwilioApi, simulatorEnv, TEST_ACCOUNT_SID, TEST_LINE, twilioEnv } from '../support/telephony';

describe.skipIf(!browserAvailable())('click to call from the ticket page', () => {
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

  it('the lead liaison calls the citizen from the ticket; the call is in the timeline; an assisting liaison has no button', async () => {
    const op = await t.login('operator');
    const ticket = (await op.post('/api/tickets', intake({ contactPhone: '13812345678', leadUnitId: t.units.d_chengguan, assistUnitIds: [t.units.d_market] })))
      .body;
    expect(ticket.id).toBeGreaterThan(0);

    const lead = await loginAs(browser, t.url, 'liaison');
    // The page never receives the full number before a reveal; the call does not need one.
    const fullNumberSeen: string[] = [];
    lead.on('response', (res) => {
      if (res.url().includes('/api/'))
        void res.text().then(
          (body) => body.includes('13812345678') && fullNumberSeen.push(res.url()),
          () => undefined,
        );
    });
    await lead.goto(`${t.url}/tickets/${ticket.id}`);
    const fields = lead.getByTestId('ticket-fields');
    await fields.getByTestId('ticket-phone').getByText('138****5678').waitFor();
    const button = fields.getByTestId('click-to-call');
    await button.waitFor();
    await button.click();
    await lead.locator('.ant-message-notice').filter({ hasText: '正在呼叫 138****5678' }).waitFor();

    const row = await eventually(async () => (await t.database.db.select().from(calls).where(eq(calls.ticketId, ticket.id)))[0]);
    expect(row).toMatchObject({ direction: 'outbound', citizenPhone: '13812345678', toNumber: '+8613812345678', simulated: true });
    // The simulator rings and bridges with signed callbacks; the page follows them live.
    const timeline = lead.getByTestId('ticket-timeline');
    await timeline.getByText('外呼市民').waitFor();
    await timeline.getByText('通话接通').waitFor({ timeout: 10_000 });
    await expect(timeline.getByText('呼出 · 138****5678', { exact: false }).count()).resolves.toBeGreaterThan(0);
    await lead.screenshot({ path: screenshotPath('ticket-click-to-call-lead'), fullPage: true });
    expect(await timeline.textContent()).not.toContain('13812345678');
    expect(fullNumberSeen).toEqual([]);

    const assisting = await loginAs(browser, t.url, 'liaison-d-market');
    await assisting.goto(`${t.url}/tickets/${ticket.id}`);
    await assisting.getByTestId('ticket-fields').getByTestId('ticket-phone').getByText('138****5678').waitFor();
    // Same page, same moment: the lead's button is there, the assisting unit's is not.
    expect(await assisting.getByTestId('click-to-call').count()).toBe(0);
    await assisting.screenshot({ path: screenshotPath('ticket-click-to-call-assisting') });
    // …and the server refuses it too (PRODUCT.md §9: only the lead unit contacts the citizen).
    const refused = await (await t.login('liaison-d-market')).post('/api/calls/outbound', { ticketId: ticket.id });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('wrong_unit');
    expect((await t.database.db.select().from(calls).where(eq(calls.ticketId, ticket.id))).length).toBe(1);
  });

  it('a ticket filed through Open311 without a phone reads 未留电话, with no reveal and no call, for the liaison and the revisit caller', async () => {
    const filed = await fileOpen311Request(t.url, { address_string: '易富路88弄', description: '路面塌陷，请尽快处理' });
    expect(filed.status).toBe(200);
    const number = ((await filed.json()) as { service_request_id: string }[])[0]!.service_request_id;
    const sup = await t.login('supervisor');
    const id = (await sup.get('/api/tickets')).body.tickets.find((x: { number: string }) => x.number === number).id as number;
    const unit = await t.login('liaison-d-chengguan');
    const run = async (who: typeof sup, command: TicketCommand, input: Record<string, unknown> = {}) => {
      const { version } = (await sup.get(`/api/tickets/${id}`)).body;
      expect((await who.post(ticketCommandPath(command, id), { version, ...input })).status, command).toBe(200);
    };
    await run(sup, 'dispatch', { leadUnitId: t.units.d_chengguan });

    const lead = await loginAs(browser, t.url, 'liaison');
    await lead.goto(`${t.url}/tickets/${id}`);
    const fields = lead.getByTestId('ticket-fields');
    await fields.getByTestId('ticket-phone').getByText('未留电话').waitFor();
    expect(await lead.getByTestId('click-to-call').count()).toBe(0);
    expect(await lead.getByTestId('ticket-phone-reveal').count()).toBe(0);
    await lead.screenshot({ path: screenshotPath('ticket-no-phone'), fullPage: true });

    await run(unit, 'accept');
    await run(unit, 'reply', { outcome: 'resolved', facts: '路面塌陷', report: '已修复', citizenToldAt: new Date().toISOString() });
    const revisit = await loginAs(browser, t.url, 'revisit');
    await revisit.goto(`${t.url}/tickets/${id}`);
    await revisit.getByTestId('revisit-no-phone').waitFor();
    expect(await revisit.getByTestId('call-citizen').count()).toBe(0);
    expect(await revisit.getByTestId('ticket-fields').getByTestId('ticket-phone').innerText()).toBe('未留电话');
  });
});

describe.skipIf(!browserAvailable())('click to call from the ticket page with Twilio (REST API faked on loopback)', () => {
  let t: TestServer;
  let api: FakeTwilioApi;
  let browser: Browser;
  beforeAll(async () => {
    api = new FakeTwilioApi();
    t = await startTestServer({ env: twilioEnv(await api.start()) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await api?.close();
  });

  it('asks Twilio to ring the liaison’s softphone and bridge the number the server looked up', async () => {
    const op = await t.login('operator');
    const ticket = (await op.post('/api/tickets', intake({ contactPhone: '13812345678', leadUnitId: t.units.d_chengguan }))).body;
    const lead = await loginAs(browser, t.url, 'liaison');
    await lead.goto(`${t.url}/tickets/${ticket.id}`);
    api.requests.length = 0;
    // The softphone cannot reach Twilio from here: the call is still placed (after at most 5 s).
    await lead.getByTestId('ticket-fields').getByTestId('click-to-call').click();
    await lead.locator('.ant-message-notice').filter({ hasText: '正在呼叫 138****5678' }).waitFor({ timeout: 15_000 });
    const liaisonId = (await t.database.db.select().from(calls).where(eq(calls.ticketId, ticket.id)))[0]!.requestedBy;
    expect(api.requests).toHaveLength(1);
    const r = api.requests[0]!;
    expect(r.path).toBe(`/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Calls.json`);
    expect(r.form.get('To')).toBe(`client:user-${liaisonId}`);
    expect(r.form.get('From')).toBe(TEST_LINE);
    expect(r.form.get('Twiml')).toContain('<Number>+8613812345678</Number>');
  });

  it('the revisit caller’s call button also rings the revisit caller’s own softphone', async () => {
    const op = await t.login('operator');
    const unit = await t.login('liaison-d-chengguan');
    const ticket = (await op.post('/api/tickets', intake({ contactPhone: '13955556666', leadUnitId: t.units.d_chengguan }))).body;
    const run = async (command: TicketCommand, input: Record<string, unknown> = {}) => {
      const { body } = await op.get(`/api/tickets/${ticket.id}`);
      const res = await unit.post(ticketCommandPath(command, ticket.id), { version: body.version, ...input });
      expect(res.status, command).toBe(200);
    };
    await run('accept');
    await run('record_first_contact', { at: new Date().toISOString(), channel: 'phone', note: '已电话联系' });
    await run('reply', { outcome: 'resolved', facts: '占道经营', report: '已劝离', citizenToldAt: new Date().toISOString() });

    const revisit = await loginAs(browser, t.url, 'revisit');
    const tokenAsked: string[] = [];
    revisit.on('request', (req) => req.url().includes('/api/calls/voice-token') && tokenAsked.push(req.url()));
    await revisit.goto(`${t.url}/tickets/${ticket.id}`);
    api.requests.length = 0;
    await revisit.getByTestId('call-citizen').click();
    await revisit.locator('.ant-message-notice').filter({ hasText: '正在呼叫 13955556666' }).waitFor({ timeout: 15_000 });
    // The page started its softphone for the leg Twilio rings (it cannot register from here).
    expect(tokenAsked.length).toBeGreaterThan(0);
    const call = (await t.database.db.select().from(calls).where(eq(calls.ticketId, ticket.id)))[0]!;
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.form.get('To')).toBe(`client:user-${call.requestedBy}`);
    expect(api.requests[0]!.form.get('Twiml')).toContain('<Number>+8613955556666</Number>');
  });
});
