/**
 * Webhook signatures, checked with twilio's own helpers: a valid signature over PUBLIC_BASE_URL +
 * path passes; a tampered body, a tampered URL, a wrong token or no header is refused with 403
 * and nothing is stored.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, callStatusEvents, events } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { startTestServer, type TestServer } from '../../test/support/server';
import { newCallSid, simulatorEnv, TEST_PUBLIC_BASE, webhook } from '../../test/support/telephony';

const VOICE = '/telephony/twilio/voice';

describe(`telephony webhook signatures (${engineName()})`, () => {
  let t: TestServer;
  const stored = async () => {
    const db = t.database.db;
    const [c] = await db.select({ n: count() }).from(calls);
    const [l] = await db.select({ n: count() }).from(callStatusEvents);
    const [e] = await db.select({ n: count() }).from(events);
    return { calls: c!.n, log: l!.n, events: e!.n };
  };
  const voiceParams = (sid = newCallSid()) => ({
    AccountSid: 'AC' + '0'.repeat(32),
    ApiVersion: '2010-04-01',
    CallSid: sid,
    CallStatus: 'ringing',
    Direction: 'inbound',
    From: '+8613812345678',
    To: '+862162112345',
  });

  beforeAll(async () => {
    t = await startTestServer({ env: simulatorEnv() });
  });
  afterAll(() => t.close());

  it('accepts a valid signature: records the call, greets in Mandarin and enqueues', async () => {
    const params = voiceParams();
    const res = await webhook(t, VOICE, params);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<Say language="cmn-CN">');
    expect(res.text).toMatch(/<Enqueue [^>]*waitUrl="https:\/\/hotline\.example\.test\/telephony\/twilio\/wait"[^>]*>hotline<\/Enqueue>/);
    const [row] = await t.database.db.select().from(calls).where(eq(calls.callSid, params.CallSid));
    expect(row).toMatchObject({ direction: 'inbound', status: 'queued', fromNumber: '+8613812345678', citizenPhone: '13812345678', toNumber: '+862162112345' });
    expect(row!.queuedAt).toBeInstanceOf(Date);
  });

  it.each([
    ['a tampered body', (p: Record<string, string>) => ({ send: { ...p, From: '+8613900000000' }, sign: p, signUrl: undefined })],
    ['a tampered URL', (p: Record<string, string>) => ({ send: p, sign: p, signUrl: `https://evil.example.test${VOICE}` })],
    ['another path', (p: Record<string, string>) => ({ send: p, sign: p, signUrl: `${TEST_PUBLIC_BASE}/telephony/twilio/status` })],
  ])('403 for %s, nothing stored', async (_name, tamper) => {
    const before = await stored();
    const { send, sign, signUrl } = tamper(voiceParams());
    const twilio = (await import('twilio')).default;
    const signature = twilio.getExpectedTwilioSignature('hotline-test-auth-token-0123456789', signUrl ?? TEST_PUBLIC_BASE + VOICE, sign);
    const res = await webhook(t, VOICE, send, { signature });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).error.code).toBe('bad_signature');
    expect(await stored()).toEqual(before);
  });

  it('403 without the X-Twilio-Signature header, nothing stored', async () => {
    const before = await stored();
    const res = await webhook(t, VOICE, voiceParams(), { signature: null });
    expect(res.status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('403 when signed with another auth token', async () => {
    const before = await stored();
    const res = await webhook(t, VOICE, voiceParams(), { token: 'someone-elses-token-0123456789' });
    expect(res.status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('status callbacks and the simulator control are signed too', async () => {
    const params = voiceParams();
    await webhook(t, VOICE, params);
    const before = await stored();
    const forged = await webhook(t, '/telephony/twilio/status', { ...params, CallStatus: 'completed' }, { signature: 'bm90IGEgc2lnbmF0dXJl' });
    expect(forged.status).toBe(403);
    const sim = await webhook(t, '/telephony/simulator/calls', { From: '13812345678' }, { signature: null });
    expect(sim.status).toBe(403);
    expect(await stored()).toEqual(before);
    const [row] = await t.database.db.select().from(calls).where(eq(calls.callSid, params.CallSid));
    expect(row!.status).toBe('queued');
  });

  it('400 for a signed request with a malformed CallSid, nothing stored', async () => {
    const before = await stored();
    const res = await webhook(t, VOICE, { ...voiceParams(), CallSid: 'not-a-sid' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.code).toBe('validation_failed');
    expect(await stored()).toEqual(before);
  });
});
