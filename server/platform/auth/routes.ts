import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Router } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import { users } from '../../../db/schema';
import type { Role } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { ZAuthAnswerSchema, ZLogoutAllAnswerSchema } from '../../../shared/schemas/auth';
import { ZOkAnswerSchema } from '../../../shared/schemas/ok';
import type { AppContext } from '../context';
import { ANY_USER, defineRoute, PUBLIC } from '../define-route';
import { endSession, endSessionsOfUser } from './end-sessions';
import { loginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './passwords';
import { createSession, SESSION_COOKIE } from './sessions';
import { normalizeUsername } from './username';

const ZLoginSchema = z.object({
  // Looked up and counted in its normalised form (issue 14 item 4: every spelling of an account is that account).
  username: z.string({ error: '请输入用户名' }).trim().min(1, { error: '请输入用户名' }).max(64).transform(normalizeUsername),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(256),
});

// A hash to verify against when the user does not exist, made by the same function (same
// parameters, same cost) as real ones, so an unknown user's answer takes as long as a known one's.
let dummyHash: Promise<string> | null = null;
const unknownUserHash = () => (dummyHash ??= hashPassword(randomBytes(18).toString('base64url')));

export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/auth';
  const throttle = loginThrottle({
    db: ctx.db,
    now: ctx.now,
    maxPerAccount: ctx.config.LOGIN_MAX_FAILURES,
    maxPerAddress: ctx.config.LOGIN_MAX_FAILURES_PER_ADDRESS,
  });
  void unknownUserHash();

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/auth/login',
      access: PUBLIC,
      summary: 'Log in',
      response: ZAuthAnswerSchema,
      raises: ['bad_credentials', 'rate_limited'],
      body: ZLoginSchema,
    },
    async ({ body, res, req }) => {
      // Counted before the password is checked; refused the same way whether the account exists.
      const attempt = await throttle.begin(ipKeyGenerator(req.ip ?? ''), body.username);
      const [user] = await ctx.db.select().from(users).where(eq(users.username, body.username)).limit(1);
      const ok = await verifyPassword(user?.passwordHash ?? (await unknownUserHash()), body.password);
      if (!user || !ok || !user.active) throw new AppError('bad_credentials', '用户名或密码错误');
      await attempt.succeeded();
      // A new session on every login (rotation); an old cookie's session is ended.
      if (req.auth) await endSession(ctx, req.auth.sessionId);
      const session = await createSession(ctx.db, user.id, ctx.config.SESSION_TTL_HOURS, ctx.now());
      res.cookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.HTTPS,
        path: '/',
        expires: session.expiresAt,
      });
      req.log?.info({ userId: user.id }, 'login');
      return {
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
        user: { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles as Role[], unitId: user.unitId },
      };
    },
  );

  defineRoute(
    router,
    mount,
    { method: 'post', path: '/api/auth/logout', raises: [], access: ANY_USER, summary: 'Log out', response: ZOkAnswerSchema },
    async ({ auth, res }) => {
      await endSession(ctx, auth.sessionId);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  defineRoute(
    router,
    mount,
    { method: 'post', path: '/api/auth/logout-all', raises: [], access: ANY_USER, summary: 'Log out on every device', response: ZLogoutAllAnswerSchema },
    async ({ auth, res }) => {
      const ended = await endSessionsOfUser(ctx, auth.user.id);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const, sessionsEnded: ended };
    },
  );

  defineRoute(
    router,
    mount,
    { method: 'get', path: '/api/auth/me', access: ANY_USER, summary: 'The signed-in user and CSRF token', response: ZAuthAnswerSchema },
    async ({ auth }) => ({
      csrfToken: auth.csrfToken,
      expiresAt: auth.expiresAt.toISOString(),
      user: auth.user,
    }),
  );

  return router;
}
