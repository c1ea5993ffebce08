/**
 * Issue 16 item 2: the address is asked for only where a unit must go. A consultation answered
 * from the knowledge base and an emergency handed to 119 are kept without one; a dispatch, at
 * intake or later, without an address is refused with a Chinese message and changes nothing.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { engineName } from '../../test/support/db';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

describe(`an address only where a unit must go (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  const ticketCount = async () => (await t.database.db.select({ n: count() }).from(tickets))[0]!.n;
  const row = async (id: number) => (await t.database.db.select().from(tickets).where(eq(tickets.id, id)))[0]!;

  beforeAll(async () => {
    t = await startTestServer();
    op = await t.login('operator');
    sup = await t.login('supervisor');
  });
  afterAll(() => t.close());

  it('keeps a consultation answered from the knowledge base without an address', async () => {
    const created = await op.post(
      '/api/tickets',
      intake({ type: 'consultation', address: undefined, contactPhone: '13800138011', description: '请问居住证怎么办理，要带什么材料' }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'registered', address: '' });
    const closed = await op.post(ticketCommandPath('close_on_call', created.body.id), {
      version: created.body.version,
      reason: 'answered_from_knowledge_base',
      note: '已按知识库答复办理居住证所需材料',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed_on_call', address: '' });
    expect(await row(created.body.id)).toMatchObject({ address: '', addressKey: null, communityUnitId: null });
  });

  it('keeps an emergency handed to 119 without an address (blank counts as none)', async () => {
    // Issue 16.3: an emergency is registered and closed on the call in one step (emergency-screen.test.ts).
    const closed = await op.post(
      '/api/tickets',
      intake({
        address: '  \u200b ',
        contactPhone: '13800138012',
        description: '家里厨房着火了，好多烟',
        closeOnCall: { reason: 'out_of_scope_emergency', note: '已告知来电人立即拨打119' },
      }),
    );
    expect(closed.status).toBe(201);
    expect(closed.body.state).toBe('closed_on_call');
    expect((await row(closed.body.id)).address).toBe('');
  });

  it('still checks an address that is written', async () => {
    const res = await op.post('/api/tickets', intake({ type: 'consultation', address: '路' }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.address).toBe('诉求地址至少2个字');
  });

  it('400 for a dispatch at intake without an address; nothing stored', async () => {
    const before = await ticketCount();
    for (const patch of [{ leadUnitId: t.units.d_environment }, { address: '', leadUnitId: t.units.d_environment }, { address: null, dispatch: true }]) {
      const res = await op.post('/api/tickets', intake({ address: undefined, ...patch }));
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'validation_failed',
        fields: { address: '派单须填写诉求地址（承办单位需要知道去哪里处置）' },
      });
    }
    expect(await ticketCount()).toBe(before);
  });

  it('422 for a later dispatch of a record kept without an address; the record stays registered', async () => {
    const created = await op.post('/api/tickets', intake({ type: 'consultation', address: '', contactPhone: '13800138013' }));
    expect(created.status).toBe(201);
    const res = await sup.post(ticketCommandPath('dispatch', created.body.id), { version: created.body.version, leadUnitId: t.units.d_environment });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'rule_violation', message: '派单须填写诉求地址（承办单位需要知道去哪里处置）' });
    expect(await row(created.body.id)).toMatchObject({ state: 'registered', leadUnitId: null, version: created.body.version });
  });

  it('never links records without an address as repeats of one place', async () => {
    const first = await op.post('/api/tickets', intake({ address: '', contactPhone: '13800138021', categoryCode: 'noise', description: '楼上装修声音太吵了' }));
    const second = await op.post(
      '/api/tickets',
      intake({ address: '', contactPhone: '13800138022', categoryCode: 'noise', description: '隔壁装修声音太吵了' }),
    );
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.repeatCount).toBe(0);
  });
});
