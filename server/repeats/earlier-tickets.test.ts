/**
 * Issue 16.8: a ticket's page carries the earlier tickets of the same matter (linked at intake,
 * PRODUCT.md §5) as the viewer may see them: a liaison reads its unit's and counts the others;
 * no caller's name or number in them; free text masked as on their own pages (privacy.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../../test/support/db';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

describe(`earlier tickets of the same matter on a ticket's page (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let chengguan: ApiClient;
  let market: ApiClient;
  const ids: number[] = [];
  const PHONE = '13911112222';

  beforeAll(async () => {
    t = await startTestServer();
    [op, sup, chengguan, market] = await Promise.all([t.login('operator'), t.login('supervisor'), t.login('liaison'), t.login('liaison-d-market')]);
    const file = async (patch: Record<string, unknown>) => {
      const res = await op.post('/api/tickets', intake({ contactPhone: PHONE, contactName: '孙女士', ...patch }));
      expect(res.status).toBe(201);
      ids.push(res.body.id as number);
    };
    await file({ description: '楼下占道经营，晚上摆摊到很晚，电话13912345678', leadUnitId: t.units.d_chengguan });
    await file({ description: '小区门口水果摊卖的东西短斤缺两', leadUnitId: t.units.d_market });
    await file({ description: '占道经营还是没人管，第三次反映了', leadUnitId: t.units.d_chengguan, assistUnitIds: [t.units.d_market] });
  });
  afterAll(() => t.close());

  it('401 without a session', async () => {
    expect((await ApiClient.anonymous(t.url).get(`/api/tickets/${ids[2]}`)).status).toBe(401);
  });

  it('the lead liaison: the repeat count, its own unit’s earlier ticket as typed, the other unit’s counted only', async () => {
    const res = await chengguan.get(`/api/tickets/${ids[2]}`);
    expect(res.status).toBe(200);
    expect(res.body.repeatCount).toBe(2);
    expect(res.body.repeats).toEqual({
      count: 2,
      hidden: 1,
      earlier: [
        {
          id: ids[0],
          number: expect.stringMatching(/^ZX\d{8}-\d{4}$/),
          state: 'dispatched',
          categoryCode: null,
          callAt: expect.any(String),
          leadUnitId: t.units.d_chengguan,
          description: '楼下占道经营，晚上摆摊到很晚，电话13912345678',
          reasons: ['same_phone'],
        },
      ],
    });
    // No caller's name or number travels with an earlier ticket.
    expect(JSON.stringify(res.body.repeats)).not.toMatch(/孙女士|13911112222|contact/);
  });

  it('an assisting unit’s liaison: the earlier ticket it leads, its words masked as the ticket’s own free text is for it', async () => {
    const res = await market.get(`/api/tickets/${ids[2]}`);
    expect(res.status).toBe(200);
    expect(res.body.repeats).toMatchObject({ count: 2, hidden: 1, earlier: [{ id: ids[1], leadUnitId: t.units.d_market }] });
    // The earlier chengguan ticket (with a number in its words) is not among what it reads.
    expect(JSON.stringify(res.body.repeats)).not.toContain('13912345678');
  });

  it('the line’s staff see every earlier ticket; none on a first call', async () => {
    const res = await sup.get(`/api/tickets/${ids[2]}`);
    expect(res.body.repeats.hidden).toBe(0);
    expect(res.body.repeats.earlier.map((e: { id: number }) => e.id)).toEqual([ids[1], ids[0]]);
    const first = await sup.get(`/api/tickets/${ids[0]}`);
    expect(first.body.repeats).toEqual({ count: 0, hidden: 0, earlier: [] });
  });

  it('404 for a liaison of a unit not on the ticket: nothing of its repeats either', async () => {
    const other = await t.login('liaison-d-police');
    const res = await other.get(`/api/tickets/${ids[2]}`);
    expect(res.status).toBe(404);
    expect(res.body.repeats).toBeUndefined();
  });
});
