/**
 * Issue 14 item 4: login throttling that holds. Over HTTP, as an attacker would try it: other
 * spellings of the username, many usernames from one address, several server processes, a
 * restart. Addresses come from X-Forwarded-For, which the console trusts from loopback (its proxy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { users } from '../../../db/schema';
import { engineName, openTestDatabase } from '../../../test/support/db';
import { ApiClient, DEMO_PASSWORD, startTestServer, type ApiResponse, type TestServer } from '../../../test/support/server';
import { normalizeUsername } from './username';

let nextAddress = 1;
/** A fresh client address per test, so tests do not share counters. */
const newAddress = () => `10.14.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

const login = (t: { url: string }, address: string, username: string, password: string) =>
  ApiClient.anonymous(t.url).post('/api/auth/login', { username, password }, { 'x-forwarded-for': address });

const REFUSED = { error: { code: 'rate_limited', message: '登录失败次数过多，请15分钟后再试' } };
const WRONG = { error: { code: 'bad_credentials', message: '用户名或密码错误' } };

describe(`login throttling (${engineName()})`, () => {
  let database: Database;
  let t: TestServer;
  let clock = Date.parse('2026-12-09T10:00:00+08:00');
  const now = () => new Date(clock);

  beforeAll(async () => {
    database = await openTestDatabase();
    t = await startTestServer({ database, now });
  });
  afterAll(async () => {
    await t.close();
    await database.close();
  });

  it('every spelling of a username logs in as that one account', async () => {
    for (const spelling of [
      ' liaison-c-laifang',
      'liaison-c-laifang\t',
      'LIAISON-C-LAIFANG',
      'ｌｉａｉｓｏｎ－ｃ－ｌａｉｆａｎｇ',
      '\u3000Liaison-c-Laifang',
    ]) {
      const res = await login(t, newAddress(), spelling, DEMO_PASSWORD);
      expect(res.status, spelling).toBe(200);
      expect(res.body.user.username).toBe('liaison-c-laifang');
    }
  });

  it('every stored username is in the normalised form login looks up (else it could never log in)', async () => {
    const rows = await database.db.select({ username: users.username }).from(users);
    expect(rows.length).toBeGreaterThan(5);
    for (const { username } of rows) expect(normalizeUsername(username)).toBe(username);
  });

  it('ten wrong passwords lock the account for every spelling of its name (leading space, full-width, upper case)', async () => {
    const address = newAddress();
    const spellings = ['liaison-c-laifang', ' liaison-c-laifang', 'LIAISON-C-LAIFANG', 'ｌｉａｉｓｏｎ-c-laifang', 'Liaison-C-Laifang '];
    for (let i = 0; i < 10; i++) {
      const res = await login(t, address, spellings[i % spellings.length]!, `guess-${i}`);
      expect(res.status).toBe(401);
    }
    // The bypass: the right password behind a leading space.
    for (const spelling of [...spellings, '\u3000liaison-c-laifang']) {
      const res = await login(t, address, spelling, DEMO_PASSWORD);
      expect(res.status, JSON.stringify(spelling)).toBe(429);
      expect(res.body).toEqual(REFUSED);
    }
    // Another account from the same address is not locked by it.
    expect((await login(t, address, 'liaison-d-housing', DEMO_PASSWORD)).status).toBe(200);
  });

  it('caps failures from one address across usernames (many usernames, known and unknown)', async () => {
    const address = newAddress();
    for (let i = 0; i < 50; i++) {
      const username = i % 2 ? `nobody-${i}` : ['operator', 'operator2', 'revisit', 'leader', 'admin'][i % 5]!;
      const res = await login(t, address, username, `guess-${i}`);
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    // The 51st, at an account it never tried and with the right password, is refused too.
    const refused = await login(t, address, 'supervisor', DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual(REFUSED);
    // Another address is not affected.
    expect((await login(t, newAddress(), 'supervisor', DEMO_PASSWORD)).status).toBe(200);
  });

  it('a burst of concurrent guesses gets no more than the limit checked', async () => {
    const address = newAddress();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login(t, address, 'revisit', `burst-${i}`)));
    expect(answers.filter((r) => r.status === 401)).toHaveLength(10);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(20);
  });

  it('the lock ends 15 minutes after the last failure', async () => {
    const address = newAddress();
    for (let i = 0; i < 10; i++) expect((await login(t, address, 'operator2', `guess-${i}`)).status).toBe(401);
    expect((await login(t, address, 'operator2', DEMO_PASSWORD)).status).toBe(429);
    clock += 14 * 60_000;
    expect((await login(t, address, 'operator2', DEMO_PASSWORD)).status).toBe(429);
    clock += 61_000;
    expect((await login(t, address, 'OPERATOR2', DEMO_PASSWORD)).status).toBe(200);
  });

  it('answers an unknown user exactly as an existing one: status, body, headers, and time', async () => {
    const shape = (r: ApiResponse) => ({
      status: r.status,
      body: r.body,
      headers: [...r.headers.keys()].filter((k) => !['date', 'x-request-id', 'content-length', 'etag'].includes(k)).sort(),
    });
    const timed = async (username: string) => {
      const started = performance.now();
      const res = await login(t, newAddress(), username, 'not-the-password');
      return { res, ms: performance.now() - started };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 12; i++) {
      const a = await timed('leader');
      const b = await timed(`ghost-${i}`);
      expect(shape(b.res)).toEqual(shape(a.res));
      expect(a.res.body).toEqual(WRONG);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    // Both verify an argon2id hash of the same cost; an unknown user that skipped it would answer
    // in a few milliseconds against tens.
    const ratio = median(unknown) / median(known);
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms vs existing ${median(known).toFixed(1)} ms`).toBeGreaterThan(0.4);
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms vs existing ${median(known).toFixed(1)} ms`).toBeLessThan(2.5);
    // Locked, both answer the same refusal.
    const address = newAddress();
    for (let i = 0; i < 10; i++) await login(t, address, 'ghost-locked', `g-${i}`);
    for (let i = 0; i < 10; i++) await login(t, address, 'leader', `g-${i}`);
    const [lockedUnknown, lockedKnown] = [await login(t, address, 'ghost-locked', 'x'), await login(t, address, 'leader', 'x')];
    expect(shape(lockedUnknown)).toEqual(shape(lockedKnown));
    expect(lockedKnown.body).toEqual(REFUSED);
  });

  it('holds across server processes and restarts (failures are stored, not per process)', async () => {
    const address = newAddress();
    const other = await startTestServer({ database, now });
    try {
      for (let i = 0; i < 5; i++) expect((await login(t, address, 'admin', `a-${i}`)).status).toBe(401);
      for (let i = 0; i < 5; i++) expect((await login(other, address, 'admin', `b-${i}`)).status).toBe(401);
      expect((await login(other, address, 'admin', DEMO_PASSWORD)).status).toBe(429);
      expect((await login(t, address, 'admin', DEMO_PASSWORD)).status).toBe(429);
    } finally {
      await other.close();
    }
    const restarted = await startTestServer({ database, now });
    try {
      expect((await login(restarted, address, 'admin', DEMO_PASSWORD)).status).toBe(429);
    } finally {
      await restarted.close();
    }
  });
});
