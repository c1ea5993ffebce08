/**
 * GET /api/openapi.json (PRODUCT.md §11): the OpenAPI 3.1 document of the REST API, generated from
 * ROUTE_TABLE — every route that exists, with its access rule and the JSON Schema of its body
 * and query (zod 4's z.toJSONSchema; JSON Schema 2020-12 is OpenAPI 3.1's dialect). Nothing is
 * written by hand, so the document cannot drift from the routes.
 */
import { Router } from 'express';
import { z } from 'zod';
import { SESSION_COOKIE } from './auth/sessions';
import type { AppContext } from './context';
import { defineRoute, PUBLIC, ROUTE_TABLE, type Access, type RouteSpec } from './define-route';

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
export function schemaOf(schema: z.ZodType): JsonSchema {
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
  const writes = route.method !== 'get';
  const isPublic = route.access.kind === 'public';
  const form = route.path.startsWith('/open311/');
  const success = String(route.status ?? 200);
  return {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    description: `访问规则：${accessNote(route.access)}`,
    tags: [route.path.split('/')[form ? 1 : 2] ?? 'api'],
    'x-access': route.access,
    security: isPublic ? [] : [writes ? { session: [], csrf: [] } : { session: [] }],
    parameters: [...pathParams, ...queryParams],
    ...(route.body
      ? { requestBody: { required: true, content: { [form ? 'application/x-www-form-urlencoded' : 'application/json']: { schema: schemaOf(route.body) } } } }
      : {}),
    responses: {
      [success]: { description: '成功' },
      ...(route.body || route.query
        ? { '400': { description: '输入有误', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } } }
        : {}),
      ...(isPublic ? {} : { '401': { description: '未登录或会话已过期' }, '403': { description: '角色或单位无权访问' } }),
    },
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
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: '登录后获得的会话 Cookie' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: '登录应答中的 csrfToken' },
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
                code: { type: 'string' },
                message: { type: 'string', description: '中文说明' },
                fields: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
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
    { method: 'get', path: '/api/openapi.json', access: PUBLIC, summary: 'This OpenAPI 3.1 document, generated from the route table' },
    async () => {
      // Routes are all declared before the first request; build the document once.
      cached ??= openApiDocument();
      return cached;
    },
  );
  return router;
}
