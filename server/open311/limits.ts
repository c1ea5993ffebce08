/**
 * Open311's own limits, apart from the telephony webhooks' (issue 14 item 5: a flood of Open311
 * reads must never throttle Twilio, nor slow the operators): requests per address per minute on
 * everything under /open311, filings per API key per hour, and a gate that lets only a few
 * Open311 requests be worked on at once. In memory per process, like the console's other
 * throttles (docs/DEPLOY.md: with N processes the effective limit is N×). Refusals are in the
 * standard's error shape and format, with Retry-After.
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

export interface Open311GateOptions {
  /** Open311 requests let in per second, all clients together (a token bucket; bursts of a fifth of it). */
  perSecond: number;
  /** Open311 requests worked on at once. */
  maxInFlight: number;
  /** Requests waiting at most; beyond, 503 at once. */
  maxWaiting: number;
  /** Monotonic milliseconds (tests pass their own). */
  clock?: () => number;
}

/**
 * Admission for everything under /open311, before anything else is done for the request. The
 * console runs on one event loop: twenty readers asking back to back take twenty turns for the
 * operator's one, and every statement of an intake waits behind them — per-address limits do not
 * help against twenty addresses, and answering 429 at once only makes them ask faster. Behind the
 * gate Open311 gets at most `perSecond` requests a second and `maxInFlight` at once; the others
 * wait, costing nothing while they wait. A client that waits for its answer before asking again
 * (every reader does) is slowed to the gate's pace instead of taking the operators' share.
 */
export function open311Gate(opts: Open311GateOptions) {
  const clock = opts.clock ?? (() => performance.now());
  const burst = Math.max(1, Math.floor(opts.perSecond / 5));
  let tokens = burst;
  let last = clock();
  let inFlight = 0;
  let timer: NodeJS.Timeout | null = null;
  const waiting: (() => void)[] = [];

  const pump = () => {
    const now = clock();
    tokens = Math.min(burst, tokens + ((now - last) * opts.perSecond) / 1000);
    last = now;
    while (waiting.length > 0 && inFlight < opts.maxInFlight && tokens >= 1) {
      tokens -= 1;
      inFlight++;
      waiting.shift()?.();
    }
    if (waiting.length > 0 && inFlight < opts.maxInFlight && timer === null) {
      timer = setTimeout(
        () => {
          timer = null;
          pump();
        },
        Math.ceil(((1 - tokens) * 1000) / opts.perSecond),
      );
      timer.unref();
    }
  };

  return (req: Request, res: Response, next: NextFunction) => {
    if (waiting.length >= opts.maxWaiting) {
      res.setHeader('Retry-After', '1');
      return sendOpen311Errors(res, formatOfPath(req.path), 503, [{ code: 503, description: '服务繁忙，请稍后再试（Service busy）' }]);
    }
    let admitted = false;
    let finished = false;
    const admit = () => {
      admitted = true;
      next();
    };
    // Gone while waiting: leave the queue. Gone or answered once let in: free the place.
    const done = () => {
      if (!admitted) {
        const at = waiting.indexOf(admit);
        if (at >= 0) waiting.splice(at, 1);
        return;
      }
      if (finished) return;
      finished = true;
      inFlight--;
      pump();
    };
    res.once('finish', done);
    res.once('close', done);
    waiting.push(admit);
    pump();
  };
}
