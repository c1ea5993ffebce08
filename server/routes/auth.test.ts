import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, type TestServer } from '../../test/support/server';
import { engineName } from '../../test/support/db';

describe(`auth (${engineName()})`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const res = await ApiClient.anonymous(t.url).post('/api/auth/login', { username: 'operator', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('bad_credentials');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses an unknown user the same way', async () => {
    const res = await ApiClient.anonymous(t.url).post('/api/auth/login', { username: 'nobody', password: 'hotline-demo' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('用户名或密码错误');
  });

  it('answers 400 with field messages for an empty login form', async () => {
    const res = await ApiClient.anonymous(t.url).post('/api/auth/login', {});
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['username', 'password']);
  });

  it('logs in with an httpOnly session cookie and a CSRF token', async () => {
    const res = await ApiClient.anonymous(t.url).post('/api/auth/login', { username: 'supervisor', password: 'hotline-demo' });
    expect(res.status).toBe(200);
    expect(res.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(res.body.user.roles).toEqual(['supervisor']);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^hotline_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('GET /api/auth/me needs a session', async () => {
    expect((await ApiClient.anonymous(t.url).get('/api/auth/me')).status).toBe(401);
    const op = await t.login('operator');
    const me = await op.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('operator');
    expect(me.body.csrfToken).toBe(op.csrfToken);
  });

  it('refuses a state-changing request without the CSRF header', async () => {
    const op = await t.login('operator');
    const res = await op.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
    expect((await op.get('/api/auth/me')).status).toBe(200);
  });

  it('logout ends the session on the server', async () => {
    const op = await t.login('operator');
    expect((await op.post('/api/auth/logout')).status).toBe(200);
    expect((await op.get('/api/auth/me')).status).toBe(401);
  });
});
