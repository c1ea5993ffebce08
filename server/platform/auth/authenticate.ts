import { parse as parseCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../context';
import { csrfMatches, findSession, SESSION_COOKIE, type AuthContext } from './sessions';

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Loads the session from the cookie (if any) and enforces CSRF on state-changing requests; mounted on /api. */
export function authenticate(ctx: AppContext) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
    if (!token) return next();
    const auth = await findSession(ctx.db, token, ctx.now());
    if (!auth) return next();
    // The session cookie alone never authorises a change: the page must prove it read the
    // token the login answer gave it (double submit against the server-side value).
    // Login is exempt: a stale cookie must not stop a person from signing in again.
    const exempt = `${req.baseUrl}${req.path}` === '/api/auth/login';
    if (!SAFE_METHODS.has(req.method) && !exempt && !csrfMatches(auth.csrfToken, req.get('x-csrf-token'))) {
      return next(new AppError('csrf_failed', '安全校验失败，请刷新页面后重试'));
    }
    req.auth = auth;
    next();
  };
}
