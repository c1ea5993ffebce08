/**
 * Throttles (PRODUCT.md §9): every request to the public machine endpoints (Open311, telephony
 * webhooks) per address. In-memory per process: with N processes behind a balancer the effective
 * limit is N× — acceptable for shedding load. Failed logins are counted
 * in the database instead, where that multiplication would let guessing through
 * (auth/login-throttle.ts).
 */
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../../shared/errors';

export function publicEndpointLimit(perMinute: number) {
  return rateLimit({
    windowMs: 60 * 1000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('rate_limited', '请求过于频繁，请稍后再试')),
  });
}
