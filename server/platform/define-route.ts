/**
 * Every HTTP route is declared through `defineRoute`, which records it in `ROUTE_TABLE` with
 * its access rule. The access-matrix test walks that table, so a route without a rule cannot
 * exist (Twenty's "every endpoint is guarded" rule, enforced by construction).
 */
import type { NextFunction, Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { Role } from '../../shared/domain';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { AuthContext } from './auth/sessions';

export type Access = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };

export const PUBLIC: Access = { kind: 'public' };
export const ANY_USER: Access = { kind: 'authenticated' };
export const roles = (...r: Role[]): Access => ({ kind: 'roles', roles: r });

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Full path as mounted, e.g. /api/tickets/:id. */
  path: string;
  access: Access;
  summary: string;
  /** The request body's schema, when the route takes one (recorded for the OpenAPI document). */
  body?: z.ZodType;
  /** The query string's schema, when the route reads one. */
  query?: z.ZodType;
  /** HTTP status of a successful answer (default 200). */
  status?: number;
  /** The success body's schema from shared/schemas, the one its presenter satisfies (the OpenAPI document's answer). */
  response?: z.ZodType;
  /**
   * The body as a client must send it, where the route checks it in two steps (a ticket command
   * reads `version` here and its input in the command): the OpenAPI document shows this one.
   */
  documentedBody?: z.ZodType;
  /**
   * Statuses the route answers beyond those its shape implies (openapi.ts `errorCodes`): a
   * second success status (200 for an idempotent replay), 503 of the health check, 429 of a throttle.
   */
  alsoAnswers?: readonly number[];
  /**
   * The refusals the handler and its commands can raise themselves (beyond the middleware's
   * validation, session, role and CSRF checks): the document then lists exactly their statuses
   * instead of those the route's shape suggests (openapi.ts `errorCodes`).
   */
  raises?: readonly ErrorCode[];
  /** Not JSON (an Excel workbook, TwiML): its media type, declared as the success body. */
  produces?: string;
}

/** The media type of the Excel workbooks the reports and the staffing plan export. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The media type of the TwiML the Twilio webhooks answer (what the caller hears next). */
export const TWIML_MEDIA_TYPE = 'text/xml';

export const ROUTE_TABLE: RouteSpec[] = [];
/** `METHOD path` of each recorded route: a process that builds the app twice (tests) records it once. */
const recorded = new Set<string>();

/** Return this from a handler to answer with another status than the route's default. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

export interface HandlerInput<B, Q> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: Record<string, string>;
  /** Present unless the route is public. */
  auth: AuthContext;
}

export interface RouteOptions<B extends z.ZodType, Q extends z.ZodType, R extends z.ZodType> extends RouteSpec {
  body?: B;
  query?: Q;
  /** The success body's schema: the handler must return what it describes (so presenter and document cannot drift). */
  response?: R;
  /** HTTP status of a successful answer (default 200). */
  status?: number;
}

export function defineRoute<B extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, R extends z.ZodType = z.ZodUnknown>(
  router: Router,
  /** The prefix the router is mounted at, e.g. /api. */
  mount: string,
  opts: RouteOptions<B, Q, R>,
  /**
   * Returns the success body, which must be what `response` describes (checked at compile time, so
   * the presenter and the OpenAPI document cannot drift), or a Reply; or nothing when the handler
   * answered itself (a workbook, TwiML, Open311's XML).
   */
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a handler that sends its own answer returns nothing
  handler: (input: HandlerInput<z.output<B>, z.output<Q>>) => Promise<z.output<R> | Reply | void>,
): void {
  const { method, path, access, summary } = opts;
  if (!path.startsWith(mount)) throw new Error(`route ${path} is not under ${mount}`);
  const key = `${method.toUpperCase()} ${path}`;
  if (!recorded.has(key)) {
    recorded.add(key);
    const { response, documentedBody, alsoAnswers, status, produces, raises } = opts;
    ROUTE_TABLE.push({ method, path, access, summary, body: opts.body, query: opts.query, status, response, documentedBody, alsoAnswers, produces, raises });
  }
  router[method](path.slice(mount.length) || '/', async (req: Request, res: Response, next: NextFunction) => {
    // The request line names this pattern, never the URL (request-log.ts).
    req.routePattern = path;
    try {
      const auth = authorize(req, access);
      rejectNul(req.body);
      rejectNul(req.query);
      rejectNul(req.params);
      const body = (opts.body ? parseOrThrow(opts.body, req.body ?? {}) : req.body) as z.output<B>;
      const query = (opts.query ? parseOrThrow(opts.query, req.query) : req.query) as z.output<Q>;
      const result = await handler({
        req,
        res,
        body,
        query,
        params: req.params as Record<string, string>,
        auth: auth as AuthContext,
      });
      if (res.headersSent) return;
      if (result instanceof Reply) res.status(result.status).json(result.body);
      else res.status(opts.status ?? 200).json(result);
    } catch (err) {
      next(err);
    }
  });
}

function authorize(req: Request, access: Access): AuthContext | undefined {
  if (access.kind === 'public') return req.auth;
  if (!req.auth) throw new AppError('unauthenticated', '请先登录');
  if (access.kind === 'roles' && !req.auth.user.roles.some((r) => access.roles.includes(r))) {
    throw new AppError('forbidden_role', '您的角色无权进行此操作');
  }
  return req.auth;
}

/**
 * PostgreSQL stores no U+0000 in text or jsonb: such input would fail at the database as a 500.
 * It is never meaningful in a form, so it is refused up front, once, for every route.
 */
function rejectNul(input: unknown): void {
  const path = nulPath(input, [], 0);
  if (path) throw new AppError('validation_failed', '输入有误：含有空字符（U+0000），请删除后重试', { [path.join('.') || '_']: '含有空字符（U+0000）' });
}

function nulPath(value: unknown, path: string[], depth: number): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, '_'];
    const found = nulPath(v, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = Object.values(fields)[0] ?? '输入不正确';
  throw new AppError('validation_failed', `输入有误：${first}`, fields);
}
