/**
 * Simulator mode (no Twilio account): the simulator sends signed webhooks to the console, signed
 * with a local token kept in DATA_DIR that `hotline simulate-call` reads too. A call pops on the
 * operators' sockets, one is taken and answered, an abandoned one is called back in one click.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../db/schema';
import type { LiveEvent } from '../../shared/live/feed';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, waitFor, type TestServer } from '../../test/support/server';
import { eventually, newCallSid, webhook } from '../../test/support/telephony';
import { loadConfig } from '../platform/config';
import { SIMULATOR_TOKEN_FILE, webhookAuthToken } from './settings';
import { requestSimulatedCall } from './simulate-call';

describe(`the call simulator (${engineName()})`, () => {
  let t: TestServer;
  let dataDir: string;
  let op: ApiClient;
  let op2: ApiClient;
  let supervisor: ApiClient;
  const sockets: Socket[] = [];
  const callRow = async (id: number) => (await t.database.db.select().from(calls).where(eq(calls.id, id)))[0]!;
  const collect = (c: ApiClient) => {
    const s = c.socket();
    sockets.push(s);
    const ready = waitFor(s, 'ready');
    const got: LiveEvent<any>[] = [];
    s.on('event', (e: LiveEvent) => got.push(e));
    return { s, got, ready };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-sim-'));
    t = await startTestServer({ record: true, env: { DATA_DIR: dataDir } });
    [op, op2, supervisor] = await Promise.all([t.login('operator'), t.login('operator2'), t.login('supervisor')]);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t?.close();
  });

  it('pops a call on every operator at once (pushed), number masked in the event, history on request', async () => {
    await op.post('/api/tickets', intake({ contactPhone: '13912345678', description: '小区门口垃圾堆放多日无人清运' }));
    const liaison = await t.login('liaison');
    const a = collect(op);
    const b = collect(op2);
    const unit = collect(liaison);
    await Promise.all([a.ready, b.ready, unit.ready]);

    const started = Date.now();
    const res = await supervisor.post('/api/calls/simulator/inbound', { from: '13912345678', talk: 1 });
    expect(res.status).toBe(201);
    expect(res.body.callSid).toMatch(/^CA[0-9a-f]{32}$/);
    const queued = await eventually(async () => a.got.find((e) => e.type === 'call.queued'));
    await eventually(async () => b.got.find((e) => e.type === 'call.queued'));
    // Pushed at once, not found by a later read. How fast is the bench's figure (npm run bench:
    // fan-out latency); on a loaded 2-core CI machine a 1-second bound failed with the pop at 1.3 s.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(queued.data.call).toMatchObject({ status: 'queued', citizenPhoneMasked: '139****5678', simulated: true });
    expect(JSON.stringify(queued)).not.toContain('13912345678');
    expect(unit.got).toEqual([]);

    const pop = await op.get(`/api/calls/${queued.data.call.id}`);
    expect(pop.status).toBe(200);
    expect(pop.body.call.citizenPhone).toBe('13912345678');
    expect(pop.body.history.tickets.map((x: { description: string }) => x.description)).toContain('小区门口垃圾堆放多日无人清运');
  });

  it('connects the operator who takes it; the simulated conversation ends by itself', async () => {
    const list = await op.get('/api/calls');
    const waiting = list.body.calls.find((c: { status: string }) => c.status === 'queued');
    const res = await op.post(`/api/calls/${waiting.id}/claim`, { via: 'browser' });
    expect(res.status).toBe(200);
    expect(res.body.call).toMatchObject({ claimedBy: op.user.id, citizenPhone: '13912345678' });
    await eventually(async () => (await callRow(waiting.id)).answeredAt);
    const done = await eventually(async () => {
      const r = await callRow(waiting.id);
      return r.status === 'completed' ? r : null;
    }, 8000);
    expect(done.talkSeconds).toBeGreaterThanOrEqual(0);
    expect(done.waitSeconds).not.toBeNull();
  });

  it('abandoned calls land in the call-back queue; calling back is one click', async () => {
    const { got, ready } = collect(supervisor);
    await ready;
    const res = await supervisor.post('/api/calls/simulator/inbound', { from: '13812340000', abandonAfter: 1 });
    expect(res.status).toBe(201);
    const ev = await eventually(async () => got.find((e) => e.type === 'call.abandoned'), 8000);
    const id = ev.data.call.id as number;
    expect((await op.get('/api/calls')).body.calls.map((c: { id: number }) => c.id)).toContain(id);
    // Too late to take it.
    const late = await op.post(`/api/calls/${id}/claim`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('已挂断');

    const back = await op.post(`/api/calls/${id}/callback`, {});
    expect(back.status).toBe(201);
    expect(back.body.call).toMatchObject({ direction: 'outbound', callbackOf: id });
    expect((await callRow(id)).callbackCallId).toBe(back.body.call.id);
    expect((await op.get('/api/calls')).body.calls.filter((c: { id: number; status: string }) => c.id === id)).toEqual([]);
    // The simulated carrier places it and reports back through signed callbacks.
    await eventually(async () => ((await callRow(back.body.call.id)).status === 'in_progress' ? true : null));
    expect((await callRow(back.body.call.id)).callSid).toMatch(/^CA/);
    expect((await op.post(`/api/calls/${id}/callback`, {})).status).toBe(409);
  });

  it('the command line signs with the local simulator token from DATA_DIR', async () => {
    const file = path.join(dataDir, SIMULATOR_TOKEN_FILE);
    expect(readFileSync(file, 'utf8').length).toBeGreaterThanOrEqual(16);
    expect(statSync(file).mode & 0o077).toBe(0);
    const config = loadConfig({ DATA_DIR: dataDir });
    const { callSid } = await requestSimulatedCall({ config, url: t.url, from: '+8613500001234', abandonAfter: 30 });
    const [row] = await t.database.db.select().from(calls).where(eq(calls.callSid, callSid));
    expect(row).toMatchObject({ status: 'queued', citizenPhone: '13500001234', simulated: true });
    // The supervisor's panel hangs it up: the caller gave up.
    expect((await supervisor.post(`/api/calls/simulator/${row!.id}/hangup`, {})).status).toBe(200);
    await eventually(async () => ((await callRow(row!.id)).status === 'abandoned' ? true : null));
    // Without the token nobody can inject calls.
    const other = loadConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'hotline-other-')) });
    await expect(requestSimulatedCall({ config: other, url: t.url, from: '13500001234' })).rejects.toThrow('请求签名无效');
  });

  it('a waiting call the simulator no longer carries (console restarted) is ended when someone tries to take it', async () => {
    // Recorded as if before a restart: signed with the local token, unknown to this simulator.
    const token = webhookAuthToken(loadConfig({ DATA_DIR: dataDir }));
    const sid = newCallSid();
    const path = '/telephony/twilio/voice';
    const res = await webhook(
      t,
      path,
      { CallSid: sid, From: '+8613811112222', To: '+862162112345', CallStatus: 'ringing', Direction: 'inbound' },
      { token, signUrl: t.url + path },
    );
    expect(res.status).toBe(200);
    const [row] = await t.database.db.select().from(calls).where(eq(calls.callSid, sid));
    const take = await op.post(`/api/calls/${row!.id}/claim`, {});
    expect(take.status).toBe(503);
    expect(await callRow(row!.id)).toMatchObject({ status: 'abandoned', claimedBy: null });
  });

  it('only supervisors drive the simulator panel', async () => {
    const res = await op.post('/api/calls/simulator/inbound', { from: '13812345678' });
    expect(res.status).toBe(403);
    const bad = await supervisor.post('/api/calls/simulator/inbound', { from: '123', talk: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ from: expect.stringContaining('联系电话格式不正确'), talk: '通话时长至少1秒' });
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
