/**
 * PRODUCT.md §11: the OpenAPI 3.1 document lists every route of ROUTE_TABLE, with its access rule and
 * the JSON Schema of its body and query, served by the running console.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../../test/support/db';
import { startTestServer, type TestServer } from '../../test/support/server';
import { ROUTE_TABLE } from './define-route';
import { openApiPath } from './openapi';

describe(`OpenAPI document (${engineName()})`, () => {
  let t: TestServer;
  let doc: any;
  beforeAll(async () => {
    t = await startTestServer();
    const res = await fetch(`${t.url}/api/openapi.json`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    doc = await res.json();
  });
  afterAll(() => t.close());

  it('is OpenAPI 3.1 with the session and CSRF schemes', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['session', 'csrf']);
  });

  it('lists every route in ROUTE_TABLE with its access rule, and nothing else', () => {
    const expected = new Set(ROUTE_TABLE.map((r) => `${r.method} ${openApiPath(r.path)}`));
    expect(expected.size).toBeGreaterThan(40);
    const listed = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m} ${path}`)));
    expect([...listed].sort()).toEqual([...expected].sort());
    for (const route of ROUTE_TABLE) {
      const op = doc.paths[openApiPath(route.path)][route.method];
      expect(op['x-access'], `${route.method} ${route.path}`).toEqual(route.access);
      expect(op.summary).toBe(route.summary);
      expect(op.security).toEqual(route.access.kind === 'public' ? [] : expect.arrayContaining([expect.objectContaining({ session: [] })]));
      if (route.body) expect(op.requestBody, `${route.method} ${route.path}`).toBeDefined();
      if (route.query)
        expect(
          op.parameters.some((p: { in: string }) => p.in === 'query'),
          `${route.method} ${route.path}`,
        ).toBe(true);
      for (const [, name] of route.path.matchAll(/:(\w+)/g))
        expect(op.parameters).toContainEqual({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
  });

  it('puts no personal data in a URL: query and path parameters are ids, dates, states and limits only', () => {
    // A URL is kept by access logs, proxies and the browser's history: what the citizen said or is
    // (number, name, address, description) travels only in a body (docs/decisions/privacy.md).
    // A new parameter joins this list only if it can never carry a citizen's data.
    const NON_PERSONAL = new Set([
      ...['id', 'code', 'version', 'format', 'limit', 'days', 'active', 'state', 'ticketId', 'callId', 'year', 'month', 'week', 'from', 'to'],
      // Open311 GeoReport v2's own list parameters (ids, codes, dates, status) and its paging.
      ...['service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'jurisdiction_id', 'page', 'page_size'],
      // Issue 18: the staffing plan's target, numbers bounded by its schema.
      ...['answerWithin', 'target', 'maxOccupancy', 'shrinkage'],
    ]);
    const carried = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { parameters?: { name: string; in: string }[] }>).flatMap(([method, op]) =>
        (op.parameters ?? []).filter((p) => !NON_PERSONAL.has(p.name)).map((p) => `${method} ${path} ${p.in}:${p.name}`),
      ),
    );
    expect(carried).toEqual([]);
    // The intake form's questions are bodies.
    for (const path of ['/api/suggest', '/api/addresses/suggest', '/api/callers/history', '/api/knowledge/search'])
      expect(Object.keys(doc.paths[path] ?? {}), path).toEqual(['post']);
  });

  it('carries the zod schemas as JSON Schema: intake, a ticket command, reports, Open311', () => {
    const intake = doc.paths['/api/tickets'].post.requestBody.content['application/json'].schema;
    expect(intake.type).toBe('object');
    expect(intake.required).toEqual(expect.arrayContaining(['type', 'contactPhone', 'description']));
    // Issue 16: the address only where a unit must go (a dispatch needs one: 400 at intake, 422 later).
    expect(intake.required).not.toContain('address');
    expect(intake.properties.type.enum).toEqual(['complaint_help', 'suggestion', 'consultation']);
    expect(doc.paths['/api/tickets'].post['x-access']).toEqual({ kind: 'roles', roles: ['operator', 'supervisor'] });
    expect(doc.paths['/api/tickets/{id}/accept'].post.security).toEqual([{ session: [], csrf: [] }]);
    const report = doc.paths['/api/reports'].get.parameters.map((p: { name: string }) => p.name);
    expect(report).toEqual(['month', 'week', 'from', 'to']);
    const open311 = doc.paths['/open311/v2/requests.{format}'].post;
    expect(open311.security).toEqual([]);
    const form = open311.requestBody.content['application/x-www-form-urlencoded'].schema;
    expect(form.properties.service_code).toMatchObject({ type: 'string' });
    expect(form.required).toEqual(expect.arrayContaining(['service_code', 'phone']));
    const sheet = doc.paths['/api/supervisions/{id}/reply'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(sheet)).toContain('headName');
  });
});
