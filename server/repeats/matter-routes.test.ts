/**
 * Issue 15.5 through the real API with an injected clock: repeats counted by matter, not by
 * category (000 三(六) "对重复交办超过3次的工单…督办跟进", 004 二.4 "重复投诉多次，且办理工作未有明显进展").
 * The barbecue stall the classifier filed under two categories becomes a supervision candidate, and
 * the caller-history answer the operator's panel reads gives the same verdict through the same
 * shared rule (shared/repeats/matter.ts `historyRepeats`, which the panel calls). A ticket dispatched again round after round becomes one too.
 */
import { describe, expect, it } from 'vitest';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { historyRepeats } from '../../shared/repeats/matter';
import type { TCallerHistory } from '../../shared/schemas/suggest';
import type { TicketCommand } from '../../shared/ticket/commands';
import { engineName } from '../../test/support/db';
import { useIntakeDesk } from '../../test/support/intake-desk';
import type { ApiClient } from '../../test/support/server';

describe(`repeats by matter across categories, 000 三(六) (${engineName()})`, () => {
  /** Monday 2026-11-23 10:00 in Shanghai. */
  const desk = useIntakeDesk(new Date('2026-11-23T10:00:00+08:00'));
  const { later, create } = desk;
  const candidates = async () =>
    (await desk.sup.get('/api/supervision/candidates')).body.candidates as { ticketId: number; repeatCount: number; tickets: { id: number }[] }[];

  it('makes the barbecue stall filed as cooking fumes and as street vending one matter: the panel and the candidates list agree', async () => {
    const address = '涞坊路1111弄12号';
    const calls = [
      { contactPhone: '13944440001', categoryCode: 'cooking_fumes', description: '楼下烧烤摊油烟很大，熏得开不了窗' },
      { contactPhone: '13944440002', categoryCode: 'street_vending', description: '路边烧烤摊晚上占道经营，桌子摆到人行道' },
      { contactPhone: '13944440003', categoryCode: 'cooking_fumes', description: '烧烤摊的油烟还是没人管' },
    ];
    const ids: number[] = [];
    for (const c of calls) {
      ids.push((await create({ ...c, address })).id);
      later(24 * 60);
    }
    expect(await candidates()).toEqual([]);

    // The fourth call, classified as street vending: before it is registered the panel says so…
    const fourth = { contactPhone: '13944440004', categoryCode: 'street_vending', description: '烧烤摊又摆出来了，占道还油烟熏人' };
    const history = (await desk.op.post('/api/callers/history', { phone: fourth.contactPhone, address })).body as TCallerHistory;
    expect(history.supervisionRepeats).toBe(3);
    const verdict = historyRepeats(history, fourth);
    expect(verdict.candidate).toBe(true);
    expect(verdict.withoutProgress).toHaveLength(3);
    // …and once registered the server agrees.
    const registered = await create({ ...fourth, address });
    const list = await candidates();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ ticketId: registered.id, repeatCount: 3 });
    expect(list[0]!.tickets.map((x) => x.id)).toEqual([...ids, registered.id]);

    // Another matter at the same address (parking) is not part of it, on the panel or on the server.
    const parking = { contactPhone: '13944440005', categoryCode: 'parking', description: '车辆乱停堵住消防通道' };
    const other = (await desk.op.post('/api/callers/history', { phone: parking.contactPhone, address })).body as TCallerHistory;
    expect(historyRepeats(other, parking).candidate).toBe(false);
    await create({ ...parking, address });
    expect(await candidates()).toHaveLength(1);
  });

  it('makes a ticket dispatched again 3 times after failed revisits a candidate (round 4)', async () => {
    const unit = await desk.t.login('liaison-d-chengguan');
    const revisit = await desk.t.login('revisit');
    const run = async (who: ApiClient, id: number, command: TicketCommand, input: Record<string, unknown> = {}) => {
      const { version } = (await desk.sup.get(`/api/tickets/${id}`)).body;
      const res = await who.post(ticketCommandPath(command, id), { version, ...input });
      expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
    };
    const { id } = await create({
      contactPhone: '13944440099',
      address: '九亭大街600号',
      categoryCode: 'noise',
      description: '商场外放音乐声音太大',
      leadUnitId: desk.t.units.d_chengguan,
    });
    for (let round = 1; round <= 3; round++) {
      expect((await candidates()).some((c) => c.ticketId === id)).toBe(false);
      later(30);
      await run(unit, id, 'accept');
      later(60);
      await run(unit, id, 'reply', { outcome: 'resolved', facts: '已告知商场', report: '已要求商场调低音量', citizenToldAt: desk.now().toISOString() });
      later(60);
      await run(revisit, id, 'record_revisit', { resolved: false, satisfaction: 'dissatisfied', words: '还是很吵' });
    }
    const raised = (await candidates()).find((c) => c.ticketId === id);
    expect(raised).toMatchObject({ repeatCount: 3, tickets: [{ id }] });
    expect((await desk.sup.get(`/api/tickets/${id}`)).body.round).toBe(4);
  });
});
