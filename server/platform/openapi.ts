/**
 * GET /api/openapi.json (PRODUCT.md §11): the OpenAPI 3.1 document of the REST API, generated from
 * ROUTE_TABLE — every route that exists, with its access rule and the JSON Schema of its body
 * and query (zod 4's z.toJSONSchema; JSON Schema 2020-12 is OpenAPI 3.1's dialect). Nothing is
 * written by hand, so the document cannot drift from the routes.
 */
import { Router } from 'express';
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../shared/errors';
import { ZOpenApiDocumentSchema } from '../../shared/schemas/openapi';
import { SESSION_COOKIE } from './auth/sessions';
import type { AppContext } from './context';
import { defineRoute, PUBLIC, ROUTE_TABLE, TWIML_MEDIA_TYPE, type Access, type RouteSpec } from './define-route';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema | null {
  try {
    const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
    return rest;
  } catch {
    return null;
  }
}

const isEmpty = (s: unknown) => typeof s === 'object' && s !== null && Object.keys(s).length === 0;

/**
 * The wire shape of a schema: its input side; where a field is preprocessed (unrepresentable on
 * the input side) its output side stands in.
 */
export function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  if (io === 'output') return toSchema(schema, 'output') ?? {};
  const input = toSchema(schema, 'input') ?? {};
  const output = toSchema(schema, 'output');
  const inProps = input.properties as Record<string, unknown> | undefined;
  const outProps = output?.properties as Record<string, unknown> | undefined;
  if (inProps && outProps) for (const [k, v] of Object.entries(inProps)) if (isEmpty(v) && outProps[k]) inProps[k] = outProps[k];
  return input;
}

/** /api/tickets/:id → /api/tickets/{id}; /open311/v2/services/:code.:format → …/{code}.{format}. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function accessNote(access: Access): string {
  if (access.kind === 'public') return '公开（无需登录）';
  if (access.kind === 'authenticated') return '任何已登录用户';
  return `角色：${access.roles.join('、')}`;
}

/** Where a route lives decides who calls it, how it is secured and in which shape it refuses. */
type Family = 'api' | 'open311' | 'telephony';
const familyOf = (route: RouteSpec): Family => (route.path.startsWith('/open311/') ? 'open311' : route.path.startsWith('/telephony/') ? 'telephony' : 'api');

/** What each status means, for the document's reader. */
const STATUS_TEXT: Record<string, string> = {
  '200': '成功',
  '201': '已创建',
  '400': '输入有误（validation_failed；fields 指出字段）',
  '401': '未登录、会话已过期，或用户名密码错误',
  '403': '角色、单位或 CSRF 令牌不符，或签名 / api_key 无效',
  '404': '不存在或对当前用户不可见',
  '409': '工单状态不允许此操作，或版本已变（invalid_state / version_conflict）',
  '422': '业务规则拒绝（rule_violation 等）',
  '429': '请求过于频繁',
  '503': '数据库或服务暂不可用',
  '5XX': '系统内部错误或暂不可用',
};

const codesOfStatus = (status: number): ErrorCode[] =>
  (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).filter(([, s]) => s === status).map(([code]) => code);

/**
 * The refusals a route can answer, by status: what the middleware in front of it raises
 * (define-route.ts, authenticate.ts, app.ts), then what the route declares it raises (`raises`) or,
 * where it declares nothing, what its shape suggests (a path id: 404; a staff write: 409 and 422).
 * Null for an Open311 status: its refusals have their own shape and codes.
 */
function errorCodes(route: RouteSpec): Map<string, ErrorCode[] | null> {
  const family = familyOf(route);
  const isPublic = route.access.kind === 'public';
  const writes = route.method !== 'get';
  const codes = new Map<string, Set<ErrorCode> | null>();
  const add = (code: ErrorCode) => {
    const status = String(ERROR_STATUS[code]);
    const set = codes.get(status) ?? new Set<ErrorCode>();
    set.add(code);
    codes.set(status, set);
  };
  if (family === 'api') {
    // Any query or body may be refused (a NUL anywhere, malformed JSON), public or not.
    add('validation_failed');
    if (!isPublic) add('unauthenticated');
    if (route.access.kind === 'roles') add('forbidden_role');
    // A change must carry the session's CSRF token (authenticate.ts; login is exempt).
    if (writes && !isPublic) add('csrf_failed');
    if (route.raises) route.raises.forEach(add);
    else {
      if (/:\w/.test(route.path)) add('not_found');
      // A write may meet a state, a version or a rule of the hotline that refuses it.
      if (writes && !isPublic) [...codesOfStatus(409), ...codesOfStatus(422)].forEach(add);
      // Without a declaration, any code of a status it answers may come (a unit's refusal is 403 too).
      for (const status of [...codes.keys()]) codesOfStatus(Number(status)).forEach(add);
    }
  } else if (family === 'open311') {
    // The paced gate and the address limit stand in front of every Open311 route (open311/limits.ts);
    // the format suffix is checked by each (404); filing checks the api_key (403).
    for (const status of ['400', '404', '429', '503', ...(writes ? ['403'] : [])]) codes.set(status, null);
  } else {
    // Signed webhooks: a missing or wrong X-Twilio-Signature is 403; the telephony limiter is 429.
    (['validation_failed', 'bad_signature', 'rate_limited'] as const).forEach(add);
    route.raises?.forEach(add);
  }
  for (const status of route.alsoAnswers ?? []) {
    if (status < 400) continue;
    if (family === 'open311') codes.set(String(status), null);
    else codesOfStatus(status).forEach(add);
  }
  const sorted = [...codes.entries()].sort(([a], [b]) => a.localeCompare(b));
  return new Map([
    ...sorted.map(([status, set]) => [status, set && [...set]] as const),
    ['5XX', family === 'open311' ? null : [...codesOfStatus(500), ...codesOfStatus(503)]],
  ]);
}

