import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketCommandPath } from '../../../shared/api/command-paths';
import type { LiveEvent } from '../../../shared/live/feed';
import { engineName } from '../../../test/support/db';
import { delivered } from '../../../test/support/live';
import { ApiClient, intake, startTestServer, waitFor, type TestServer } from '../../../test/support/server';

const collect = (s: Socket) => {
  const got: LiveEvent<any>[] = [];
  s.on('event', (e: LiveEvent) => got.push(e));
  return got;
};

describe(`live queues over socket.io (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  beforeAll(async () => {
    t = await startTestServer();
    op = await t.login('operator');
  });
  afterAll(() => t.close());

  it('refuses a socket without a session', async () => {
    const s = ApiClient.anonymous(t.url).socket();
    const err = await waitFor<Error>(s, 'connect_error');
    expect(err.message).toBe('unauthenticated');
    s.close();
  });

  it('delivers a new ticket to line staff and its unit only', async () => {
    const clients = {
      operator2: await t.login('operator2'),
      supervisor: await t.login('supervisor'),
      unitA: await t.login('liaison-d-chengguan'),
      unitB: await t.login('liaison-d-housing'),
      admin: await t.login('admin'),
    };
    const sockets = Object.fromEntries(Object.entries(clients).map(([k, c]) => [k, c.socket()])) as Record<keyof typeof clients, Socket>;
    await Promise.all(Object.values(sockets).map((s) => waitFor(s, 'ready')));
    const got = Object.fromEntries(Object.entries(sockets).map(([k, s]) => [k, collect(s)])) as Record<keyof typeof clients, LiveEvent<any>[]>;

    const res = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    expect(res.status).toBe(201);
    await delivered(t.server, ...Object.values(sockets));

    const typesFor = (k: keyof typeof clients) => got[k].filter((e) => e.ticketId === res.body.id).map((e) => e.type);
    expect(typesFor('operator2')).toEqual(['ticket.registered', 'ticket.dispatched']);
    expect(typesFor('supervisor')).toEqual(['ticket.registered', 'ticket.dispatched']);
    // The unit hears of it when dispatched to it, not while the line is still registering it.
    expect(typesFor('unitA')).toEqual(['ticket.dispatched']);
    expect(got.unitB).toEqual([]);
    expect(got.admin).toEqual([]);
    const dispatched = got.supervisor.find((e) => e.type === 'ticket.dispatched')!;
    expect(dispatched.data.ticket.number).toBe(res.body.number);
    expect(JSON.stringify(dispatched)).not.toContain('13812345678');
    Object.values(sockets).forEach((s) => s.close());
  });

  it('replays exactly the missed events after a reconnect', async () => {
    const sup = await t.login('supervisor');
    const first = sup.socket();
    const ready = await waitFor<{ seq: number }>(first, 'ready');
    first.close();

    const created = [];
    // Three different callers about three different matters: no repeat, no supervision candidate
    // (its event would be missed and replayed too, rightly, but it is not what this test counts).
    const matters = [
      { contactPhone: '13900000001', address: '涞坊路1号', description: '路灯不亮，晚上很黑' },
      { contactPhone: '13900000002', address: '九亭大街200号', description: '垃圾桶满了没人清运' },
      { contactPhone: '13900000003', address: '沪亭北路300号', description: '小区门口井盖破损' },
    ];
    for (const m of matters) created.push((await op.post('/api/tickets', intake(m))).body.id);

    const again = sup.socket({ lastSeq: ready.seq });
    const got = collect(again);
    await waitFor(again, 'ready');
    await delivered(t.server, again);
    expect(got.map((e) => e.ticketId)).toEqual(created);
    const seqs = got.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.every((s) => s > ready.seq)).toBe(true);
    again.close();
  });

  it('a liaison catching up gets nothing of other units', async () => {
    const b = await t.login('liaison-d-housing');
    const s1 = b.socket();
    const ready = await waitFor<{ seq: number }>(s1, 'ready');
    s1.close();
    await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    const mine = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_housing }));
    const s2 = b.socket({ lastSeq: ready.seq });
    const got = collect(s2);
    await waitFor(s2, 'ready');
    await delivered(t.server, s2);
    expect(got.map((e) => e.ticketId)).toEqual([mine.body.id]);
    s2.close();
  });

  it('an urge by a supervisor reaches the unit live, and no other unit', async () => {
    const created = await op.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    const [a, b] = await Promise.all([t.login('liaison-d-chengguan'), t.login('liaison-d-housing')]);
    const unitA = a.socket();
    const unitB = b.socket();
    await Promise.all([waitFor(unitA, 'ready'), waitFor(unitB, 'ready')]);
    const gotA = collect(unitA);
    const gotB = collect(unitB);
    const sup = await t.login('supervisor');
    const res = await sup.post(ticketCommandPath('urge', created.body.id), { version: created.body.version, note: '市民再次来电，请今日联系' });
    expect(res.status).toBe(200);
    await delivered(t.server, unitA, unitB);
    expect(gotA.map((e) => e.type)).toEqual(['ticket.urged']);
    expect(gotA[0]!.data).toMatchObject({ note: '市民再次来电，请今日联系', ticket: { id: created.body.id } });
    expect(gotB).toEqual([]);
    unitA.close();
    unitB.close();
  });
});
