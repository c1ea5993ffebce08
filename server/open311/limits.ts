/**
 * Open311's own limits, apart from the telephony webhooks' (issue 14 item 5: a flood of Open311
 * reads must never throttle Twilio): requests per address per minute on everything under
 * /open311, and filings per API key per hour. In memory per process, like the console's other
 * throttles (docs/DEPLOY.md: with N processes the effective limit is N×). Refusals are 429 in
 * the standard's error shape and format, with Retry-After.
 */
import type { NextFunction, Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { formatOfPath, sendOpen311Errors } from './format';

function tooMany(description: string) {
  return (req: Request, res: Response, _next: NextFunction) => sendOpen311Errors(res, formatOfPath(req.path), 429, [{ code: 429, description }]);
}

/** Every request under /open311, per client address (anonymous readers included). */
export function open311AddressLimit(perMinute: number) {
  return rateLimit({
    windowMs: 60 * 1000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: tooMany('请求过于频繁，请稍后再试（Too many requests from this address）'),
  });
}

/** Filings (POST Service Request) per API key: the key is checked first, so only a valid key is counted. */
export function open311KeyQuota(perHour: number) {
  return rateLimit({
    windowMs: 60 * 60 * 1000,
    limit: perHour,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => !req.open311Key,
    keyGenerator: (req) => `api-key:${req.open311Key?.id ?? 0}`,
    handler: tooMany(`该 api_key 提交过于频繁，已超过每小时${perHour}件的限额，请稍后再试（API key quota exceeded）`),
  });
}
