/**
 * Issue 15 item 3 (004 三(一)2: the unit replies within 5 working days): a supervision sheet's reply
 * clock sends each light and the policy's yellow reminder exactly once, with two sweepers racing and
 * the sweep run again; a reply of 正在处置 does not stop it; an answered sheet hears nothing more.
 * The clock is injected; the sheet opens on Monday 23 November 2026 and is due Monday 30 November.
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { supervisionCommandPath } from '../../shared/api/command-paths';
import type { SupervisionCommand } from '../../shared/supervision/machine';
import { engineName } from '../../test/support/db';
import { intake, startTestServer, type ApiClient, type TestServer } from '../../test/support/server';
import { sweepSupervisions } from './sweep-supervisions';

let now = new Date('2026-11-23T10:00:00+08:00');
const at = (iso: string) => void (now = new Date(iso));

describe(`supervision clock notices (${engineName()})`, () => {
  let t: TestServer;
  let sup: ApiClient;
  let unit: ApiClient;

  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
    sup = await t.login('supervisor');
    unit = await t.login('liaison-d-environment');
  });
  afterAll(() => t.close());

  const open = async (): Promise<{ id: number; ticketId: number }> => {
    const op = await t.login('operator');
    const ticket = (await op.post('/api/tickets', intake({ leadUnitId: t.units.d_environment }))).body;
    const res = await sup.post('/api/supervisions', {
      ticketId: ticket.id,
      type: 'written',
      scope: 'repeat_no_progress',
      situation: '市民反映饭店油烟问题三次，仍未解决',
      opinion: '请于5个工作日内落实整改并书面反馈',
    });
    expect(res.status).toBe(201);
    return { id: res.body.id, ticketId: ticket.id };
  };
  const run = async (c: ApiClient, id: number, command: SupervisionCommand, input: Record<string, unknown>) => {
    const { version } = (await sup.get(`/api/supervisions/${id}`)).body;
    return c.post(supervisionCommandPath(command, id), { version, ...input });
  };
  const reply = (progress: string, signedAt: string) => ({ progress, content: '已约谈店主', headName: '张建国', signedAt, sealed: true });
  const notices = async (ticketId: number) =>
    (
      await t.database.db
        .select()
        .from(events)
        .where(and(eq(events.ticketId, ticketId), like(events.type, 'supervision.%')))
    )
      .filter((e) => e.type === 'supervision.light_changed' || e.type === 'supervision.reminded')
      .map((e) => `${e.type.slice('supervision.'.length)}:${(e.payload as { light: string }).light}`);

  it('each light and the yellow reminder once, through a 正在处置 reply, two sweepers and a second pass', async () => {
    at('2026-11-23T10:00:00+08:00');
    const sheet = await open();
    at('2026-11-24T16:00:00+08:00'); // working day 1
    await sweepSupervisions(t.server.ctx);
    expect(await notices(sheet.ticketId)).toEqual([]);

    at('2026-11-25T15:00:00+08:00');
    expect((await run(unit, sheet.id, 'reply', reply('in_progress', '2026-11-25'))).status).toBe(200);

    at('2026-11-26T09:00:00+08:00'); // working day 3: warning, though the unit has replied 正在处置
    await sweepSupervisions(t.server.ctx);
    expect(await notices(sheet.ticketId)).toEqual(['light_changed:warning']);

    at('2026-11-27T09:00:00+08:00'); // working day 4: yellow and the policy's reminder on yellow
    await Promise.all([sweepSupervisions(t.server.ctx), sweepSupervisions(t.server.ctx)]);
    await sweepSupervisions(t.server.ctx);
    expect(await notices(sheet.ticketId)).toEqual(['light_changed:warning', 'light_changed:yellow', 'reminded:yellow']);

    at('2026-11-30T09:00:00+08:00'); // working day 5: due today
    await sweepSupervisions(t.server.ctx);
    at('2026-12-01T09:00:00+08:00');
    await sweepSupervisions(t.server.ctx);
    await sweepSupervisions(t.server.ctx);
    expect(await notices(sheet.ticketId)).toEqual([
      'light_changed:warning',
      'light_changed:yellow',
      'reminded:yellow',
      'light_changed:red',
      'light_changed:overdue',
    ]);
    // Supervisors and the unit hear them live: the events carry the sheet.
    const [overdue] = (await t.database.db.select().from(events).where(eq(events.type, 'supervision.light_changed'))).filter(
      (e) => e.ticketId === sheet.ticketId && (e.payload as { light: string }).light === 'overdue',
    );
    expect(overdue).toMatchObject({
      actorRole: 'system',
      payload: { supervision: { id: sheet.id }, due: new Date('2026-11-30T23:59:59.999+08:00').toISOString() },
    });
  });

  it('an answered sheet hears nothing more', async () => {
    at('2026-12-01T10:00:00+08:00');
    const sheet = await open();
    at('2026-12-02T10:00:00+08:00');
    expect((await run(unit, sheet.id, 'reply', reply('resolved', '2026-12-02'))).status).toBe(200);
    for (const day of ['2026-12-04T10:00:00+08:00', '2026-12-07T10:00:00+08:00', '2026-12-09T10:00:00+08:00']) {
      at(day);
      await sweepSupervisions(t.server.ctx);
    }
    expect(await notices(sheet.ticketId)).toEqual([]);
  });
});
