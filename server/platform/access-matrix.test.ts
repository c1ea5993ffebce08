/**
 * PRODUCT.md §9: role- and unit-based access on every HTTP route and every socket room, generated from
 * the route table that `defineRoute` fills. A route added without going through defineRoute
 * fails the lint test below; a route with a rule is checked against every kind of user.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../shared/domain';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';
import { ROUTE_TABLE, type RouteSpec } from './define-route';
import { roomsForUser } from './live/rooms';

const USERS = ['operator', 'revisit', 'supervisor', 'leader', 'admin', 'liaison-d-chengguan', 'liaison-d-housing'] as const;
const ROLE_OF: Record<(typeof USERS)[number], Role> = {
  operator: 'operator',
  revisit: 'revisit',
  supervisor: 'supervisor',
  leader: 'leader',
  admin: 'admin',
  'liaison-d-chengguan': 'liaison',
  'liaison-d-housing': 'liaison',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
}

describe('every HTTP handler is declared through defineRoute', () => {
  it('finds no router.get/post/… outside define-route.ts (except the single-page fallback)', () => {
    const offenders = sourceFiles('server').flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ file, line: i + 1, text: line }))
        .filter(({ text }) => /\b(app|router|\w*Router)\.(get|post|put|patch|delete|all)\(/.test(text))
        .filter(({ file: f, text }) => !f.endsWith(path.join('platform', 'define-route.ts')) && !text.includes('app.get(/^\\/(?!api')),
    );
    expect(offenders).toEqual([]);
  });
});

describe(`access matrix over ${ROUTE_TABLE.length === 0 ? 'the route table' : 'every route'} (${engineName()})`, () => {
  let t: TestServer;
  const clients = new Map<string, ApiClient>();
  let ticketId = 0;

  beforeAll(async () => {
    t = await startTestServer({ record: true });
    for (const u of USERS) clients.set(u, await t.login(u));
    const created = await clients.get('operator')!.post('/api/tickets', intake({ leadUnitId: t.units.d_chengguan }));
    ticketId = created.body.id;
  });
  afterAll(() => t.close());

  const concrete = (route: RouteSpec) =>
    route.path
      .replace(/:id\b/g, String(ticketId))
      .replace(/:code\b/g, 'hotline_default')
      .replace(/:(\w+)/g, 'x');

  it('has routes to check', () => {
    expect(ROUTE_TABLE.length).toBeGreaterThan(20);
  });

  it('refuses anonymous clients on every non-public route with 401', async () => {
    const anon = t.anonymous();
    const failures: string[] = [];
    for (const route of ROUTE_TABLE.filter((r) => r.access.kind !== 'public')) {
      const res = await anon.request(route.method.toUpperCase(), concrete(route), route.method === 'get' ? undefined : {});
      if (res.status !== 401) failures.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('lets exactly the listed roles past the role check on every route', async () => {
    const failures: string[] = [];
    for (const route of ROUTE_TABLE.filter((r) => r.access.kind !== 'public')) {
      for (const username of USERS) {
        // Logging out would end the session the rest of the matrix needs.
        if (route.path.startsWith('/api/auth/logout')) continue;
        const role = ROLE_OF[username];
        const allowed = route.access.kind === 'authenticated' || (route.access.kind === 'roles' && route.access.roles.includes(role));
        const res = await clients.get(username)!.request(route.method.toUpperCase(), concrete(route), route.method === 'get' ? undefined : {});
        const refusedByRole = res.status === 403 && res.body?.error?.code === 'forbidden_role';
        if (allowed && (res.status === 401 || refusedByRole)) failures.push(`${username} refused on ${route.method} ${route.path}: ${res.status}`);
        if (!allowed && !refusedByRole) failures.push(`${username} let through on ${route.method} ${route.path}: ${res.status}`);
        if (res.status >= 500) failures.push(`${username} got ${res.status} on ${route.method} ${route.path}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never shows one unit another unit’s ticket', async () => {
    expect((await clients.get('liaison-d-chengguan')!.get(`/api/tickets/${ticketId}`)).status).toBe(200);
    expect((await clients.get('liaison-d-housing')!.get(`/api/tickets/${ticketId}`)).status).toBe(404);
    // PRODUCT.md §9: nor its caller's number (issue 9: reveal-contact answers as GET does).
    expect((await clients.get('liaison-d-housing')!.post(`/api/tickets/${ticketId}/reveal-contact`, { purpose: 'view' })).status).toBe(404);
    expect((await clients.get('liaison-d-chengguan')!.post(`/api/tickets/${ticketId}/reveal-contact`, { purpose: 'view' })).body).toEqual({
      contactName: '刘先生',
      contactPhone: '13812345678',
    });
  });

  // Issue 19.1: every route, every role, empty bodies: each status and body must be in the document.
  it('answered only what the OpenAPI document declares', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});

describe('socket rooms by role', () => {
  const user = (roles: Role[], unitId: number | null = null) => ({ id: 7, username: 'u', displayName: 'u', roles, unitId });
  it('gives each role only its rooms, a liaison only its own unit', () => {
    const table = Object.fromEntries(ROLES.map((r) => [r, roomsForUser(user([r], r === 'liaison' ? 12 : null))]));
    expect(table).toEqual({
      operator: ['user:7', 'role:operator'],
      revisit: ['user:7', 'role:revisit'],
      supervisor: ['user:7', 'role:supervisor'],
      liaison: ['user:7', 'unit:12'],
      leader: ['user:7', 'role:leader'],
      admin: ['user:7'],
    });
    // A liaison's unit comes from the account, never from the client.
    expect(roomsForUser(user(['liaison'], null))).toEqual(['user:7']);
  });
});
