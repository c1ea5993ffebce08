/**
 * Throttles (SPEC 9): failed logins per address and username, and every request to the public
 * machine endpoints (Open311, telephony webhooks) per address. In-memory per process: with N
 * processes behind a balancer the effective limit is N× — acceptable for throttling guesses;
 * docs/DEPLOY.md says so.
 */
import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../../shared/errors';

export function loginThrottle(maxFailures: number) {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: maxFailures,
    // Only failures count: a person who types the right password is never held up.
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req: Request) => {
      const username = typeof req.body?.username === 'string' ? req.body.username.slice(0, 64) : '';
      return `${ipKeyGenerator(req.ip ?? '')}|${username}`;
    },
    handler: (_req, _res, next) => next(new AppError('rate_limited', '登录失败次数过多，请15分钟后再试')),
  });
}

export function publicEndpointLimit(perMinute: number) {
  return rateLimit({
    windowMs: 60 * 1000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('rate_limited', '请求过于频繁，请稍后再试')),
  });
}