function security(route: RouteSpec): Record<string, string[]>[] {
  const family = familyOf(route);
  if (family === 'telephony') return [{ twilioSignature: [] }];
  // Open311's api_key is a form field of the POST (GeoReport v2), which a security scheme cannot
  // express (apiKey is header, query or cookie): the request body declares it as required.
  if (family === 'open311') return [];
  if (route.access.kind === 'public') return [];
  return [route.method === 'get' ? { session: [] } : { session: [], csrf: [] }];
}

const API_ERROR = { $ref: '#/components/schemas/ApiError' };
const OPEN311_ERRORS = { $ref: '#/components/schemas/Open311Errors' };

/** A body that is not JSON: text (TwiML, XML) as a string, anything else (a workbook) as bytes. */
function mediaSchema(mediaType: string): JsonSchema {
  if (mediaType === TWIML_MEDIA_TYPE) return { type: 'string', description: 'TwiML (Twilio Markup Language)' };
  if (mediaType.startsWith('text/')) return { type: 'string' };
  return { type: 'string', format: 'binary' };
}

function successContent(route: RouteSpec): Record<string, { schema: JsonSchema }> {
  if (route.produces) return { [route.produces]: { schema: mediaSchema(route.produces) } };
  const body = route.response ? schemaOf(route.response, 'output') : {};
  // GeoReport v2: .json answers the schema, .xml the same fields under the route's root element.
  if (familyOf(route) === 'open311') return { 'application/json': { schema: body }, 'text/xml': { schema: { type: 'string' } } };
  return { 'application/json': { schema: body } };
}

function errorContent(route: RouteSpec, codes: ErrorCode[] | null): Record<string, { schema: JsonSchema }> {
  if (familyOf(route) === 'open311' || codes === null) {
    // Open311's own shape for its refusals; its body parser's failures (before the router) keep the console's.
    return { 'application/json': { schema: { oneOf: [OPEN311_ERRORS, API_ERROR] } }, 'text/xml': { schema: { type: 'string' } } };
  }
  return { 'application/json': { schema: apiErrorOf(codes) } };
}

/** The shared error shape, its code narrowed to the codes this route answers with this status. */
function apiErrorOf(codes: readonly ErrorCode[]): JsonSchema {
  return { allOf: [API_ERROR, { properties: { error: { properties: { code: { enum: codes } } } } }] };
}

function operation(route: RouteSpec) {
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const queryParams: unknown[] = [];
  if (route.query) {
    const q = schemaOf(route.query);
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties as Record<string, unknown>) ?? {})) {
      queryParams.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  const family = familyOf(route);
  const form = family !== 'api';
  const requestBody = route.documentedBody ?? route.body;
  const successes = [String(route.status ?? 200), ...(route.alsoAnswers ?? []).filter((s) => s < 400).map(String)];
  const responses: Record<string, unknown> = {};
  for (const status of [...new Set(successes)].sort()) responses[status] = { description: STATUS_TEXT[status] ?? '成功', content: successContent(route) };
  for (const [status, codes] of errorCodes(route)) responses[status] = { description: STATUS_TEXT[status] ?? '错误', content: errorContent(route, codes) };
  return {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    description: `访问规则：${accessNote(route.access)}`,
    tags: [route.path.split('/')[form ? 1 : 2] ?? 'api'],
    'x-access': route.access,
    security: security(route),
    parameters: [...pathParams, ...queryParams],
    ...(requestBody
      ? { requestBody: { required: true, content: { [form ? 'application/x-www-form-urlencoded' : 'application/json']: { schema: schemaOf(requestBody) } } } }
      : {}),
    responses,
  };
}

export function openApiDocument(routes: readonly RouteSpec[] = ROUTE_TABLE) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const p = (paths[openApiPath(route.path)] ??= {});
    // Every createApp records its routes again; one operation per method and path.
    p[route.method] ??= operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '62112345 便民服务专线 API',
      version: '1',
      description: '九亭镇62112345便民服务专线的 REST API 与 Open311 GeoReport v2 接口。除公开接口外均需登录会话；修改类请求须带 X-CSRF-Token。',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    // Root-relative: the console answers on whatever origin it is deployed at (PUBLIC_BASE_URL).
    servers: [{ url: '/', description: '本控制台（与本文档同源）' }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: '登录后获得的会话 Cookie' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: '登录应答中的 csrfToken' },
        twilioSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Twilio-Signature',
          description: 'Twilio 对 URL 与参数的 HMAC-SHA1 签名（以 TWILIO_AUTH_TOKEN 计算）；签名不符答 403 且不作记录',
        },
      },
      schemas: {
        ApiError: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(ERROR_STATUS), description: 'shared/errors.ts 的稳定错误码' },
                message: { type: 'string', description: '中文说明' },
                fields: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
          },
        },
        Open311Errors: {
          type: 'array',
          description: 'Open311 GeoReport v2 的错误列表',
          items: {
            type: 'object',
            required: ['code', 'description'],
            properties: { code: { type: 'integer' }, description: { type: 'string' } },
          },
        },
      },
    },
  };
}

export function openApiRoutes(_ctx: AppContext): Router {
  const router = Router();
  let cached: ReturnType<typeof openApiDocument> | null = null;
  defineRoute(
    router,
    '/api',
    {
      method: 'get',
      path: '/api/openapi.json',
      access: PUBLIC,
      summary: 'This OpenAPI 3.1 document, generated from the route table',
      response: ZOpenApiDocumentSchema,
    },
    async () => {
      // Routes are all declared before the first request; build the document once.
      cached ??= openApiDocument();
      return cached;
    },
  );
  return router;
}
