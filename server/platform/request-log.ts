/**
 * One line per HTTP request, and `req.log` for whatever a handler logs (issue 14 item 2;
 * docs/decisions/privacy.md). The line holds the method, the route pattern (`/api/tickets/:id`,
 * never the URL: a query string or a path segment can carry a number or a description), the
 * status, the duration, the user id and the request id. No headers, no body, no address.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ROUTE_TABLE } from './define-route';
import type { Logger } from './logger';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request's logger: every line carries its reqId. */
    log?: Logger;
    /** The pattern of the route that answered, set by defineRoute (e.g. /api/tickets/:id). */
    routePattern?: string;
  }
}

export interface RequestLogLine {
  reqId: string;
  method: string;
  /** The declared pattern, or `(unmatched)` / `(static)` when no declared route answered. */
  route: string;
  status: number;
  /** Milliseconds from the first byte in to the last byte out (or the connection's close). */
  ms: number;
  userId?: number;
  /** The client went away before the answer was complete. */
  aborted?: true;
}

/** An id the caller may choose (a proxy's), but only one that cannot smuggle text into the log. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;

export function requestLog(logger: Logger, opts: { ignore?: (req: Request) => boolean } = {}) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const offered = req.get('x-request-id');
    const reqId = offered && REQUEST_ID.test(offered) ? offered : randomUUID();
    res.setHeader('x-request-id', reqId);
    req.log = logger.child({ reqId });
    if (opts.ignore?.(req)) return next();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const line: RequestLogLine = {
        reqId,
        method: req.method,
        route: req.routePattern ?? declaredPattern(req.method, req.originalUrl) ?? (req.originalUrl.startsWith('/api') ? '(unmatched)' : '(static)'),
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        ...(req.auth ? { userId: req.auth.user.id } : {}),
        ...(res.writableFinished ? {} : { aborted: true as const }),
      };
      const level = line.status >= 500 ? 'error' : line.status >= 400 ? 'warn' : 'info';
      logger[level](line, 'request');
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}

let matchers: { method: string; re: RegExp; pattern: string; params: number }[] | null = null;

/**
 * The declared route a request would reach, for requests refused before their route ran (a
 * missing session, a CSRF failure): literal segments win over parameters, as a reader expects.
 */
function declaredPattern(method: string, url: string): string | undefined {
  matchers ??= ROUTE_TABLE.map((r) => ({
    method: r.method.toUpperCase(),
    pattern: r.path,
    params: (r.path.match(/:\w+/g) ?? []).length,
    re: new RegExp(`^${r.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`),
  })).sort((a, b) => a.params - b.params);
  const path = url.split('?')[0] ?? '';
  return matchers.find((m) => m.method === method && m.re.test(path))?.pattern;
}
