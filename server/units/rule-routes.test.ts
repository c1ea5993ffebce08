/**
 * 000 四 派单规则 through the real API: supervisors publish new versions of the whole table; every
 * version is audited (an event with its actor and the changes); suggestions follow the new table
 * at once; tickets keep the version their category was confirmed under.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, tickets } from '../../db/schema';
import { CATEGORY_CODES } from '../../shared/domain';
import { engineName } from '../../test/support/db';
import { delivered } from '../../test/support/live';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';

interface RuleView {
  categoryCode: string;
  leadUnitId: number | null;
  assistUnitIds: number[];
}

describe(`dispatch rule table (${engineName()})`, () => {
  let t: TestServer;
  let sup: ApiClient;
  let op: ApiClient;
  const table = async (): Promise<{ version: number; rules: RuleView[] }> => (await sup.get('/api/dispatch-rules/versions/latest')).body;
  const edited = (rules: RuleView[], code: string, change: Record<string, unknown>) =>
    rules.map((r) => ({ categoryCode: r.categoryCode, leadUnitId: r.leadUnitId, assistUnitIds: r.assistUnitIds, ...(r.categoryCode === code ? change : {}) }));

  beforeAll(async () => {
    t = await startTestServer({ record: true });
    sup = await t.login('supervisor');
    op = await t.login('operator');
  });
  afterAll(() => t.close());

  it('shows the seeded table (version 1) with labels and unit names', async () => {
    const current = await table();
    expect(current.version).toBe(1);
    expect(current.rules.map((r) => r.categoryCode)).toEqual([...CATEGORY_CODES]);
    expect(current.rules.find((r) => r.categoryCode === 'noise')).toMatchObject({
      label: '噪声扰民',
      lead: { id: t.units.d_environment, name: '镇生态环境办' },
      assist: [{ id: t.units.d_police, name: '九亭派出所' }],
    });
    expect(current.rules.find((r) => r.categoryCode === 'other')).toMatchObject({ leadUnitId: null, lead: null });
    expect((await sup.get('/api/dispatch-rules/versions/9')).status).toBe(404);
    // Beyond a database integer, or not a number at all: not found, never a 500.
    expect((await sup.get('/api/dispatch-rules/versions/99999999999')).status).toBe(404);
    expect((await sup.get('/api/dispatch-rules/versions/v1')).status).toBe(404);
  });

  it('refuses anonymous users, other roles, bad tables and stale versions, storing nothing', async () => {
    const { rules } = await table();
    const body = { baseVersion: 1, rules: edited(rules, 'noise', { leadUnitId: t.units.d_chengguan }) };
    expect((await ApiClient.anonymous(t.url).post('/api/dispatch-rules', body)).status).toBe(401);
    expect((await op.post('/api/dispatch-rules', body)).status).toBe(403);
    expect((await (await t.login('leader')).post('/api/dispatch-rules', body)).status).toBe(403);

    const missing = await sup.post('/api/dispatch-rules', { baseVersion: 1, rules: body.rules.slice(1) });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: 'validation_failed',
      message: '输入有误：缺少问题分类：group_renting',
      fields: { rules: '缺少问题分类：group_renting' },
    });

    const selfAssist = await sup.post('/api/dispatch-rules', { baseVersion: 1, rules: edited(rules, 'noise', { assistUnitIds: [t.units.d_environment] }) });
    expect(selfAssist.body.error.message).toBe('输入有误：协办单位不能与承办单位相同');
    expect(selfAssist.body.error.fields).toEqual({ 'rules.3.assistUnitIds': '协办单位不能与承办单位相同' });

    const unknownUnit = await sup.post('/api/dispatch-rules', { baseVersion: 1, rules: edited(rules, 'parking', { leadUnitId: 99999 }) });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.error).toMatchObject({ message: '输入有误：“停车管理”的承办单位不存在', fields: { 'rules.2.leadUnitId': '承办单位不存在' } });

    const huge = await sup.post('/api/dispatch-rules', { baseVersion: 1, rules: edited(rules, 'parking', { leadUnitId: 99999999999 }) });
    expect(huge.body.error).toMatchObject({ code: 'validation_failed', fields: { 'rules.2.leadUnitId': '单位不正确' } });

    const unchanged = await sup.post('/api/dispatch-rules', { baseVersion: 1, rules: edited(rules, 'noise', {}) });
    expect(unchanged.body.error.message).toBe('输入有误：派单规则没有修改');

    const stale = await sup.post('/api/dispatch-rules', { ...body, baseVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', message: '派单规则已被他人更新为 v1，请刷新后再修改' });

    expect((await table()).version).toBe(1);
    expect(await t.database.db.select().from(events).where(eq(events.type, 'dispatch_rules.versioned'))).toEqual([]);
  });

  it('publishes a new version: audited, suggestions follow it, old tickets keep theirs', async () => {
    const text = '隔壁装修电钻声音太吵了，晚上九点还在施工';
    const old = await op.post('/api/tickets', intake({ description: text, categoryCode: 'noise', contactPhone: '13900001001' }));
    expect(old.status).toBe(201);
    expect((await op.get(`/api/tickets/${old.body.id}`)).body.ruleVersion).toBe(1);

    const live = sup.socket();
    const got: { type: string; data: any }[] = [];
    live.on('event', (e) => got.push(e));
    await new Promise((resolve) => live.once('ready', resolve));

    const { rules } = await table();
    const res = await sup.post('/api/dispatch-rules', {
      baseVersion: 1,
      rules: edited(rules, 'noise', { leadUnitId: t.units.d_chengguan, assistUnitIds: [t.units.d_environment, t.units.d_police] }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      version: 2,
      changes: [
        {
          categoryCode: 'noise',
          before: { leadUnitId: t.units.d_environment, assistUnitIds: [t.units.d_police] },
          after: { leadUnitId: t.units.d_chengguan, assistUnitIds: [t.units.d_environment, t.units.d_police] },
        },
      ],
    });

    // Audited: the event row names the supervisor, and it reached the supervisors' screens live.
    const [audit] = await t.database.db.select().from(events).where(eq(events.type, 'dispatch_rules.versioned'));
    expect(audit).toMatchObject({ actorId: sup.user.id, actorRole: 'supervisor', payload: { version: 2, previousVersion: 1 } });
    await delivered(t.server, live);
    expect(got.filter((e) => e.type === 'dispatch_rules.versioned').map((e) => e.data.version)).toEqual([2]);
    live.close();

    // The next keystroke already suggests from version 2.
    const suggestion = await op.post('/api/suggest', { text });
    expect(suggestion.body.ruleVersion).toBe(2);
    expect(suggestion.body.top[0]).toMatchObject({
      code: 'noise',
      lead: { id: t.units.d_chengguan },
      assist: [{ id: t.units.d_environment }, { id: t.units.d_police }],
    });

    const fresh = await op.post('/api/tickets', intake({ description: text, categoryCode: 'noise', contactPhone: '13900001002' }));
    const [oldRow] = await t.database.db.select().from(tickets).where(eq(tickets.id, old.body.id));
    const [newRow] = await t.database.db.select().from(tickets).where(eq(tickets.id, fresh.body.id));
    expect([oldRow!.ruleVersion, newRow!.ruleVersion]).toEqual([1, 2]);
    // A ticket without a confirmed category follows no rule version.
    const uncategorised = await op.post('/api/tickets', intake({ contactPhone: '13900001003' }));
    expect((await op.get(`/api/tickets/${uncategorised.body.id}`)).body.ruleVersion).toBeNull();

    // Version 1 is still there, unchanged, and the history says who changed what.
    const v1 = (await sup.get('/api/dispatch-rules/versions/1')).body;
    expect(v1.rules.find((r: RuleView) => r.categoryCode === 'noise').leadUnitId).toBe(t.units.d_environment);
    const history = (await op.get('/api/dispatch-rules/versions')).body;
    expect(history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(history[0]).toMatchObject({ createdBy: { id: sup.user.id, name: '值班长 陈刚' }, changes: [{ categoryCode: 'noise' }] });
    expect(history[1]).toMatchObject({ createdBy: null, changes: [] });
    // The shared read of the table (meta) agrees.
    expect((await op.get('/api/dispatch-rules')).body.version).toBe(2);
  });

  it('lets only one of two supervisors publish on the same base version', async () => {
    const { version, rules } = await table();
    const other = await t.login('supervisor');
    const [a, b] = await Promise.all([
      sup.post('/api/dispatch-rules', { baseVersion: version, rules: edited(rules, 'pets', { assistUnitIds: [] }) }),
      other.post('/api/dispatch-rules', { baseVersion: version, rules: edited(rules, 'greenery', { assistUnitIds: [t.units.d_sanitation] }) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((await table()).version).toBe(version + 1);
  });

  it('versions the repeat and cluster settings, audited', async () => {
    const current = (await op.get('/api/repeat-settings')).body;
    expect(current).toMatchObject({ version: 0, settings: { repeatWindowDays: 30, supervisionRepeats: 3, clusterWindowMinutes: 120, clusterMinCallers: 3 } });
    const bad = await sup.post('/api/repeat-settings', { repeatWindowDays: 0, supervisionRepeats: 3, clusterWindowMinutes: 120, clusterMinCallers: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('输入有误：重复来电时间窗至少1天');
    expect((await op.post('/api/repeat-settings', current.settings)).status).toBe(403);
    const saved = await sup.post('/api/repeat-settings', { ...current.settings, repeatWindowDays: 14 });
    expect(saved.status).toBe(201);
    expect((await op.get('/api/repeat-settings')).body).toMatchObject({ version: 1, settings: { repeatWindowDays: 14 }, createdBy: sup.user.id });
    const [audit] = await t.database.db.select().from(events).where(eq(events.type, 'repeat_settings.versioned'));
    expect(audit).toMatchObject({ actorId: sup.user.id, payload: { version: 1, before: { repeatWindowDays: 30 }, after: { repeatWindowDays: 14 } } });
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
