/**
 * PRODUCT.md §5 "Suggestion" and "Address" through the real API: ranked categories with units from the
 * rule table, the community fallback, emergency flags, address suggestions, and learning from
 * operators' confirmed choices — kept in the database, so a fresh process sees them.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifierChoices } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';
import { eventually } from '../../test/support/telephony';
import { ClassifierService } from './classifier-service';

describe(`suggestions and addresses (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  beforeAll(async () => {
    t = await startTestServer();
    op = await t.login('operator');
  });
  afterAll(() => t.close());

  it('refuses anonymous callers, bad input and roles that do not take calls', async () => {
    const anon = ApiClient.anonymous(t.url);
    expect((await anon.post('/api/suggest', { text: '路灯坏了' })).status).toBe(401);
    expect((await anon.post('/api/addresses/suggest', { q: '颐亭' })).status).toBe(401);

    const long = await op.post('/api/suggest', { text: 'a'.repeat(4001) });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({
      code: 'validation_failed',
      message: '输入有误：诉求描述不能超过4000个字',
      fields: { text: '诉求描述不能超过4000个字' },
    });
    expect((await op.post('/api/suggest', { text: '路灯', k: 0 })).body.error.message).toBe('输入有误：建议数量应为1–19');
    expect((await op.post('/api/addresses/suggest', { q: '' })).body.error.message).toBe('输入有误：请输入地址');

    const liaison = await t.login('liaison-d-chengguan');
    expect((await liaison.post('/api/suggest', { text: '路灯坏了' })).status).toBe(403);
    expect((await (await t.login('leader')).post('/api/addresses/suggest', { q: '颐亭' })).status).toBe(403);
  });

  it('ranks categories with the lead and assisting units of the rule table, and resolves the address', async () => {
    const res = await op.post('/api/suggest', { text: '楼下饭店油烟很大，晚上十点还在排放，影响休息', address: '涞坊路1111弄12号' });
    expect(res.status).toBe(200);
    expect(res.body.top).toHaveLength(3);
    expect(res.body.top[0]).toMatchObject({
      code: 'cooking_fumes',
      label: '油烟扰民',
      lead: { id: t.units.d_environment, name: '镇生态环境办' },
      assist: [{ id: t.units.d_market, name: '九亭市场监管所' }],
      territorial: false,
    });
    expect(res.body.top[0].score).toBeGreaterThan(0.5);
    expect(res.body.top[0].score).toBeGreaterThanOrEqual(res.body.top[1].score);
    expect(res.body).toMatchObject({
      emergency: null,
      ruleVersion: 1,
      address: {
        entryId: 'jt-015',
        name: '颐亭花园',
        community: { code: 'c_yiting', name: '颐亭居委会', unitId: t.units.c_yiting },
        grid: { code: 'JT-03-1' },
      },
    });
  });

  it('falls back to the community of the address when the rule names no department (属地托管)', async () => {
    const res = await op.post('/api/suggest', { text: '其他问题', address: '奥园', k: 19 });
    const other = res.body.top.find((c: { code: string }) => c.code === 'other');
    expect(other).toMatchObject({ lead: { id: t.units.c_aoyuan, name: '奥园居委会' }, territorial: true });
    // No resolvable address: no guess at a community.
    const unknown = await op.post('/api/suggest', { text: '其他问题', address: '火星路1号', k: 19 });
    expect(unknown.body.address).toBeNull();
    expect(unknown.body.top.find((c: { code: string }) => c.code === 'other')).toMatchObject({ lead: null, territorial: true });
  });

  it('flags emergencies (the operator tells the caller to dial at once) and not hazards', async () => {
    const fire = await op.post('/api/suggest', { text: '对面楼里着火了，好大的烟，快来人' });
    expect(fire.body).toMatchObject({ emergency: '119', emergencyPhrase: '着火' });
    const faint = await op.post('/api/suggest', { text: '楼下有个老人突然晕倒了' });
    expect(faint.body.emergency).toBe('120');
    const hazard = await op.post('/api/suggest', { text: '楼道里堆满杂物，消防通道堵塞，担心着火' });
    expect(hazard.body.emergency).toBeNull();
    expect(hazard.body.top[0].code).toBe('fire_safety');
  });

  it('takes a long description (4,000 characters; a URL would hold ≈1,700)', async () => {
    const text = `${'楼上邻居家每天晚上装修电钻声音很吵，'.repeat(150)}`;
    expect(text.length).toBeGreaterThan(2500);
    const res = await op.post('/api/suggest', { text, address: '颐亭花园' });
    expect(res.status).toBe(200);
    expect(res.body.top[0].code).toBe('noise');
    expect(res.body.address.entryId).toBe('jt-015');
    expect((await op.post('/api/suggest', { text: '吵'.repeat(4001) })).body.error.message).toBe('输入有误：诉求描述不能超过4000个字');
  });

  it('never takes the description or the address in a URL (docs/decisions/privacy.md)', async () => {
    expect((await op.get(`/api/suggest?text=${encodeURIComponent('楼下饭店油烟很大')}`)).status).toBe(404);
    expect((await op.get(`/api/addresses/suggest?q=${encodeURIComponent('涞坊路1111弄12号')}`)).status).toBe(404);
  });

  it('suggests nothing before anything meaningful is typed', async () => {
    const res = await op.post('/api/suggest', { text: '' });
    expect(res.body).toMatchObject({ top: [], emergency: null, address: null });
  });

  it('suggests addresses from the town list with community and grid', async () => {
    const res = await op.post('/api/addresses/suggest', { q: '颐亭', limit: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(3);
    expect(res.body[0]).toMatchObject({
      name: '颐亭花园',
      address: '涞坊路1111弄',
      community: { code: 'c_yiting', name: '颐亭居委会', unitId: t.units.c_yiting },
      grid: { code: 'JT-03-1', name: '颐亭第一网格' },
    });
    const byNumber = await op.post('/api/addresses/suggest', { q: '涞坊路１１１１弄' });
    expect(byNumber.body[0].id).toBe('jt-015');
  });

  it("learns operators' confirmed choices, stores them, and a fresh process trains on them", async () => {
    const text = '小区门口那家面包店的面包都是隔夜的，重新包装再卖';
    const before = await op.post('/api/suggest', { text });
    expect(before.body.top[0].code).not.toBe('market_food_safety');

    const created = await op.post('/api/tickets', intake({ description: text, categoryCode: 'market_food_safety', contactPhone: '13900000001' }));
    expect(created.status).toBe(201);
    const stored = await t.database.db.select().from(classifierChoices).where(eq(classifierChoices.ticketId, created.body.id));
    expect(stored).toMatchObject([{ text, categoryCode: 'market_food_safety', confirmedBy: op.user.id }]);

    // The serving process learns it within its sync interval (1 s).
    const after = await eventually(async () => {
      const res = await op.post('/api/suggest', { text });
      return res.body.top[0]?.code === 'market_food_safety' && res;
    }, 10_000);
    expect(after.body.top[0]).toMatchObject({ code: 'market_food_safety', lead: { id: t.units.d_market } });

    // A restarted (or another) process trains on the stored choices at start.
    const fresh = new ClassifierService(t.database.db);
    const model = await fresh.start();
    expect(model.rank(text, 1)[0]?.code).toBe('market_food_safety');
    expect(fresh.status.choices).toBeGreaterThanOrEqual(1);
  });

  it('does not store a choice for a ticket without a category', async () => {
    const created = await op.post('/api/tickets', intake({ contactPhone: '13900000002' }));
    const stored = await t.database.db.select().from(classifierChoices).where(eq(classifierChoices.ticketId, created.body.id));
    expect(stored).toEqual([]);
  });
});
