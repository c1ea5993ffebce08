/**
 * Issue 18: the plan route and the wallboard's staffing tile from calls in the database, on an
 * injected clock (Friday 4 December 2026, 10:10 Shanghai; the test process runs in Los Angeles).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../db/schema';
import { addCalendarDays } from '../../shared/calendar/shanghai';
import type { StaffingPlanAnswer } from '../../shared/schemas/staffing';
import type { WallboardSnapshot } from '../../shared/schemas/wallboard';
import { requiredAgents } from '../../shared/staffing/erlang';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, startTestServer, type TestServer } from '../../test/support/server';
import { wallboardSnapshot } from '../console/wallboard';

const now = new Date('2026-12-04T10:10:00+08:00');

describe(`staffing plan and wallboard tile (${engineName()})`, () => {
  let t: TestServer;
  let sup: ApiClient;
  beforeAll(async () => {
    t = await startTestServer({ record: true, now: () => now });
    sup = await t.login('supervisor');
    // Four earlier Fridays: 10 calls between 10:00 and 10:30, each talked 210 s; one Thursday call at 10:00.
    const rows: (typeof calls.$inferInsert)[] = [];
    for (const w of [1, 2, 3, 4]) {
      const day = addCalendarDays('2026-12-04', -7 * w);
      for (let i = 0; i < 10; i += 1) {
        const queuedAt = new Date(`${day}T10:0${i % 10}:00+08:00`);
        rows.push({
          callSid: `CAfri${w}-${i}`,
          direction: 'inbound',
          fromNumber: '+8613900000000',
          toNumber: '+862162112345',
          status: 'completed',
          queuedAt,
          answeredAt: new Date(queuedAt.getTime() + 5000),
          waitSeconds: 5,
          talkSeconds: 210,
        });
      }
    }
    rows.push({
      callSid: 'CAthu',
      direction: 'inbound',
      fromNumber: '+8613900000000',
      toNumber: '+862162112345',
      status: 'completed',
      queuedAt: new Date('2026-12-03T10:00:00+08:00'),
    });
    // Today so far: three calls this half-hour.
    for (let i = 0; i < 3; i += 1) {
      rows.push({
        callSid: `CAtoday${i}`,
        direction: 'inbound',
        fromNumber: '+8613900000000',
        toNumber: '+862162112345',
        status: 'queued',
        queuedAt: new Date(`2026-12-04T10:0${i}:00+08:00`),
      });
    }
    await t.database.db.insert(calls).values(rows);
  });
  afterAll(() => t?.close());

  it('refuses a plan of more than 14 days with the exact message, and the wrong role', async () => {
    expect((await ApiClient.anonymous(t.url).get('/api/staffing/plan')).status).toBe(401);
    const res = await sup.get('/api/staffing/plan?days=15');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('预测最多 14 天');
    expect((await (await t.login('operator')).get('/api/staffing/plan')).status).toBe(403);
  });

  it('forecasts the Friday half-hour from earlier Fridays and requires Erlang C agents for it', async () => {
    const res = await sup.get('/api/staffing/plan?from=2026-12-04&days=7');
    expect(res.status).toBe(200);
    const plan = res.body as StaffingPlanAnswer;
    expect(plan.days).toHaveLength(7);
    expect(plan.ahtSeconds).toBe(240); // 210 s talk + 30 s wrap-up
    const friday = plan.days[0]!;
    expect(friday.kind).toBe('fri');
    expect(friday.slots[20]!.calls).toBe(10);
    const expected = requiredAgents({ callsPerHour: 20, ahtSeconds: 240, answerWithinSeconds: 20 }, { serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 });
    expect(friday.slots[20]).toMatchObject({ agents: expected.agents, scheduled: expected.scheduled });
    expect(friday.slots[3]!.agents).toBe(0);
    // GB/T 33358's 15 s never needs fewer.
    const strict = (await sup.get('/api/staffing/plan?from=2026-12-04&days=1&answerWithin=15')).body as StaffingPlanAnswer;
    expect(strict.days[0]!.slots[20]!.agents).toBeGreaterThanOrEqual(expected.agents);
    // The last four weeks' error: the Fridays were forecast exactly from the Fridays before them.
    expect(plan.accuracy.days.filter((d) => d.kind === 'fri' && d.date > '2026-11-13').every((d) => d.ape === 0)).toBe(true);
  });

  it('puts operators now against this half-hour on the wallboard, and today’s calls against the forecast', async () => {
    const board = (await sup.get('/api/wallboard')).body as WallboardSnapshot;
    expect(board.staffing.slot).toBe(20);
    expect(board.staffing.forecastNow).toBe(10);
    expect(board.staffing.requiredNow).toBeGreaterThan(0);
    expect(board.staffing.actualToday).toBe(3);
    expect(board.staffing.forecastToday).toBe(10);
    expect(board.staffing.forecastSoFar).toBeCloseTo(10 / 3, 1);
    expect(board.staffing.operatorsNow).toBe(board.operators.counts.available + board.operators.counts.on_call + board.operators.counts.wrap_up);
  });

  it('makes today’s plan again when the call history grows (it is kept between wallboard reads otherwise)', async () => {
    // The board itself, not the snapshot the route shares between screens for 2 s when no event happened.
    const read = async () => (await wallboardSnapshot(t.database.db, now)).staffing;
    expect((await read()).forecastNow).toBe(10);
    // Ten more calls last Friday at 10:00–10:30 (a late import of the old switchboard's log, say).
    await t.database.db.insert(calls).values(
      Array.from({ length: 10 }, (_, i) => ({
        callSid: `CAlate-${i}`,
        direction: 'inbound',
        fromNumber: '+8613900000000',
        toNumber: '+862162112345',
        status: 'completed',
        queuedAt: new Date(`2026-11-27T10:1${i}:00+08:00`),
      })),
    );
    expect((await read()).forecastNow).toBeGreaterThan(10);
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
