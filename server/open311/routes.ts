/**
 * Open311 GeoReport v2 (SPEC 11) at /open311/v2, with its service discovery file at
 * /open311/discovery.{xml,json}: services, one service's definition, filing a request (api_key
 * required) and following requests. Public but key-checked where the standard requires a key;
 * every route still goes through defineRoute. Errors follow the standard: an array of
 * { code, description }, 403 for the key, 404 for what does not exist, 400 otherwise.
 */
import { and, desc, eq, gte, inArray, lte, notInArray, type SQL } from 'drizzle-orm';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { open311Requests, tickets, units } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { CLOSED_STATES } from '../../shared/ticket/machine';
import { loadCalendar } from '../clock/calendar';
import { policyVersion } from '../clock/policies';
import type { AppContext } from '../platform/context';
import { defineRoute, PUBLIC } from '../platform/define-route';
import { findActiveApiKey, type ApiKeyRow } from './api-keys';
import { createOpen311Request, ZOpen311RequestSchema } from './create-request';
import { formatOf, formatOfPath, sendOpen311, sendOpen311Errors, type Open311Format } from './format';
import { presentServiceRequest, SERVICE_NOTICE } from './present-request';
import { isServiceCode, open311Services, serviceDefinition } from './services';

const MOUNT = '/open311';
/** GeoReport v2 "Response Volume": at most 90 days or 1000 requests. */
const MAX_DAYS = 90;
const MAX_REQUESTS = 1000;
const CHANGESET = '2026-11-23T00:00:00+08:00';

declare module 'express-serve-static-core' {
  interface Request {
    open311Key?: ApiKeyRow;
  }
}

/** Any failure the standard names: status and description (Chinese first, the field names as sent). */
class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const ZRequestsQuerySchema = z.looseObject({
  service_request_id: z.string().max(20_000).optional(),
  service_code: z.string().max(2000).optional(),
  start_date: z.string().max(40).optional(),
  end_date: z.string().max(40).optional(),
  status: z.string().max(40).optional(),
  jurisdiction_id: z.string().max(200).optional(),
});

function format(params: Record<string, string>): Open311Format {
  const f = formatOf(params.format);
  if (!f) throw new Open311Error(404, `不支持的格式 .${String(params.format).slice(0, 20)}：请使用 .xml 或 .json`);
  return f;
}

const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function datetime(value: string | undefined, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (!W3_DATETIME.test(value) || Number.isNaN(new Date(value).getTime())) {
    throw new Open311Error(400, `${name} 须为带时区的 W3C 日期时间，例如 2026-11-01T00:00:00+08:00`);
  }
  return new Date(value);
}

const list = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

