/**
 * Twilio mode against a fake of Twilio's REST API on 127.0.0.1 (twilio's RequestClient
 * subclassed to rewrite the URI, passed as httpClient): the exact requests for click to call and
 * for taking a call in the browser, the atomic claim, the ticket ↔ call link, the softphone token.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, tickets } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';
import { FakeTwilioApi, newCallSid, TEST_ACCOUNT_SID, TEST_LINE, TEST_PUBLIC_BASE, twilioEnv, webhook } from '../../test/support/telephony';

describe(`telephony with Twilio's REST API faked on loopback (${engineName()})`, () => {
  let t: TestServer;
  let api: FakeTwilioApi;
  let op: ApiClient;
  let op2: ApiClient;
  let revisit: ApiClient;

  const inboundCall = async (from = '+8613812345678') => {
    const sid = newCallSid();
    const res = await webhook(t, '/telephony/twilio/voice', {
      AccountSid: TEST_ACCOUNT_SID,
      CallSid: sid,
      CallStatus: 'ringing',
      Direction: 'inbound',
      From: from,
      To: TEST_LINE,
    });
    expect(res.status).toBe(200);
    return (await t.database.db.select().from(calls).where(eq(calls.callSid, sid)))[0]!;
  };
  const callRow = async (id: number) => (await t.database.db.select().from(calls).where(eq(calls.id, id)))[0]!;

  beforeAll(async () => {
    api = new FakeTwilioApi();
    t = await startTestServer({ record: true, env: twilioEnv(await api.start()) });
    [op, op2, revisit] = await Promise.all([t.login('operator'), t.login('operator2'), t.login('revisit')]);
  });
  afterAll(async () => {
    await t?.close();
    await api?.close();
  });

  it('401 without a session, 403 for roles that do not answer calls', async () => {
    expect((await ApiClient.anonymous(t.url).get('/api/calls')).status).toBe(401);
    const liaison = await t.login('liaison');
    const res = await liaison.get('/api/calls');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden_role');
    expect((await liaison.post('/api/calls/1/claim', {})).status).toBe(403);
    expect((await (await t.login('supervisor')).post('/api/calls/simulator/inbound', { from: '13812345678' })).status).toBe(422);
  });

  it('click to call: creates the call through the REST API with the exact To, From and TwiML', async () => {
    const ticket = (await op.post('/api/tickets', intake({ contactPhone: '13812345678' }))).body;
    api.requests.length = 0;
    const res = await revisit.post('/api/calls/outbound', { ticketId: ticket.id });
    expect(res.status).toBe(201);
    const callId = res.body.call.id as number;
    expect(api.requests).toHaveLength(1);
    const r = api.requests[0]!;
    expect(r.method).toBe('POST');
    expect(r.path).toBe(`/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Calls.json`);
    expect(r.username).toBe(TEST_ACCOUNT_SID);
    expect(r.form.get('To')).toBe(`client:user-${revisit.user.id}`);
    expect(r.form.get('From')).toBe(TEST_LINE);
    expect(r.form.get('Url')).toBeNull();
    expect(r.form.get('Twiml')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Say language="cmn-CN">正在为您接通市民电话，请稍候。</Say>' +
        `<Dial callerId="${TEST_LINE}" action="${TEST_PUBLIC_BASE}/telephony/twilio/dial?callId=${callId}" method="POST" timeout="30"><Number>+8613812345678</Number></Dial>` +
        '</Response>',
    );
    expect(r.form.get('StatusCallback')).toBe(`${TEST_PUBLIC_BASE}/telephony/twilio/status?callId=${callId}`);
    expect(r.form.getAll('StatusCallbackEvent')).toEqual(['initiated', 'ringing', 'answered', 'completed']);

    const row = await callRow(callId);
    expect(row).toMatchObject({
      direction: 'outbound',
      ticketId: ticket.id,
      requestedBy: revisit.user.id,
      citizenPhone: '13812345678',
      toNumber: '+8613812345678',
      status: 'initiated',
    });
    expect(row.callSid).toMatch(/^CA[0-9a-f]{32}$/);

    // Twilio reports back; the citizen does not pick up.
    const base = { AccountSid: TEST_ACCOUNT_SID, CallSid: row.callSid, Direction: 'outbound-api', From: TEST_LINE, To: `client:user-${revisit.user.id}` };
    const statusPath = `/telephony/twilio/status?callId=${callId}`;
    expect((await webhook(t, statusPath, { ...base, CallStatus: 'ringing' })).status).toBe(200);
    await webhook(t, statusPath, { ...base, CallStatus: 'in-progress' });
    const dial = await webhook(t, `/telephony/twilio/dial?callId=${callId}`, { ...base, DialCallStatus: 'no-answer' });
    expect(dial.text).toContain('<Hangup/>');
    await webhook(t, statusPath, { ...base, CallStatus: 'completed', CallDuration: '31' });
    expect((await callRow(callId)).status).toBe('no_answer');

    // The attempt is in the ticket's timeline.
    const detail = await revisit.get(`/api/tickets/${ticket.id}`);
    const types = detail.body.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['call.dialing', 'call.ringing', 'call.answered', 'call.ended']));
    expect(JSON.stringify(detail.body.events.filter((e: { type: string }) => e.type.startsWith('call.')))).not.toContain('13812345678');
  });

  it('calls the staff member’s own phone when given', async () => {
    const ticket = (await op.post('/api/tickets', intake({ contactPhone: '021-62112300' }))).body;
    api.requests.length = 0;
    const res = await revisit.post('/api/calls/outbound', { ticketId: ticket.id, agentPhone: '13900001111' });
    expect(res.status).toBe(201);
    expect(api.requests[0]!.form.get('To')).toBe('+8613900001111');
    expect(api.requests[0]!.form.get('Twiml')).toContain('<Number>+862162112300</Number>');
  });

  it('lets only the lead unit’s liaison call the citizen', async () => {
    const ticket = (await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan, assistUnitIds: [t.units.d_market] }))).body;
    const other = await t.login('liaison-d-housing');
    expect((await other.post('/api/calls/outbound', { ticketId: ticket.id })).status).toBe(404);
    const assisting = await t.login('liaison-d-market');
    const refused = await assisting.post('/api/calls/outbound', { ticketId: ticket.id });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('wrong_unit');
    // A leader reads every ticket but does not call citizens (PRODUCT.md §9): refused by role.
    const leader = await (await t.login('leader')).post('/api/calls/outbound', { ticketId: ticket.id });
    expect(leader.status).toBe(403);
    expect(leader.body.error.code).toBe('forbidden_role');
    expect(await t.database.db.select().from(calls).where(eq(calls.ticketId, ticket.id))).toEqual([]);
    expect((await (await t.login('liaison')).post('/api/calls/outbound', { ticketId: ticket.id })).status).toBe(201);
  });

  it('keeps a refused outbound call on record as failed, with a Chinese error', async () => {
    const ticket = (await op.post('/api/tickets', intake())).body;
    api.failWith = 500;
    try {
      const res = await revisit.post('/api/calls/outbound', { ticketId: ticket.id });
      expect(res.status).toBe(503);
      expect(res.body.error.message).toContain('外呼失败');
    } finally {
      api.failWith = null;
    }
    const [row] = await t.database.db.select().from(calls).where(eq(calls.ticketId, ticket.id));
    expect(row).toMatchObject({ status: 'failed', direction: 'outbound' });
  });

  it('lets exactly one of two operators take a call, and connects it to that browser', async () => {
    const call = await inboundCall();
    api.requests.length = 0;
    const [a, b] = await Promise.all([op.post(`/api/calls/${call.id}/claim`, { via: 'browser' }), op2.post(`/api/calls/${call.id}/claim`, { via: 'browser' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? op : op2;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.error.code).toBe('invalid_state');
    expect(loser.body.error.message).toMatch(/^该来电已由.+接听$/);
    expect((await callRow(call.id)).claimedBy).toBe(winner.user.id);

    expect(api.requests).toHaveLength(1);
    const r = api.requests[0]!;
    expect(r.path).toBe(`/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Calls/${call.callSid}.json`);
    expect(r.form.get('Twiml')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        `<Dial action="${TEST_PUBLIC_BASE}/telephony/twilio/dial?callId=${call.id}" method="POST" timeout="20">` +
        `<Client statusCallback="${TEST_PUBLIC_BASE}/telephony/twilio/status" statusCallbackMethod="POST" statusCallbackEvent="initiated ringing answered completed">` +
        `<Identity>user-${winner.user.id}</Identity><Parameter name="callId" value="${call.id}"/></Client></Dial></Response>`,
    );
  });

  it('links the intake record to the call it was taken from', async () => {
    const call = await inboundCall('+8613700002222');
    expect((await op.post(`/api/calls/${call.id}/claim`, { via: 'desk' })).status).toBe(200);
    // Another operator cannot hang their ticket on this call.
    const refused = await op2.post('/api/tickets', intake({ contactPhone: '13700002222', callId: call.id }));
    expect(refused.status).toBe(422);
    // Issue 16.7: the call's start is the call time; the form's typing start is then neither used nor checked.
    const res = await op.post('/api/tickets', intake({ contactPhone: '13700002222', callId: call.id, startedAt: '2020-01-01T00:00:00+08:00' }));
    expect(res.status).toBe(201);
    const linked = await callRow(call.id);
    expect(linked.ticketId).toBe(res.body.id);
    const [ticket] = await t.database.db.select().from(tickets).where(eq(tickets.id, res.body.id));
    expect(ticket!.callAt.toISOString()).toBe(linked.queuedAt!.toISOString());
    const detail = await op.get(`/api/tickets/${res.body.id}`);
    const link = detail.body.events.find((e: { type: string }) => e.type === 'call.linked');
    expect(link.payload).toMatchObject({ call: { id: call.id, ticketId: res.body.id }, ticketNumber: res.body.number });
    // A second matter from the same call links too; the call keeps its first ticket.
    const second = await op.post('/api/tickets', intake({ contactPhone: '13700002222', callId: call.id }));
    expect(second.status).toBe(201);
    expect((await callRow(call.id)).ticketId).toBe(res.body.id);
    expect((await op.post('/api/tickets', intake({ callId: 99999999 }))).body.error.fields.callId).toBe('来电不存在');
  });

  it('puts the caller back in the queue when the operator’s phone does not answer', async () => {
    const call = await inboundCall('+8613600003333');
    await op.post(`/api/calls/${call.id}/claim`, { via: 'desk', deskPhone: '62112399' });
    expect(api.requests.at(-1)!.form.get('Twiml')).toContain('<Number statusCallback');
    const res = await webhook(t, `/telephony/twilio/dial?callId=${call.id}`, {
      AccountSid: TEST_ACCOUNT_SID,
      CallSid: call.callSid,
      Direction: 'inbound',
      DialCallStatus: 'no-answer',
    });
    expect(res.text).toContain('>hotline</Enqueue>');
    const row = await callRow(call.id);
    expect(row).toMatchObject({ claimedBy: null, status: 'queued' });
    // …and someone else can take it now.
    expect((await op2.post(`/api/calls/${call.id}/claim`, { via: 'desk' })).status).toBe(200);
  });

  it('mints a Voice SDK access token for the browser softphone', async () => {
    const res = await op.get('/api/calls/voice-token');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'twilio', identity: `user-${op.user.id}` });
    const payload = JSON.parse(Buffer.from(res.body.token.split('.')[1], 'base64url').toString());
    expect(payload.grants).toMatchObject({
      identity: `user-${op.user.id}`,
      voice: { incoming: { allow: true }, outgoing: { application_sid: 'AP' + 'e'.repeat(32) } },
    });
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
