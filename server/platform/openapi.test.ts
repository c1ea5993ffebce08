/**
 * PRODUCT.md §11: the OpenAPI 3.1 document lists every route of ROUTE_TABLE, with its access rule and
 * the JSON Schema of its body and query, served by the running console.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../shared/errors';
import { engineName } from '../../test/support/db';
import { undeclaredAnswers } from '../../test/support/openapi-replay';
import { startTestServer, type RecordedExchange, type TestServer } from '../../test/support/server';
import { ROUTE_TABLE, XLSX_MEDIA_TYPE } from './define-route';
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
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['session', 'csrf', 'twilioSignature']);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('passes an OpenAPI 3.1 validator (issue 19.1)', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes answers: success bodies from shared schemas, every error status with the shared error shape (issue 19.1)', () => {
    for (const route of ROUTE_TABLE) {
      const op = doc.paths[openApiPath(route.path)][route.method];
      const where = `${route.method} ${route.path}`;
      const success = op.responses[String(route.status ?? 200)];
      expect(success, where).toBeDefined();
      if (route.response) expect(success.content['application/json'].schema, where).not.toEqual({});
      const statuses = Object.keys(op.responses);
      expect(statuses, where).toContain('5XX');
      if (route.access.kind !== 'public') expect(statuses, where).toEqual(expect.arrayContaining(['400', '401']));
      // 403 only where a role or a CSRF token can be refused: a read open to every user never answers it.
      const refusable = route.access.kind === 'roles' || (route.access.kind === 'authenticated' && route.method !== 'get');
      if (route.path.startsWith('/api/')) expect(statuses.includes('403'), where).toBe(refusable);
      if (route.path.includes('/:') && !route.raises) expect(statuses, where).toContain('404');
      // Declared refusals: exactly their statuses beyond the middleware's, each code in its status's enum.
      if (route.raises && route.path.startsWith('/api/')) {
        const middleware = ['400', '401', '403', '5XX'];
        const raised = [...new Set(route.raises.map((code) => String(ERROR_STATUS[code])))];
        expect(statuses.filter((s) => !s.startsWith('2') && !middleware.includes(s)).sort(), where).toEqual(
          raised.filter((s) => !middleware.includes(s)).sort(),
        );
        for (const code of route.raises) {
          const enumOf = op.responses[String(ERROR_STATUS[code])].content['application/json'].schema.allOf[1].properties.error.properties.code.enum;
          expect(enumOf, where).toContain(code);
        }
      }
    }
    // Over-declared statuses pruned (issue 19.1): a read-like POST answers no 409 or 422, a read open to all no 403.
    expect(Object.keys(doc.paths['/api/search'].post.responses)).toEqual(['200', '400', '401', '403', '5XX']);
    expect(Object.keys(doc.paths['/api/auth/me'].get.responses)).toEqual(['200', '400', '401', '5XX']);
    expect(doc.paths['/api/staffing/handover'].post.responses['409'].content['application/json'].schema.allOf[1].properties.error.properties.code.enum).toEqual(
      ['version_conflict'],
    );
    // The simulator's refusal once Twilio is connected (422) is declared for the signed route too.
    expect(Object.keys(doc.paths['/telephony/simulator/calls'].post.responses)).toContain('422');
    const login = doc.paths['/api/auth/login'].post.responses;
    expect(Object.keys(login)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    expect(login['200'].content['application/json'].schema.properties.csrfToken).toBeDefined();
    const conflict = doc.paths['/api/tickets/{id}/dispatch'].post.responses['409'].content['application/json'].schema;
    expect(conflict.allOf[0]).toEqual({ $ref: '#/components/schemas/ApiError' });
    expect(conflict.allOf[1].properties.error.properties.code.enum).toEqual(['invalid_state', 'version_conflict']);
    expect(doc.paths['/api/tickets/{id}/dispatch'].post.responses['422']).toBeDefined();
  });

  it('declares a success answer with its body for every operation (issue 19.1)', () => {
    const lacking: string[] = [];
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        const successes = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        const described = successes.some(([, r]) => Object.values(r.content ?? {}).some((m) => m.schema && Object.keys(m.schema).length > 0));
        if (!described) lacking.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(lacking).toEqual([]);
    // Non-JSON answers under their own media type.
    expect(Object.keys(doc.paths['/telephony/twilio/voice'].post.responses['200'].content)).toEqual(['text/xml']);
    expect(Object.keys(doc.paths['/api/reports/xlsx'].get.responses['200'].content)).toEqual([XLSX_MEDIA_TYPE]);
    expect(Object.keys(doc.paths['/api/staffing/roster/xlsx'].get.responses['200'].content)).toEqual([XLSX_MEDIA_TYPE]);
    expect(Object.keys(doc.paths['/open311/v2/requests.{format}'].get.responses['200'].content)).toEqual(['application/json', 'text/xml']);
    expect(doc.paths['/api/tickets/{id}'].get.responses['200'].content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['detail', 'events', 'deadlines', 'allowedCommands', 'repeats']),
    );
  });

  it("describes each ticket command's whole input, not only its version (issue 19.1)", () => {
    const dispatch = doc.paths['/api/tickets/{id}/dispatch'].post.requestBody.content['application/json'].schema;
    expect(dispatch.required).toEqual(expect.arrayContaining(['version', 'leadUnitId']));
    expect(Object.keys(dispatch.properties)).toEqual(expect.arrayContaining(['version', 'leadUnitId', 'assistUnitIds', 'onSiteDetermination']));
    const contact = doc.paths['/api/tickets/{id}/record-first-contact'].post.requestBody.content['application/json'].schema;
    expect(contact.required).toEqual(expect.arrayContaining(['version', 'at', 'channel']));
  });

  it('declares the security of each route: session, Twilio signature, Open311 api_key (issue 19.1)', () => {
    expect(doc.paths['/telephony/twilio/voice'].post.security).toEqual([{ twilioSignature: [] }]);
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    expect(doc.paths['/api/tickets'].get.security).toEqual([{ session: [] }]);
    const filing = doc.paths['/open311/v2/requests.{format}'].post.requestBody.content['application/x-www-form-urlencoded'].schema;
    expect(filing.required).toContain('api_key');
    expect(doc.paths['/open311/v2/requests.{format}'].post.responses['403']).toBeDefined();
  });

  it('the replay of answers fails on a schema that does not fit them (issue 19.1)', () => {
    const answers: RecordedExchange[] = [
      {
        method: 'GET',
        path: '/api/tickets/12',
        status: 404,
        contentType: 'application/json; charset=utf-8',
        body: { error: { code: 'not_found', message: '工单不存在' } },
      },
      { method: 'GET', path: '/api/health', status: 200, contentType: 'application/json; charset=utf-8', body: { status: 'ok' } },
    ];
    expect(undeclaredAnswers(doc, answers.slice(0, 1))).toEqual([]);
    // A deliberately wrong document: the error shape asks for a field no answer carries, 404 is not
    // declared for the health check's path, and the status 404 is dropped from the ticket.
    const wrong = structuredClone(doc);
    wrong.components.schemas.ApiError.required = ['error', 'requestId'];
    expect(undeclaredAnswers(wrong, answers.slice(0, 1))).toEqual([
      "GET /api/tickets/{id} → 404: body does not validate: / must have required property 'requestId'",
    ]);
    delete wrong.paths['/api/tickets/{id}'].get.responses['404'];
    expect(undeclaredAnswers(wrong, answers.slice(0, 1))[0]).toMatch(/status not declared/);
    expect(undeclaredAnswers(doc, [{ ...answers[0]!, body: { error: { code: 'version_conflict', message: 'x' } } }])[0]).toMatch(
      /must be equal to one of the allowed values/,
    );
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
      const publicSecurity = route.path.startsWith('/telephony/') ? [{ twilioSignature: [] }] : [];
      expect(op.security).toEqual(route.access.kind === 'public' ? publicSecurity : expect.arrayContaining([expect.objectContaining({ session: [] })]));
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
      // Issue 17.7: the decision queue's paging, a number bounded by its schema.
      'offset',
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
    expect(form.required).toEqual(expect.arrayContaining(['service_code']));
    // GeoReport v2 makes `phone` optional (issue 19 item 2), and so does the document.
    expect(form.properties.phone).toBeDefined();
    expect(form.required).not.toContain('phone');
    const sheet = doc.paths['/api/supervisions/{id}/reply'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(sheet)).toContain('headName');
  });
});
