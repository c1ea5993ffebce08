/**
 * Issue 15 item 11 through the real API: PRODUCT.md §1 "admin (IT): users, roles" — admins open
 * accounts, change roles and unit, reset passwords and disable accounts (never delete); each change
 * is an event with its actor; a disabled account's sessions end at once (issue 14 item 6).
 */
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, users } from '../../db/schema';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, startTestServer, type TestServer } from '../../test/support/server';

describe(`accounts edited by admins (${engineName()})`, () => {
  let t: TestServer;
  let admin: ApiClient;
  const audit = async () =>
    t.database.db
      .select()
      .from(events)
      .where(inArray(events.type, ['user.created', 'user.updated', 'user.disabled', 'user.enabled', 'user.password_reset']));
  beforeAll(async () => {
    t = await startTestServer({ record: true });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const newLiaison = {
    username: 'Liaison-D-Chengguan-2',
    displayName: '城管联络人 张伟',
    password: 'temporary-pass-1',
    roles: ['liaison'],
    unitId: 0,
  };

  it('401 anonymous, 403 for every role but admin, exact 400 messages, storing nothing', async () => {
    const body = { ...newLiaison, unitId: t.units.d_chengguan };
    expect((await ApiClient.anonymous(t.url).post('/api/users', body)).status).toBe(401);
    for (const who of ['supervisor', 'operator', 'leader', 'liaison-d-chengguan']) {
      const res = await (await t.login(who)).post('/api/users', body);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code).toBe('forbidden_role');
    }
    const bad = await admin.post('/api/users', { username: 'x', displayName: '', password: 'short', roles: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({
      username: '用户名为3–40个小写字母、数字、点、横线或下划线',
      displayName: '请填写姓名',
      password: '密码至少10个字符',
      roles: '请至少选择一个角色',
    });
    // PRODUCT.md §1: a liaison sees only its unit's tickets, so it needs one; the other roles have none.
    expect((await admin.post('/api/users', { ...body, unitId: null })).body.error.fields).toEqual({ unitId: '联络人须选择所属单位' });
    expect((await admin.post('/api/users', { ...body, roles: ['operator'] })).body.error.fields).toEqual({ unitId: '只有联络人属于承办单位' });
    expect((await admin.post('/api/users', { ...body, username: 'operator' })).body.error.fields).toEqual({ username: '用户名已被使用' });
    expect(await audit()).toEqual([]);
  });

  it('opens an account (username normalised), which logs in; the password is never in an answer or an event', async () => {
    const res = await admin.post('/api/users', { ...newLiaison, unitId: t.units.d_chengguan });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      username: 'liaison-d-chengguan-2',
      displayName: '城管联络人 张伟',
      roles: ['liaison'],
      unitId: t.units.d_chengguan,
      active: true,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|argon/i);
    const list = (await admin.get('/api/users')).body.users;
    expect(list.find((u: { id: number }) => u.id === res.body.id)).toEqual(res.body);
    expect(JSON.stringify(list)).not.toMatch(/argon/);
    const person = await t.login('liaison-d-chengguan-2', 'temporary-pass-1');
    expect(person.user).toMatchObject({ roles: ['liaison'], unitId: t.units.d_chengguan });
    const [created] = await audit();
    expect(created).toMatchObject({ type: 'user.created', actorId: admin.user.id, actorRole: 'admin' });
    expect(JSON.stringify(created!.payload)).not.toContain('temporary-pass-1');
  });

  it('changing roles or unit ends the sessions (rooms came from them); a name alone does not', async () => {
    const id = (await t.database.db.select().from(users)).find((u) => u.username === 'liaison-d-chengguan-2')!.id;
    const person = await t.login('liaison-d-chengguan-2', 'temporary-pass-1');
    const renamed = await admin.request('PATCH', `/api/users/${id}`, { displayName: '张伟' });
    expect(renamed.status).toBe(200);
    expect((await person.get('/api/auth/me')).status).toBe(200);
    expect((await admin.request('PATCH', `/api/users/${id}`, {})).body.error.message).toBe('输入有误：没有要修改的内容');
    const moved = await admin.request('PATCH', `/api/users/${id}`, { unitId: t.units.d_housing });
    expect(moved.body).toMatchObject({ unitId: t.units.d_housing, displayName: '张伟' });
    expect((await person.get('/api/tickets')).status).toBe(401);
    const updates = (await audit()).filter((e) => e.type === 'user.updated');
    expect(updates.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ displayName: '城管联络人 张伟' }),
        after: expect.objectContaining({ displayName: '张伟' }),
        sessionsEnded: 0,
      }),
      expect.objectContaining({
        before: expect.objectContaining({ unitId: t.units.d_chengguan }),
        after: expect.objectContaining({ unitId: t.units.d_housing }),
        sessionsEnded: 2,
      }), // the two logins so far
    ]);
  });

  it('a reset password works and ends the old sessions; a disabled account is logged out at once and cannot log in; nothing is deleted', async () => {
    const id = (await t.database.db.select().from(users)).find((u) => u.username === 'liaison-d-chengguan-2')!.id;
    const before = await t.login('liaison-d-chengguan-2', 'temporary-pass-1');
    expect((await admin.post(`/api/users/${id}/password`, { password: 'short' })).body.error.fields).toEqual({ password: '密码至少10个字符' });
    expect((await admin.post(`/api/users/${id}/password`, { password: 'new-password-22' })).status).toBe(200);
    expect((await before.get('/api/tickets')).status).toBe(401);
    await expect(t.login('liaison-d-chengguan-2', 'temporary-pass-1')).rejects.toThrow(/401/);
    const session = await t.login('liaison-d-chengguan-2', 'new-password-22');
    expect((await session.get('/api/tickets')).status).toBe(200);

    expect((await admin.post(`/api/users/${id}/active`, {})).status).toBe(400);
    const off = await admin.post(`/api/users/${id}/active`, { active: false });
    expect(off.body).toMatchObject({ id, active: false });
    expect((await session.get('/api/tickets')).status).toBe(401);
    await expect(t.login('liaison-d-chengguan-2', 'new-password-22')).rejects.toThrow(/401/);
    expect((await admin.post(`/api/users/${id}/active`, { active: false })).status).toBe(409);
    // An admin cannot lock themselves out.
    expect((await admin.post(`/api/users/${admin.user.id}/active`, { active: false })).body.error).toMatchObject({ code: 'invalid_state' });
    expect((await admin.request('PATCH', `/api/users/${admin.user.id}`, { roles: ['operator'] })).status).toBe(409);
    expect((await admin.post('/api/users/99999/active', { active: true })).status).toBe(404);

    expect((await admin.post(`/api/users/${id}/active`, { active: true })).body).toMatchObject({ active: true });
    expect((await t.login('liaison-d-chengguan-2', 'new-password-22')).user.id).toBe(id);
    expect((await audit()).map((e) => [e.type, e.actorId])).toEqual([
      ['user.created', admin.user.id],
      ['user.updated', admin.user.id],
      ['user.updated', admin.user.id],
      ['user.password_reset', admin.user.id],
      ['user.disabled', admin.user.id],
      ['user.enabled', admin.user.id],
    ]);
    expect((await audit()).find((e) => e.type === 'user.disabled')!.payload).toEqual({ userId: id, sessionsEnded: 1 });
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
