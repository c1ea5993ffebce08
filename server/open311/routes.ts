/**
 * Open311 GeoReport v2 (PRODUCT.md §11) at /open311/v2, with its service discovery file at
 * /open311/discovery.{xml,json}: services, one service's definition, filing a request (api_key
 * required) and following requests. Public but key-checked where the standard requires a key;
 * every route still goes through defineRoute. Errors follow the standard: an array of
 * { code, description }, 403 for the key, 404 for what does not exist, 422 for a reused
 * Idempotency-Key, 429 for a limit, 400 otherwise; a filing answers 200 as the standard's example
 * does; reads carry CORS for browser apps on other origins. docs/decisions/open311.md says why.
 */
import cors from 'cors';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import {
  ZOpen311DiscoverySchema,
  ZOpen311FiledSchema,
  ZOpen311ServiceDefinitionSchema,
  ZOpen311ServiceListSchema,
  ZOpen311ServiceRequestListSchema,
  type TOpen311Discovery,
  type TOpen311Filed,
} from '../../shared/schemas/open311';
import type { AppContext } from '../platform/context';
import { defineRoute, PUBLIC } from '../platform/define-route';
import { findActiveApiKey } from './api-keys';
import { fileOpen311Request, IDEMPOTENCY_FIELD, ZIdempotencyKeySchema, ZOpen311RequestSchema } from './create-request';
import { Open311Error } from './errors';
import { formatOf, formatOfPath, renderOpen311, sendOpen311, sendOpen311Errors, type Open311Format, type RenderedOpen311 } from './format';
import { open311AddressLimit, open311Gate, open311KeyQuota } from './limits';
import { findServiceRequest, listServiceRequests, type RequestFilter } from './list-requests';
import { SERVICE_NOTICE } from './present-request';
import { ReadCache } from './read-cache';
import { isServiceCode, open311Services, serviceDefinition } from './services';

