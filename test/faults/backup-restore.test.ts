/**
 * Issue 9, scale-out: the backup and restore of docs/DEPLOY.md, round trip. `pg_dump -Fc` of a
 * live console's database while it serves, `pg_restore` into an empty database, a console
 * started on the copy: the same tickets, timelines and users; numbers and sequence numbers
 * carry on where the backup stopped.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../support/db';
import { ApiClient, DEMO_PASSWORD, intake } from '../support/server';
import { createDatabase, query, requirePostgres, spawnServer, startPgCluster, type PgCluster, type ServerProcess } from './processes';

const run = promisify(execFile);
const serverUrl = testDatabaseUrl();
const bin = requirePostgres('pg_dump / pg_restore round trip');

describe.skipIf(!bin)('backup and restore (pg_dump -Fc, pg_restore)', () => {
  const cleanups: (() => unknown)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('a restored copy serves the same tickets and timelines, and carries on numbering', async () => {
    let cluster: PgCluster | null = null;
    if (!serverUrl) {
      cluster = await startPgCluster(bin!);
      cleanups.push(() => cluster!.destroy());
    }
    const pgServer = serverUrl ?? cluster!.url;
    const source = await createDatabase(pgServer, 'hotline_backup_src');
    let server: ServerProcess = await spawnServer({ env: { DATABASE_URL: source } });
    cleanups.push(() => server.kill('SIGTERM'));
    const op = await ApiClient.login(server.url, 'operator', DEMO_PASSWORD);
    const sup = await ApiClient.login(server.url, 'supervisor', DEMO_PASSWORD);
    const units = Object.fromEntries((await op.get<{ id: number; code: string }[]>('/api/units')).body.map((u) => [u.code, u.id]));
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await op.post('/api/tickets', intake({ leadUnitId: units.d_chengguan }))).body);
    const urged = await sup.post(`/api/tickets/${created[0].id}/urge`, { version: created[0].version, note: '请尽快联系市民' });
    expect(urged.status).toBe(200);

    // Online backup while the console serves (pg_dump reads one consistent snapshot).
    const dir = mkdtempSync(path.join(tmpdir(), 'hotline-backup-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dump = path.join(dir, 'hotline.dump');
    await run(path.join(bin!, 'pg_dump'), ['--format=custom', '--file', dump, '--dbname', source]);
    expect(statSync(dump).size).toBeGreaterThan(10_000);
    const snapshot = async (url: string) => ({
      tickets: await query(url, 'select id, number, state, version, lead_unit_id, detail from tickets order by id'),
      events: await query(url, 'select seq, type, ticket_id, actor_id, from_state, to_state, payload, rooms from events order by seq'),
      users: await query(url, 'select id, username, roles, unit_id from users order by id'),
    });
    const atBackup = await snapshot(source);
    // Work after the backup is not in it.
    const later = (await op.post('/api/tickets', intake())).body;

    const target = await createDatabase(pgServer, 'hotline_backup_dst');
    await run(path.join(bin!, 'pg_restore'), ['--exit-on-error', '--no-owner', '--dbname', target, dump]);
    const restored = await snapshot(target);
    expect(restored).toEqual(atBackup);
    expect(restored.tickets.map((t) => t.number)).not.toContain(later.number);

    // The console on the copy: same logins, same timelines; numbers and seqs carry on.
    await server.kill('SIGTERM');
    server = await spawnServer({ env: { DATABASE_URL: target } });
    const op2 = await ApiClient.login(server.url, 'operator', DEMO_PASSWORD);
    const detail = await op2.get(`/api/tickets/${created[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual(['ticket.registered', 'ticket.dispatched', 'ticket.urged']);
    const next = await op2.post('/api/tickets', intake());
    expect(next.status).toBe(201);
    const lastNumber = atBackup.tickets.at(-1)!.number as string;
    expect(next.body.number > lastNumber).toBe(true);
    expect(next.body.id).toBeGreaterThan(Number(atBackup.tickets.at(-1)!.id));
    const [maxSeq] = await query<{ seq: string }>(target, 'select max(seq) as seq from events');
    expect(Number(maxSeq!.seq)).toBeGreaterThan(Math.max(...atBackup.events.map((e) => Number(e.seq))));
  });
});
