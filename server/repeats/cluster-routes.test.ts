/**
 * PRODUCT.md §5 / PRODUCT.md §7 mass complaints through the real API and real socket.io clients: several
 * different callers about one place and problem within the window raise one cluster.alert for
 * supervisors and leaders — exactly once, also when the calls are saved at the same moment.
 */
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import type { LiveEvent } from '../../shared/live/feed';
import { engineName } from '../../test/support/db';
import { delivered } from '../../test/support/live';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, waitFor, type TestServer } from '../../test/support/server';

/** Monday 2026-11-23 21:00 in Shanghai: a noisy evening. */
let now = new Date('2026-11-23T21:00:00+08:00');
const later = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};

describe(`cluster alerts (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  const sockets: Socket[] = [];
  const heard: Record<string, LiveEvent<any>[]> = {};

  const listen = async (name: string, client: ApiClient) => {
    const socket = client.socket();
    heard[name] = [];
    socket.on('event', (e: LiveEvent) => heard[name]!.push(e));
    sockets.push(socket);
    await waitFor(socket, 'ready');
  };
  const alerts = (name: string) => heard[name]!.filter((e) => e.type === 'cluster.alert');
  const create = async (overrides: Record<string, unknown>) => {
    const res = await op.post('/api/tickets', intake(overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number };
  };
  /** Every socket has what was published so far (test/support/live.ts). */
  const settle = () => delivered(t.server, ...sockets);
  const noise = (phone: string, address: string) => ({ contactPhone: phone, address, categoryCode: 'noise', description: '工地晚上还在打桩，噪音非常大' });

  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
    op = await t.login('operator');
    sup = await t.login('supervisor');
    await listen('supervisor', sup);
    await listen('leader', await t.login('leader'));
    await listen('operator', await t.login('operator2'));
    await listen('unit', await t.login('liaison-d-environment'));
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('refuses anonymous users and roles without the board', async () => {
    expect((await ApiClient.anonymous(t.url).get('/api/clusters?active=1')).status).toBe(401);
    expect((await op.get('/api/clusters?active=1')).status).toBe(403);
    expect((await sup.get('/api/clusters?active=yes')).body.error.message).toBe('输入有误：active 应为 0 或 1');
    expect((await sup.get('/api/clusters?active=1')).body).toEqual({ windowMinutes: 120, minCallers: 3, clusters: [] });
  });

  it('stays quiet for two callers, or one caller calling three times', async () => {
    await create(noise('13944440001', '上海奥林匹克花园'));
    later(10);
    await create(noise('13944440001', '奥园会所'));
    later(10);
    await create(noise('13944440002', '奥林匹克花园二期'));
    // Another problem in the same community does not add up with noise.
    await create({ ...noise('13944440003', '奥园别墅'), categoryCode: 'greenery', description: '小区绿化带杂草很久没修剪' });
    await settle();
    expect(alerts('supervisor')).toEqual([]);
    expect((await sup.get('/api/clusters?active=1')).body.clusters).toEqual([]);
  });

  it('raises one alert when the third caller is saved, to supervisors and leaders only, then grows the cluster', async () => {
    later(10);
    const third = await create(noise('13944440004', '沪亭北路401号'));
    await settle();
    expect(alerts('supervisor')).toHaveLength(1);
    expect(alerts('leader')).toHaveLength(1);
    expect(heard.operator!.filter((e) => e.type.startsWith('cluster.'))).toEqual([]);
    expect(heard.unit!.filter((e) => e.type.startsWith('cluster.'))).toEqual([]);
    const alert = alerts('supervisor')[0]!.data;
    expect(alert).toMatchObject({
      ticketId: third.id,
      cluster: {
        categoryCode: 'noise',
        categoryLabel: '噪声扰民',
        place: { name: '奥园居委会', communityUnitId: t.units.c_aoyuan },
        callerCount: 3,
        active: true,
      },
    });
    expect(alert.cluster.ticketIds).toHaveLength(4);
    expect(JSON.stringify(alert)).not.toMatch(/1394444000\d/);

    later(20);
    await create(noise('13944440005', '上海奥林匹克花园'));
    await settle();
    expect(alerts('supervisor')).toHaveLength(1);
    const grown = heard.supervisor!.filter((e) => e.type === 'cluster.updated');
    expect(grown.map((e) => e.data.cluster.callerCount)).toEqual([4]);

    const board = (await (await t.login('leader')).get('/api/clusters?active=1')).body.clusters;
    expect(board).toHaveLength(1);
    expect(board[0]).toMatchObject({ id: alert.cluster.id, callerCount: 4, active: true, activeUntil: new Date(now.getTime() + 120 * 60_000).toISOString() });
  });

  it('closes the cluster when calls stop for the window; a new wave raises a new alert', async () => {
    later(121);
    expect((await sup.get('/api/clusters?active=1')).body.clusters).toEqual([]);
    const history = (await sup.get('/api/clusters')).body.clusters;
    expect(history).toHaveLength(1);
    expect(history[0].active).toBe(false);

    for (const phone of ['13944440011', '13944440012', '13944440013']) {
      await create(noise(phone, '奥林匹克花园三期'));
      later(5);
    }
    await settle();
    expect(alerts('supervisor')).toHaveLength(2);
    expect(alerts('supervisor')[1]!.data.cluster.id).not.toBe(history[0].id);
  });

  it('raises exactly one alert when several callers are saved at the same moment', async () => {
    later(5);
    const before = alerts('supervisor').length;
    const phones = ['13955550001', '13955550002', '13955550003', '13955550004', '13955550005', '13955550006'];
    const operators = [op, await t.login('operator2'), sup];
    await Promise.all(
      phones
        .map((phone, i) =>
          operators[i % operators.length]!.post(
            '/api/tickets',
            intake({ contactPhone: phone, address: '庄家村3组', categoryCode: 'sanitation', description: '村口垃圾堆了好几天没人清运，臭味很大' }),
          ),
        )
        .map(async (p) => expect((await p).status).toBe(201)),
    );
    await settle();
    const stored = await t.database.db.select().from(events).where(eq(events.type, 'cluster.alert'));
    const sanitation = stored.filter((e) => (e.payload as any).cluster.categoryCode === 'sanitation');
    expect(sanitation).toHaveLength(1);
    expect(alerts('supervisor').length - before).toBe(1);
    expect(alerts('leader').length - before).toBe(1);
    const cluster = (await sup.get('/api/clusters?active=1')).body.clusters.find((c: { categoryCode: string }) => c.categoryCode === 'sanitation');
    expect(cluster).toMatchObject({ callerCount: 6, place: { name: '庄家村' } });
    expect(cluster.ticketIds).toHaveLength(6);
  });

  it('clusters by the address itself when it is not on the town list', async () => {
    later(5);
    for (const phone of ['13966660001', '13966660002', '13966660003'])
      await create({ ...noise(phone, '九亭镇某某路88号'), categoryCode: 'roads_lights', description: '路灯一整排都不亮' });
    await settle();
    const last = alerts('supervisor').at(-1)!.data.cluster;
    expect(last).toMatchObject({ categoryCode: 'roads_lights', place: { name: '九亭镇某某路88号', communityUnitId: null }, callerCount: 3 });
  });

  it('replays a missed alert to a supervisor who reconnects (catch-up by sequence number)', async () => {
    const lastSeq = Math.max(...heard.supervisor!.map((e) => e.seq));
    const [oldest] = alerts('supervisor');
    const socket = sup.socket({ lastSeq: oldest!.seq - 1 });
    const replayed: LiveEvent<any>[] = [];
    socket.on('event', (e: LiveEvent) => replayed.push(e));
    await waitFor(socket, 'ready');
    socket.close();
    expect(replayed.filter((e) => e.type === 'cluster.alert').map((e) => e.seq)).toEqual(alerts('supervisor').map((e) => e.seq));
    expect(Math.max(...replayed.map((e) => e.seq))).toBeGreaterThanOrEqual(lastSeq);
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