const MOUNT = '/open311';
/** GeoReport v2 "Response Volume": at most 90 days per request. */
const MAX_DAYS = 90;
/** Pages of the request list: an extension (the standard has none; a client that does not know it gets the first page). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** Deeper than this, narrow start_date/end_date instead: an offset costs what it skips. */
const MAX_OFFSET = 10_000;
/** service_request_id values in one read. */
const MAX_IDS = MAX_PAGE_SIZE;
const CHANGESET = '2026-11-23T00:00:00+08:00';
/** Open311 requests worked on at once, and waiting at most (limits.ts, open311Gate). */
const OPEN311_IN_FLIGHT = 4;
const OPEN311_WAITING = 500;
/** Readers of one list page within this long share one answer (read-cache.ts). */
const LIST_SHARED_MS = 5_000;
/** The arguments that choose a list page, in the order its links write them. */
const LIST_ARGUMENTS = ['service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'jurisdiction_id'] as const;
/** A successful filing's status ("200 OK" in GeoReport v2), the same for a retry answered from the first filing. */
const FILED_STATUS = 200;

const pageSizeMessage = `page_size 须为1–${MAX_PAGE_SIZE}的整数`;
const ZRequestsQuerySchema = z.looseObject({
  service_request_id: z.string().max(20_000).optional(),
  service_code: z.string().max(2000).optional(),
  start_date: z.string().max(40).optional(),
  end_date: z.string().max(40).optional(),
  status: z.string().max(40).optional(),
  jurisdiction_id: z.string().max(200).optional(),
  page: z.coerce.number({ error: 'page 须为正整数' }).int('page 须为正整数').min(1, 'page 须为正整数').max(1_000_000, 'page 过大').default(1),
  page_size: z.coerce
    .number({ error: pageSizeMessage })
    .int(pageSizeMessage)
    .min(1, pageSizeMessage)
    .max(MAX_PAGE_SIZE, pageSizeMessage)
    .default(DEFAULT_PAGE_SIZE),
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

/**
 * Where links point: PUBLIC_BASE_URL when configured, else root-relative (the client resolves it
 * against the URL it asked). Never the request's Host header, which the client chooses.
 */
function baseUrl(ctx: AppContext): string {
  return ctx.config.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? '';
}

/** The filter of GET Service Requests from its arguments (GeoReport v2: the last 90 days by default, at most 90). */
function filterOf(ctx: AppContext, query: z.output<typeof ZRequestsQuerySchema>): RequestFilter {
  const ids = list(query.service_request_id);
  if (ids.length > MAX_IDS) throw new Open311Error(400, `service_request_id 一次最多${MAX_IDS}个`);
  // "This overrides all other arguments."
  if (ids.length > 0) return { numbers: ids.map((id) => id.slice(0, 40)) };
  const end = datetime(query.end_date, 'end_date');
  const start = datetime(query.start_date, 'start_date');
  const to = end ?? (start ? new Date(start.getTime() + MAX_DAYS * 86_400_000) : ctx.now());
  const from = start ?? new Date(to.getTime() - MAX_DAYS * 86_400_000);
  if (from.getTime() > to.getTime()) throw new Open311Error(400, 'start_date 不能晚于 end_date');
  if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) throw new Open311Error(400, `start_date 与 end_date 相隔不能超过${MAX_DAYS}天`);
  const statuses = list(query.status);
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status 只能为 open 或 closed');
  const status = statuses.length === 1 ? (statuses[0] as 'open' | 'closed') : undefined;
  return { from, to, serviceCodes: list(query.service_code), ...(status ? { status } : {}) };
}

/** The client's Idempotency-Key: the header, or the form field for clients that cannot set headers. */
function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.get('idempotency-key');
  const raw = (req.body as Record<string, unknown> | undefined)?.[IDEMPOTENCY_FIELD];
  const field = typeof raw === 'string' && raw !== '' ? raw : undefined;
  if (header !== undefined && field !== undefined && header !== field) {
    throw new Open311Error(400, `Idempotency-Key 头与 ${IDEMPOTENCY_FIELD} 字段不一致`);
  }
  const key = header ?? field;
  if (key === undefined) return undefined;
  const parsed = ZIdempotencyKeySchema.safeParse(key);
  if (!parsed.success) throw new Open311Error(400, parsed.error.issues[0]?.message ?? 'Idempotency-Key 格式不正确');
  return parsed.data;
}

/** A rendered list page and its next link. */
interface ListAnswer extends RenderedOpen311 {
  link: string | null;
}

/**
 * The page's arguments as a link writes them: the known ones only, in a fixed order, so readers
 * adding arguments of their own share the same answer (and cannot make every read a new one).
 */
function listArguments(query: z.output<typeof ZRequestsQuerySchema>, page: number, withPageSize: boolean): URLSearchParams {
  const args = new URLSearchParams();
  for (const name of LIST_ARGUMENTS) {
    const value = query[name];
    if (value !== undefined && value !== '') args.set(name, value);
  }
  if (withPageSize) args.set('page_size', String(query.page_size));
  args.set('page', String(page));
  return args;
}

export function open311Routes(ctx: AppContext): Router {
  const router = Router();
  const listCache = new ReadCache<ListAnswer>({ ttlMs: LIST_SHARED_MS, maxEntries: 500, maxConcurrent: 2 });
  // Browser apps on other origins may read (services, requests, discovery) and ask first with a
  // preflight that costs no turn at the gate; filing stays for servers holding an api_key.
  const readCors = cors({ origin: '*', methods: ['GET', 'HEAD'], maxAge: 86_400 });
  router.use((req: Request, res: Response, next: NextFunction) => (req.method === 'POST' ? next() : readCors(req, res, next)));
  // First of all, a paced gate: Open311 never takes the operators' turns on the event loop.
  router.use(open311Gate({ perSecond: ctx.config.OPEN311_MAX_REQUESTS_PER_SECOND, maxInFlight: OPEN311_IN_FLIGHT, maxWaiting: OPEN311_WAITING }));
  // Its own limiter, apart from the telephony webhooks': a flood of reads here never throttles Twilio.
  router.use(open311AddressLimit(ctx.config.OPEN311_RATE_LIMIT_PER_MINUTE ?? ctx.config.PUBLIC_RATE_LIMIT_PER_MINUTE));
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
  // Filings per key per hour, counted once the key is known good.
  router.use(open311KeyQuota(ctx.config.OPEN311_KEY_REQUESTS_PER_HOUR));

  defineRoute(
    router,
    MOUNT,
    {
      method: 'get',
      path: '/open311/discovery.:format',
      access: PUBLIC,
      summary: 'Open311 service discovery (URLs from PUBLIC_BASE_URL, else root-relative)',
      response: ZOpen311DiscoverySchema,
    },
    async ({ params, res }) => {
      sendOpen311(res, format(params), 200, 'discovery', {
        changeset: CHANGESET,
        contact: '九亭镇城市运行管理中心 62112345',
        key_service: '向九亭镇城市运行管理中心申请 api_key',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${baseUrl(ctx)}/open311/v2`,
            changeset: CHANGESET,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      } satisfies TOpen311Discovery);
    },
  );

  defineRoute(
    router,
    MOUNT,
    {
      method: 'get',
      path: '/open311/v2/services.:format',
      access: PUBLIC,
      summary: 'Open311 GET Service List: the categories of the dispatch rule table',
      response: ZOpen311ServiceListSchema,
    },
    async ({ params, res }) => {
      sendOpen311(res, format(params), 200, 'services', open311Services());
    },
  );

  defineRoute(
    router,
    MOUNT,
    {
      method: 'get',
      path: '/open311/v2/services/:code.:format',
      access: PUBLIC,
      summary: 'Open311 GET Service Definition',
      response: ZOpen311ServiceDefinitionSchema,
    },
    async ({ params, res }) => {
      const f = format(params);
      if (!params.code || !isServiceCode(params.code)) throw new Open311Error(404, `service_code ${String(params.code).slice(0, 64)} 不存在`);
      sendOpen311(res, f, 200, 'service_definition', serviceDefinition(params.code));
    },
  );

  defineRoute(
    router,
    MOUNT,
    {
      method: 'post',
      path: '/open311/v2/requests.:format',
      access: PUBLIC,
      summary: `Open311 POST Service Request (api_key required): files a ticket with source open311; an Idempotency-Key header or ${IDEMPOTENCY_FIELD} field makes a retry answer the first filing`,
      body: ZOpen311RequestSchema,
      // The key is checked before the body is parsed (above); the document says it is required.
      documentedBody: ZOpen311RequestSchema.safeExtend({ api_key: z.string().min(1).describe('管理员签发的 api_key（GeoReport v2：POST 参数）') }),
      status: FILED_STATUS,
      response: ZOpen311FiledSchema,
    },
    async ({ params, body, req, res }) => {
      const f = format(params);
      const key = req.open311Key;
      if (!key) throw new Open311Error(403, 'api_key 缺失或无效');
      if (!isServiceCode(body.service_code)) throw new Open311Error(404, `service_code ${body.service_code.slice(0, 64)} 不存在`);
      const filed = await fileOpen311Request(ctx, {
        key,
        service: body.service_code,
        input: body,
        idempotencyKey: idempotencyKeyOf(req),
        fields: req.body as Record<string, unknown>,
      });
      req.log?.info({ apiKeyId: key.id, replayed: filed.replayed }, 'open311 request filed');
      if (filed.replayed) res.setHeader('Idempotent-Replayed', 'true');
      sendOpen311(res, f, FILED_STATUS, 'service_requests', [
        { service_request_id: filed.serviceRequestId, service_notice: SERVICE_NOTICE, account_id: filed.accountId },
      ] satisfies TOpen311Filed);
    },
  );

  defineRoute(
    router,
    MOUNT,
    {
      method: 'get',
      path: '/open311/v2/requests.:format',
      access: PUBLIC,
      summary: `Open311 GET Service Requests (filed through Open311, 90 days; newest first, page and page_size: ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}; Link rel="next"; answers shared for ${LIST_SHARED_MS / 1000} s)`,
      query: ZRequestsQuerySchema,
      response: ZOpen311ServiceRequestListSchema,
    },
    async ({ params, query, req, res }) => {
      const f = format(params);
      const filter = filterOf(ctx, query);
      const offset = (query.page - 1) * query.page_size;
      if (offset >= MAX_OFFSET) throw new Open311Error(400, `page 超出范围：请用 start_date 和 end_date 缩小时间段（最多翻到第${MAX_OFFSET}条）`);
      const withPageSize = (req.query as Record<string, unknown>).page_size !== undefined;
      const key = `${f}?${listArguments(query, query.page, withPageSize).toString()}`;
      const answer = await listCache.get(key, async () => {
        const { requests, more } = await listServiceRequests(ctx.db, filter, { page: query.page, pageSize: query.page_size });
        const next = more && offset + query.page_size < MAX_OFFSET ? listArguments(query, query.page + 1, withPageSize) : null;
        return {
          ...renderOpen311(f, 'service_requests', requests),
          link: next ? `<${baseUrl(ctx)}${MOUNT}/v2/requests.${f}?${next.toString()}>; rel="next"` : null,
        };
      });
      if (answer.link) res.setHeader('Link', answer.link);
      res.status(200).type(answer.contentType).send(answer.body);
    },
  );

  defineRoute(
    router,
    MOUNT,
    {
      method: 'get',
      path: '/open311/v2/requests/:id.:format',
      access: PUBLIC,
      summary: 'Open311 GET Service Request',
      response: ZOpen311ServiceRequestListSchema,
    },
    async ({ params, res }) => {
      const f = format(params);
      const found = await findServiceRequest(ctx.db, String(params.id).slice(0, 40));
      if (!found) throw new Open311Error(404, `service_request_id ${String(params.id).slice(0, 40)} 不存在`);
      sendOpen311(res, f, 200, 'service_requests', [found]);
    },
  );

  // Anything else under /open311 does not exist.
  router.use((req: Request, _res: Response, next: NextFunction) => next(new Open311Error(404, `${req.method} ${req.path.slice(0, 80)} 不存在`)));
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const f = formatOfPath(req.path);
    if (err instanceof Open311Error) return sendOpen311Errors(res, f, err.status, [{ code: err.status, description: err.message }]);
    if (err instanceof AppError && err.status < 500) {
      // The standard's 403 and 404; 422 for an Idempotency-Key reused with another body (the console's code); 400 for the rest.
      const status = err.code === 'not_found' ? 404 : err.status === 403 ? 403 : err.code === 'idempotency_key_reused' ? 422 : 400;
      const fields = Object.entries(err.fields ?? {});
      const errors =
        fields.length > 0
          ? fields.map(([name, message]) => ({ code: status, description: `${name}: ${message}` }))
          : [{ code: status, description: err.message }];
      return sendOpen311Errors(res, f, status, errors);
    }
    const e = err as { type?: string; status?: number };
    if (e?.status && e.status >= 400 && e.status < 500) return sendOpen311Errors(res, f, 400, [{ code: 400, description: '请求格式不正确' }]);
    // A database error's message carries the statement's parameters (names, phones): log its kind only.
    const cause = (err as { cause?: { code?: string } } | null)?.cause;
    (req.log ?? ctx.logger).error({ error: (err as Error)?.name, code: (err as { code?: string })?.code ?? cause?.code }, 'open311 request failed');
    // "400 - General Service Error (Any failure during create request processing)": nothing was stored (one transaction).
    sendOpen311Errors(res, f, 400, [{ code: 400, description: '服务暂时无法处理该请求，请稍后重试' }]);
  });
  return router;
}
