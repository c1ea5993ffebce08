/**
 * Issue 15 item 11 through the real API: PRODUCT.md §1 "supervisor … edits rules, units" — units
 * are added, renamed, deactivated and reactivated, never deleted; each change is an event with its
 * actor; a unit the current dispatch rule table (000 四) still names is not deactivated.
 */
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, startTestServer, type TestServer } from '../../test/support/server';

describe(`units edited by supervisors (${engineName()})`, () => {
  let t: TestServer;
  let sup: ApiClient;
  beforeAll(async () => {
    t = await startTestServer({ record: true });
    sup = await t.login('supervisor');
  });
  afterAll(() => t.close());
  const audit = async () =>
    t.database.db
      .select()
      .from(events)
      .where(inArray(events.type, ['unit.created', 'unit.renamed', 'unit.deactivated', 'unit.reactivated']));
  const body = { code: 'c_new_estate', name: '新城居委会', kind: 'community' };

  it('401 anonymous, 403 for other roles (admins see the list only), exact 400 messages', async () => {
    expect((await ApiClient.anonymous(t.url).post('/api/units', body)).status).toBe(401);
    for (const who of ['admin', 'operator', 'leader', 'liaison-d-chengguan'])
      expect((await (await t.login(who)).post('/api/units', body)).status, who).toBe(403);
    expect((await (await t.login('admin')).get('/api/units/all')).status).toBe(200);
    expect((await (await t.login('operator')).get('/api/units/all')).status).toBe(403);
    const bad = await sup.post('/api/units', { code: 'New Estate', name: '新', kind: 'club' });
    expect(bad.body.error.fields).toEqual({
      code: '单位代码为2–40个小写字母、数字或下划线，以字母开头',
      name: '单位名称至少2个字',
      kind: '单位类型不正确',
    });
    expect((await sup.post('/api/units', { ...body, code: 'd_chengguan' })).body.error.fields).toEqual({ code: '单位代码已被使用' });
    expect(await audit()).toEqual([]);
  });

  it('adds, renames, deactivates (gone from dispatch choices) and reactivates a unit, each an event with its actor', async () => {
    const created = await sup.post('/api/units', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'c_new_estate', name: '新城居委会', kind: 'community', active: true });
    const id = created.body.id;
    const names = async () => ((await sup.get('/api/units')).body as { id: number; name: string }[]).filter((u) => u.id === id).map((u) => u.name);
    expect(await names()).toEqual(['新城居委会']);
    expect((await sup.request('PATCH', `/api/units/${id}`, { name: '新城社区居委会' })).body).toMatchObject({ name: '新城社区居委会' });
    expect((await sup.request('PATCH', `/api/units/${id}`, { name: '新城社区居委会' })).body.error.fields).toEqual({ name: '名称没有修改' });
    expect((await sup.post(`/api/units/${id}/active`, { active: false })).body).toMatchObject({ active: false });
    expect(await names()).toEqual([]);
    expect((await sup.get('/api/units/all')).body.units.find((u: { id: number }) => u.id === id)).toMatchObject({ active: false, name: '新城社区居委会' });
    expect((await sup.post(`/api/units/${id}/active`, { active: false })).status).toBe(409);
    expect((await sup.post(`/api/units/${id}/active`, { active: true })).body).toMatchObject({ active: true });
    expect((await audit()).map((e) => [e.type, e.actorId, e.actorRole])).toEqual([
      ['unit.created', sup.user.id, 'supervisor'],
      ['unit.renamed', sup.user.id, 'supervisor'],
      ['unit.deactivated', sup.user.id, 'supervisor'],
      ['unit.reactivated', sup.user.id, 'supervisor'],
    ]);
  });

  it('refuses to deactivate a unit the dispatch rules still name (000 四): change the table first', async () => {
    const res = await sup.post(`/api/units/${t.units.d_chengguan}/active`, { active: false });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/^该单位仍在派单规则中（\d+个问题分类）/);
    expect((await sup.post('/api/units/99999/active', { active: false })).status).toBe(404);
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