export function open311Routes(ctx: AppContext): Router {
  const router = Router();
  // The standard posts application/x-www-form-urlencoded.
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }));
  // "Requires API Key: Yes" for POST Service Request: checked before the body is even read.
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !/^\/v2\/requests\.[^/]+$/.test(req.path)) return next();
    try {
      const raw = (req.body as Record<string, unknown> | undefined)?.api_key;
      const key = await findActiveApiKey(ctx.db, typeof raw === 'string' ? raw : undefined);
      if (!key)
        return sendOpen311Errors(res, formatOfPath(req.path), 403, [
          { code: 403, description: 'api_key 缺失或无效，无法创建诉求（Invalid or missing api_key）' },
        ]);
      req.open311Key = key;
      next();
    } catch (err) {
      next(err);
    }
  });

  defineRoute(
    router,
    MOUNT,
    { method: 'get', path: '/open311/discovery.:format', access: PUBLIC, summary: 'Open311 service discovery' },
    async ({ params, res, req }) => {
      const base = ctx.config.PUBLIC_BASE_URL?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;
      sendOpen311(res, format(params), 200, 'discovery', {
        changeset: CHANGESET,
        contact: '九亭镇城市运行管理中心 62112345',
        key_service: '向九亭镇城市运行管理中心申请 api_key',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${base}/open311/v2`,
            changeset: CHANGESET,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      });
    },
  );

  defineRoute(
    router,
    MOUNT,
    { method: 'get', path: '/open311/v2/services.:format', access: PUBLIC, summary: 'Open311 GET Service List: the categories of the dispatch rule table' },
    async ({ params, res }) => {
      sendOpen311(res, format(params), 200, 'services', open311Services() as never);
    },
  );

  defineRoute(
    router,
    MOUNT,
    { method: 'get', path: '/open311/v2/services/:code.:format', access: PUBLIC, summary: 'Open311 GET Service Definition' },
    async ({ params, res }) => {
      const f = format(params);
      if (!params.code || !isServiceCode(params.code)) throw new Open311Error(404, `service_code ${String(params.code).slice(0, 64)} 不存在`);
      sendOpen311(res, f, 200, 'service_definition', serviceDefinition(params.code) as never);
    },
  );

  defineRoute(
    router,
    MOUNT,
    {
      method: 'post',
      path: '/open311/v2/requests.:format',
      access: PUBLIC,
      summary: 'Open311 POST Service Request (api_key required): files a ticket with source open311',
      body: ZOpen311RequestSchema,
      status: 201,
    },
    async ({ params, body, req, res }) => {
      const f = format(params);
      const key = req.open311Key;
      if (!key) throw new Open311Error(403, 'api_key 缺失或无效');
      if (!isServiceCode(body.service_code)) throw new Open311Error(404, `service_code ${body.service_code.slice(0, 64)} 不存在`);
      const ticket = await createOpen311Request(ctx, key, body.service_code, body);
      req.log?.info({ ticketId: ticket.id, apiKeyId: key.id }, 'open311 request filed');
      sendOpen311(res, f, 201, 'service_requests', [
        { service_request_id: ticket.number, service_notice: SERVICE_NOTICE, account_id: body.account_id ?? null },
      ]);
    },
  );

  defineRoute(
    router,
    MOUNT,
    {
      method: 'get',
      path: '/open311/v2/requests.:format',
      access: PUBLIC,
      summary: 'Open311 GET Service Requests (filed through Open311; 90 days, 1000 at most)',
      query: ZRequestsQuerySchema,
    },
    async ({ params, query, res }) => {
      const f = format(params);
      const where: SQL[] = [eq(tickets.source, 'open311'), eq(tickets.confidential, false)];
      const ids = list(query.service_request_id);
      if (ids.length > 0) {
        // "This overrides all other arguments."
        where.push(inArray(tickets.number, ids.slice(0, MAX_REQUESTS)));
      } else {
        const end = datetime(query.end_date, 'end_date');
        const start = datetime(query.start_date, 'start_date');
        const to = end ?? (start ? new Date(start.getTime() + MAX_DAYS * 86_400_000) : ctx.now());
        const from = start ?? new Date(to.getTime() - MAX_DAYS * 86_400_000);
        if (from.getTime() > to.getTime()) throw new Open311Error(400, 'start_date 不能晚于 end_date');
        if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) throw new Open311Error(400, `start_date 与 end_date 相隔不能超过${MAX_DAYS}天`);
        where.push(gte(tickets.callAt, from), lte(tickets.callAt, to));
        const codes = list(query.service_code);
        if (codes.length > 0) where.push(inArray(tickets.categoryCode, codes));
        const statuses = list(query.status);
        if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status 只能为 open 或 closed');
        if (statuses.length === 1 && statuses[0] === 'open') where.push(notInArray(tickets.state, [...CLOSED_STATES]));
        if (statuses.length === 1 && statuses[0] === 'closed') where.push(inArray(tickets.state, [...CLOSED_STATES]));
      }
      const rows = await ctx.db
        .select()
        .from(tickets)
        .where(and(...where))
        .orderBy(desc(tickets.callAt))
        .limit(MAX_REQUESTS);
      sendOpen311(res, f, 200, 'service_requests', (await present(ctx, rows)) as never);
    },
  );

  defineRoute(
    router,
    MOUNT,
    { method: 'get', path: '/open311/v2/requests/:id.:format', access: PUBLIC, summary: 'Open311 GET Service Request' },
    async ({ params, res }) => {
      const f = format(params);
      const [row] = await ctx.db
        .select()
        .from(tickets)
        .where(and(eq(tickets.number, String(params.id).slice(0, 40)), eq(tickets.source, 'open311'), eq(tickets.confidential, false)))
        .limit(1);
      if (!row) throw new Open311Error(404, `service_request_id ${String(params.id).slice(0, 40)} 不存在`);
      sendOpen311(res, f, 200, 'service_requests', (await present(ctx, [row])) as never);
    },
  );

  // Anything else under /open311 does not exist.
  router.use((req: Request, _res: Response, next: NextFunction) => next(new Open311Error(404, `${req.method} ${req.path.slice(0, 80)} 不存在`)));
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const f = formatOfPath(req.path);
    if (err instanceof Open311Error) return sendOpen311Errors(res, f, err.status, [{ code: err.status, description: err.message }]);
    if (err instanceof AppError && err.status < 500) {
      const status = err.code === 'not_found' ? 404 : err.status === 403 ? 403 : 400;
      const fields = Object.entries(err.fields ?? {});
      const errors =
        fields.length > 0
          ? fields.map(([name, message]) => ({ code: status, description: `${name}: ${message}` }))
          : [{ code: status, description: err.message }];
      return sendOpen311Errors(res, f, status, errors);
    }
    const e = err as { type?: string; status?: number };
    if (e?.status && e.status >= 400 && e.status < 500) return sendOpen311Errors(res, f, 400, [{ code: 400, description: '请求格式不正确' }]);
    (req.log ?? ctx.logger).error({ err }, 'open311 request failed');
    // "400 - General Service Error (Any failure during create request processing)"
    sendOpen311Errors(res, f, 400, [{ code: 400, description: '服务暂时无法处理该请求，请稍后重试' }]);
  });
  return router;
}

async function present(ctx: AppContext, rows: (typeof tickets.$inferSelect)[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const metas = await ctx.db.select().from(open311Requests).where(inArray(open311Requests.ticketId, ids));
  const unitIds = [...new Set(rows.map((r) => r.leadUnitId).filter((id): id is number => id !== null))];
  const names = unitIds.length ? await ctx.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds)) : [];
  const calendar = await loadCalendar(ctx.db);
  const out = [];
  for (const row of rows) {
    const policy = await policyVersion(ctx.db, row.policyCode, row.policyVersion);
    out.push(
      presentServiceRequest(row, metas.find((m) => m.ticketId === row.id) ?? null, {
        unitName: (id) => (id === null ? null : (names.find((n) => n.id === id)?.name ?? null)),
        policy,
        calendar,
      }),
    );
  }
  return out;
}
