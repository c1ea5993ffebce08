import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../../../test/support/db';
import { ApiClient, startTestServer, type TestServer } from '../../../test/support/server';

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

  it('lets a tab holding a session cookie sign in again without the CSRF header (the login is exempt)', async () => {
    const op = await t.login('operator');
    const res = await op.request('POST', '/api/auth/login', { username: 'operator', password: 'hotline-demo' }, { 'x-csrf-token': 'stale' });
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('operator');
  });

  it('logout ends the session on the server', async () => {
    const op = await t.login('operator');
    expect((await op.post('/api/auth/logout')).status).toBe(200);
    expect((await op.get('/api/auth/me')).status).toBe(401);
  });

  it('logout everywhere ends every session of the person', async () => {
    const a = await t.login('revisit');
    const b = await t.login('revisit');
    const res = await a.post('/api/auth/logout-all');
    expect(res.status).toBe(200);
    expect(res.body.sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(401);
  });

  it('throttles repeated failed logins for that username, not for others', async () => {
    const anon = ApiClient.anonymous(t.url);
    for (let i = 0; i < 10; i++) {
      expect((await anon.post('/api/auth/login', { username: 'leader', password: `guess-${i}` })).status).toBe(401);
    }
    const blocked = await anon.post('/api/auth/login', { username: 'leader', password: 'hotline-demo' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toMatchObject({ code: 'rate_limited', message: '登录失败次数过多，请15分钟后再试' });
    expect((await anon.post('/api/auth/login', { username: 'admin', password: 'hotline-demo' })).status).toBe(200);
  });

  it('sends security headers and refuses oversized bodies with a clear error', async () => {
    const res = await fetch(`${t.url}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    // Plain HTTP by default: no HSTS, no upgrade-insecure-requests (../shared/NOTES.md).
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    const op = await t.login('operator');
    const big = await op.post('/api/tickets', { type: 'complaint_help', description: 'x'.repeat(100_000) });
    expect(big.status).toBe(400);
    expect(big.body.error).toMatchObject({ code: 'validation_failed', message: '请求内容过大' });
  });
});
