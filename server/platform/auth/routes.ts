import { eq } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { users } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../context';
import { ANY_USER, defineRoute, PUBLIC } from '../define-route';
import { loginThrottle } from '../rate-limits';
import { verifyPassword } from './passwords';
import { createSession, revokeAllSessions, revokeSession, SESSION_COOKIE } from './sessions';

const ZLoginSchema = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, { error: '请输入用户名' }).max(64),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(256),
});

// A constant hash to verify against when the user does not exist, so both paths cost the same.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$NILxRSVx+svrEE7R21rYMw$TdEbLGV3xtRKzaovF1gjbbgcgqcE7ysA4RO+TzyX630';

export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/auth';
  router.use('/login', loginThrottle(ctx.config.LOGIN_MAX_FAILURES));

  defineRoute(router, mount, { method: 'post', path: '/api/auth/login', access: PUBLIC, summary: 'Log in', body: ZLoginSchema }, async ({ body, res, req }) => {
    const [user] = await ctx.db.select().from(users).where(eq(users.username, body.username)).limit(1);
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, body.password);
    if (!user || !ok || !user.active) throw new AppError('bad_credentials', '用户名或密码错误');
    // A new session on every login (rotation); an old cookie's session is ended.
    if (req.auth) await revokeSession(ctx.db, req.auth.sessionId, ctx.now());
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
      user: { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, unitId: user.unitId },
    };
  });

  defineRoute(router, mount, { method: 'post', path: '/api/auth/logout', access: ANY_USER, summary: 'Log out' }, async ({ auth, res }) => {
    await revokeSession(ctx.db, auth.sessionId, ctx.now());
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  defineRoute(router, mount, { method: 'post', path: '/api/auth/logout-all', access: ANY_USER, summary: 'Log out on every device' }, async ({ auth, res }) => {
    const ended = await revokeAllSessions(ctx.db, auth.user.id, ctx.now());
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true, sessionsEnded: ended };
  });

  defineRoute(router, mount, { method: 'get', path: '/api/auth/me', access: ANY_USER, summary: 'The signed-in user and CSRF token' }, async ({ auth }) => ({
    csrfToken: auth.csrfToken,
    expiresAt: auth.expiresAt.toISOString(),
    user: auth.user,
  }));

  return router;
}
