/**
 * Issue 14 item 9: the screen pop's full number reaches only the operators a call is offered to
 * (it is waiting) or the one who took it, and every full-number read is in the audit log like a
 * reveal. Before, any operator could walk call ids and read every caller, and nothing was logged.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, events } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, startTestServer, type TestServer } from '../../test/support/server';
import { eventually } from '../../test/support/telephony';

describe(`the screen pop shows the number to the people answering, and logs it (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let op2: ApiClient;
  let supervisor: ApiClient;
  const reveals = (userId: number) =>
    t.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'call.number_revealed'), eq(events.actorId, userId)));
  const callRow = async (id: number) => (await t.database.db.select().from(calls).where(eq(calls.id, id)))[0]!;

  beforeAll(async () => {
    t = await startTestServer({ record: true, env: { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'hotline-pop-')) } });
    [op, op2, supervisor] = await Promise.all([t.login('operator'), t.login('operator2'), t.login('supervisor')]);
  });
  afterAll(() => t?.close());

  it('a waiting call: every operator may see the number, and each read is an audit event with its actor', async () => {
    const placed = await supervisor.post('/api/calls/simulator/inbound', { from: '13912345001', talk: 30 });
    expect(placed.status).toBe(201);
    const id = await eventually(async () => (await op.get('/api/calls')).body.calls.find((c: { status: string }) => c.status === 'queued')?.id as number);
    const pop = await op.get(`/api/calls/${id}`);
    expect(pop.body.call.citizenPhone).toBe('13912345001');
    const logged = await reveals(op.user.id);
    expect(logged.map((e) => e.payload)).toEqual([{ callId: id, purpose: 'screen_pop' }]);
    expect(logged[0]!.rooms).toEqual([]);
    // The log says who saw it, not what it is.
    expect(JSON.stringify(logged)).not.toContain('13912345001');

    // Taken by the first operator: the answer carries the number, and that read is logged too.
    const taken = await op.post(`/api/calls/${id}/claim`, { via: 'desk' });
    expect(taken.status).toBe(200);
    expect(taken.body.call.citizenPhone).toBe('13912345001');
    expect((await reveals(op.user.id)).map((e) => (e.payload as { purpose: string }).purpose)).toEqual(['screen_pop', 'taken']);

    // Now it is the first operator's call: the second gets the masked view only, and no log entry.
    const other = await op2.get(`/api/calls/${id}`);
    expect(other.status).toBe(200);
    expect(other.body.call.citizenPhone).toBeNull();
    expect(other.body.call.citizenPhoneMasked).toBe('139****5001');
    expect(JSON.stringify(other.body)).not.toContain('13912345001');
    expect(await reveals(op2.user.id)).toEqual([]);
    // The operator who took it still has it (the intake form is filled during and after the call).
    expect((await op.get(`/api/calls/${id}`)).body.call.citizenPhone).toBe('13912345001');
  });

  it('walking call ids reads no caller who is not waiting for the walker', async () => {
    // An abandoned call: nobody's call any more; the call-back button dials it server-side.
    await supervisor.post('/api/calls/simulator/inbound', { from: '13912345002', abandonAfter: 1 });
    await eventually(async () => (await op.get('/api/calls')).body.calls.find((c: { status: string }) => c.status === 'abandoned'));
    const ids = (await t.database.db.select({ id: calls.id }).from(calls)).map((c) => c.id);
    const before = (await reveals(op2.user.id)).length;
    let offeredCount = 0;
    for (const id of ids) {
      const res = await op2.get(`/api/calls/${id}`);
      const row = await callRow(id);
      const offered = row.direction === 'inbound' && row.endedAt === null && row.claimedBy === null;
      expect(res.body.call.citizenPhone, `call ${id} (${row.status})`).toBe(offered ? row.citizenPhone : null);
      if (offered) offeredCount++;
    }
    // Exactly one audit entry per number shown.
    expect((await reveals(op2.user.id)).length - before).toBe(offeredCount);
    expect(JSON.stringify((await op2.get(`/api/calls/${ids.at(-1)}`)).body)).not.toContain('13912345002');
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
