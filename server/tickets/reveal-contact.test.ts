/**
 * PRODUCT.md §9: the caller's number is masked for everyone on GET; revealing it is a logged act of
 * the roles that contact the caller (the lead unit's liaison, the line's operators, revisit
 * callers, supervisors) — for confidential callers too, and for no one else.
 */
import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, waitFor, type TestServer } from '../../test/support/server';

describe(`POST /api/tickets/:id/reveal-contact (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let ticketId = 0;
  const reveals = (id: number) =>
    t.database.db
      .select()
      .from(events)
      .where(and(eq(events.ticketId, id), eq(events.type, 'ticket.contact_revealed')))
      .orderBy(events.seq);
  const allReveals = () => t.database.db.select().from(events).where(eq(events.type, 'ticket.contact_revealed'));

  beforeAll(async () => {
    t = await startTestServer({ record: true });
    op = await t.login('operator');
    const created = await op.post('/api/tickets', intake({ contactPhone: '13812345678', leadUnitId: t.units.d_chengguan, assistUnitIds: [t.units.d_housing] }));
    expect(created.status).toBe(201);
    // The operator who typed the number gets it back on create: that is not a reveal.
    expect(created.body.contactPhone).toBe('13812345678');
    ticketId = created.body.id;
    expect(await reveals(ticketId)).toEqual([]);
  });
  afterAll(() => t.close());

  it('401 without a session, and nothing logged', async () => {
    const res = await ApiClient.anonymous(t.url).post(`/api/tickets/${ticketId}/reveal-contact`, { purpose: 'view' });
    expect(res.status).toBe(401);
    expect(await allReveals()).toEqual([]);
  });

  it('400 for a purpose it does not know, and nothing logged', async () => {
    const res = await op.post(`/api/tickets/${ticketId}/reveal-contact`, { purpose: 'curiosity' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', fields: { purpose: '查看号码的用途应为 view、call 或 print' } });
    expect(await allReveals()).toEqual([]);
  });

  it('keeps the number out of GET for everyone, even those who may reveal it', async () => {
    for (const username of ['operator', 'revisit', 'supervisor', 'leader', 'liaison-d-chengguan', 'liaison-d-housing']) {
      const res = await (await t.login(username)).get(`/api/tickets/${ticketId}`);
      expect(res.status, username).toBe(200);
      expect(res.body.contactPhone, username).toBeNull();
      expect(res.body.contactPhoneMasked, username).toBe('138****5678');
      expect(JSON.stringify(res.body), username).not.toContain('13812345678');
      expect(res.body.contactRevealable, username).toBe(!['leader', 'liaison-d-housing'].includes(username));
    }
  });

  it('reveals to the lead unit liaison and logs exactly one event with the actor, in the timeline', async () => {
    const liaison = await t.login('liaison-d-chengguan');
    const res = await liaison.post(`/api/tickets/${ticketId}/reveal-contact`, { purpose: 'call' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ contactName: '刘先生', contactPhone: '13812345678' });
    const rows = await reveals(ticketId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: liaison.user.id,
      actorRole: 'liaison',
      rooms: [],
      fromState: null,
      toState: null,
      payload: { purpose: 'call', confidential: false },
    });
    // The log says who saw the number, never the number itself.
    expect(JSON.stringify(rows[0]!.payload)).not.toContain('5678');
    const detail = await op.get(`/api/tickets/${ticketId}`);
    const entry = detail.body.events.find((e: { type: string }) => e.type === 'ticket.contact_revealed');
    expect(entry).toMatchObject({ actorId: liaison.user.id, actorRole: 'liaison' });
    expect(detail.body.actors[String(liaison.user.id)]).toBeTruthy();
    // A reveal changes no state: the ticket's version is the same.
    expect(detail.body.version).toBe((await liaison.get(`/api/tickets/${ticketId}`)).body.version);
  });

  it('logs every reveal, each with its own actor and role', async () => {
    const before = (await reveals(ticketId)).length;
    for (const username of ['operator', 'revisit', 'supervisor']) {
      const c = await t.login(username);
      const res = await c.post(`/api/tickets/${ticketId}/reveal-contact`, { purpose: 'view' });
      expect(res.status, username).toBe(200);
      expect(res.body.contactPhone).toBe('13812345678');
    }
    const rows = (await reveals(ticketId)).slice(before);
    expect(rows.map((r) => [r.actorRole, (r.payload as { purpose: string }).purpose])).toEqual([
      ['operator', 'view'],
      ['revisit', 'view'],
      ['supervisor', 'view'],
    ]);
  });

  it('refuses a leader (role) and an assisting unit (403), logging nothing', async () => {
    const before = (await allReveals()).length;
    const leader = await (await t.login('leader')).post(`/api/tickets/${ticketId}/reveal-contact`, { purpose: 'view' });
    expect(leader.status).toBe(403);
    expect(leader.body.error.code).toBe('forbidden_role');
    const assisting = await (await t.login('liaison-d-housing')).post(`/api/tickets/${ticketId}/reveal-contact`, { purpose: 'view' });
    expect(assisting.status).toBe(403);
    expect(assisting.body.error).toMatchObject({ code: 'wrong_unit', message: '只有主办单位可以查看来电号码' });
    expect(JSON.stringify(assisting.body)).not.toContain('13812345678');
    expect(await allReveals()).toHaveLength(before);
  });

  it('404 for another unit, a missing ticket or a bad id, logging nothing', async () => {
    const before = (await allReveals()).length;
    const other = await t.login('liaison-d-environment');
    for (const [client, path] of [
      [other, `/api/tickets/${ticketId}/reveal-contact`],
      [op, '/api/tickets/999999/reveal-contact'],
      [op, '/api/tickets/abc/reveal-contact'],
      [op, '/api/tickets/-1/reveal-contact'],
    ] as const) {
      const res = await client.post(path, { purpose: 'view' });
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(await allReveals()).toHaveLength(before);
  });

  it('confidential callers: name and number only to those who contact them, and each reveal logged as such', async () => {
    const created = await op.post(
      '/api/tickets',
      intake({ contactName: '王女士', contactPhone: '13900001111', confidential: true, leadUnitId: t.units.d_chengguan, assistUnitIds: [t.units.d_housing] }),
    );
    const id = created.body.id as number;
    for (const username of ['leader', 'liaison-d-housing', 'liaison-d-chengguan', 'revisit']) {
      const res = await (await t.login(username)).get(`/api/tickets/${id}`);
      expect(res.body.contactName, username).toBe('（保密）');
      expect(JSON.stringify(res.body), username).not.toContain('王女士');
      expect(JSON.stringify(res.body), username).not.toContain('13900001111');
    }
    expect((await (await t.login('liaison-d-housing')).post(`/api/tickets/${id}/reveal-contact`, { purpose: 'view' })).status).toBe(403);
    expect((await (await t.login('leader')).post(`/api/tickets/${id}/reveal-contact`, { purpose: 'view' })).status).toBe(403);
    expect(await reveals(id)).toEqual([]);
    const lead = await (await t.login('liaison-d-chengguan')).post(`/api/tickets/${id}/reveal-contact`, { purpose: 'view' });
    expect(lead.body).toEqual({ contactName: '王女士', contactPhone: '13900001111' });
    const rows = await reveals(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toEqual({ purpose: 'view', confidential: true });
  });

  it('does not reach any live screen, not even on catch-up', async () => {
    const supervisor = await t.login('supervisor');
    const liaison = await t.login('liaison-d-chengguan');
    const sockets: Socket[] = [supervisor.socket(), liaison.socket(), op.socket()];
    try {
      const ready = await Promise.all(sockets.map((s) => waitFor<{ seq: number }>(s, 'ready')));
      const received: Map<Socket, string[]> = new Map(sockets.map((s) => [s, []]));
      for (const s of sockets) s.on('event', (e: { type: string }) => received.get(s)!.push(e.type));
      expect((await liaison.post(`/api/tickets/${ticketId}/reveal-contact`, { purpose: 'view' })).status).toBe(200);
      // A later event every screen receives: by then the reveal would have arrived before it.
      const marker = Promise.all(sockets.slice(0, 2).map((s) => waitFor<{ type: string }>(s, 'event')));
      const current = (await op.get(`/api/tickets/${ticketId}`)).body;
      expect((await liaison.post(ticketCommandPath('accept', ticketId), { version: current.version })).status).toBe(200);
      await marker;
      for (const s of sockets) expect(received.get(s)).not.toContain('ticket.contact_revealed');
      // Reconnecting from before the reveal replays the accept, not the reveal.
      const again = liaison.socket({ lastSeq: ready[1]!.seq });
      sockets.push(again);
      const replayed: string[] = [];
      again.on('event', (e: { type: string }) => replayed.push(e.type));
      await waitFor(again, 'ready');
      expect(replayed).toContain('ticket.accepted');
      expect(replayed).not.toContain('ticket.contact_revealed');
    } finally {
      for (const s of sockets) s.disconnect();
    }
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
