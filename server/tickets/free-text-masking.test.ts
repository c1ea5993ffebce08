/**
 * Issue 14 item 7: a phone or ID number typed into a description, note, reply or reason is the
 * caller's personal data. Those who may see the caller's number (operators, revisit callers,
 * supervisors, the lead unit's liaison) read the text as typed; leaders and assisting units' liaisons
 * read every number masked — on the ticket's page, in lists and queues, in live events and their
 * catch-up, and (for every reader) in the report workbook and the weekly review list. On the real
 * server, HTTP and socket.io, with an injected clock.
 */
import ExcelJS from 'exceljs';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { LiveEvent } from '../../shared/live/feed';
import type { TicketCommand } from '../../shared/ticket/commands';
import { engineName } from '../../test/support/db';
import { delivered } from '../../test/support/live';
import { intake, startTestServer, waitFor, type ApiClient, type TestServer } from '../../test/support/server';

const PHONE = '13912345678';
const SPACED = '139 1234 5678';
const ID_NUMBER = '31010419900101123X';
const DESCRIPTION = `楼下饭店油烟很大，我的手机${PHONE}，白天打${SPACED}，身份证${ID_NUMBER}，请联系我`;
const MASKED_DESCRIPTION = '楼下饭店油烟很大，我的手机***********，白天打*** **** ****，身份证******************，请联系我';
const NOTE = `市民另留电话 ${PHONE}，晚上可联系`;
const MASKED_NOTE = '市民另留电话 ***********，晚上可联系';
/** Every notation of the numbers above that must never reach a masked reader. */
const SECRETS = [PHONE, SPACED, ID_NUMBER, '1234 5678', '19900101'];

let now = new Date('2026-11-23T09:00:00+08:00');
/** Moves the injected clock on by minutes (commands need time to pass: contact, then reply, then revisit). */
const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000)).toISOString();

const expectMasked = (value: unknown, who: string) => {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) expect(text, `${who} read ${secret}`).not.toContain(secret);
};

interface Screen {
  socket: Socket;
  events: LiveEvent<Record<string, any>>[];
}

async function screen(api: ApiClient, lastSeq?: number): Promise<Screen> {
  const socket = api.socket(lastSeq === undefined ? {} : { lastSeq });
  const events: Screen['events'] = [];
  socket.on('event', (e: Screen['events'][number]) => events.push(e));
  await waitFor(socket, 'ready');
  return { socket, events };
}

describe(`numbers in free text are masked for those who may not see the caller's number (${engineName()})`, () => {
  let t: TestServer;
  let operator: ApiClient;
  let supervisor: ApiClient;
  let revisit: ApiClient;
  let leader: ApiClient;
  let lead: ApiClient;
  let assisting: ApiClient;
  let screens: Record<'leader' | 'assisting' | 'lead' | 'supervisor', Screen>;
  let before = 0;
  let ticketId = 0;
  let returnedId = 0;

  const run = async (api: ApiClient, id: number, command: TicketCommand, input: Record<string, unknown> = {}) => {
    const { version } = (await supervisor.get(`/api/tickets/${id}`)).body;
    const res = await api.post(ticketCommandPath(command, id), { version, ...input });
    expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
    const [o, s, r, l, ld, a] = await Promise.all(
      ['operator', 'supervisor', 'revisit', 'leader', 'liaison-d-chengguan', 'liaison-d-housing'].map((u) => t.login(u)),
    );
    [operator, supervisor, revisit, leader, lead, assisting] = [o!, s!, r!, l!, ld!, a!];
    before = (await supervisor.get('/api/tickets')).body.seq;
    screens = {
      leader: await screen(leader),
      assisting: await screen(assisting),
      lead: await screen(lead),
      supervisor: await screen(supervisor),
    };
    // The number at intake: dispatched at once to the lead unit (城管) with an assisting unit (房管).
    const created = await operator.post(
      '/api/tickets',
      intake({ description: DESCRIPTION, leadUnitId: t.units.d_chengguan, assistUnitIds: [t.units.d_housing], categoryCode: 'cooking_fumes' }),
    );
    expect(created.status).toBe(201);
    // The operator who typed it gets it back as typed.
    expect(created.body.description).toBe(DESCRIPTION);
    ticketId = created.body.id;
    later(10);
    await run(lead, ticketId, 'accept');
    // …and in a note, by the lead unit, which any unit on the ticket may add.
    later(5);
    await run(lead, ticketId, 'add_note', { note: NOTE });
    await delivered(t.server, ...Object.values(screens).map((s) => s.socket));
  }, 60_000);
  afterAll(async () => {
    for (const s of Object.values(screens ?? {})) s.socket.disconnect();
    await t?.close();
  });

  it("the ticket's page: as typed for those who may see the number, masked for the leader and the assisting unit", async () => {
    for (const [who, api] of [
      ['operator', operator],
      ['revisit', revisit],
      ['supervisor', supervisor],
      ['lead liaison', lead],
    ] as const) {
      const res = await api.get(`/api/tickets/${ticketId}`);
      expect(res.status, who).toBe(200);
      expect(res.body.description, who).toBe(DESCRIPTION);
      expect(res.body.events.find((e: { type: string }) => e.type === 'ticket.note_added').payload.note, who).toBe(NOTE);
    }
    for (const [who, api] of [
      ['leader', leader],
      ['assisting liaison', assisting],
    ] as const) {
      const res = await api.get(`/api/tickets/${ticketId}`);
      expect(res.status, who).toBe(200);
      expectMasked(res.body, who);
      expect(res.body.description, who).toBe(MASKED_DESCRIPTION);
      expect(res.body.events.find((e: { type: string }) => e.type === 'ticket.note_added').payload.note, who).toBe(MASKED_NOTE);
      // Structural fields keep their digits.
      expect(res.body.number, who).toMatch(/^[A-Z]+\d{8}-\d{4}$/);
      expect(res.body.contactRevealable, who).toBe(false);
    }
  });

  it('lists and queues: masked for the leader and the assisting unit only', async () => {
    const descriptionIn = async (api: ApiClient, path: string) =>
      (await api.get(path)).body.tickets.find((x: { id: number }) => x.id === ticketId)?.description as string | undefined;
    expect(await descriptionIn(supervisor, '/api/tickets')).toBe(DESCRIPTION);
    expect(await descriptionIn(lead, '/api/tickets')).toBe(DESCRIPTION);
    expect(await descriptionIn(supervisor, '/api/queues')).toBe(DESCRIPTION);
    expect(await descriptionIn(leader, '/api/tickets')).toBe(MASKED_DESCRIPTION);
    expect(await descriptionIn(assisting, '/api/tickets')).toBe(MASKED_DESCRIPTION);
    expect(await descriptionIn(leader, '/api/queues')).toBe(MASKED_DESCRIPTION);
    expectMasked((await leader.get('/api/queues')).body, 'leader');
    expectMasked((await assisting.get('/api/tickets')).body, 'assisting liaison');
  });

  it('live events: the leader and assisting rooms get them masked, the lead unit and the line as typed', () => {
    // The first event carrying the ticket's summary: registered for the line, dispatched for the units.
    const registered = (s: Screen) => s.events.find((e) => e.ticketId === ticketId && e.data.ticket);
    const note = (s: Screen) => s.events.find((e) => e.type === 'ticket.note_added' && e.ticketId === ticketId);
    for (const who of ['leader', 'assisting'] as const) {
      const s = screens[who];
      expect(registered(s)?.data.ticket.description, who).toBe(MASKED_DESCRIPTION);
      expect(note(s)?.data.note, who).toBe(MASKED_NOTE);
      expect(note(s)?.data.ticket.description, who).toBe(MASKED_DESCRIPTION);
      expectMasked(s.events, who);
    }
    for (const who of ['lead', 'supervisor'] as const) {
      expect(registered(screens[who])?.data.ticket.description, who).toBe(DESCRIPTION);
      expect(note(screens[who])?.data.note, who).toBe(NOTE);
    }
    // Each screen got each event once: a masked copy never doubles the one as typed.
    for (const [who, s] of Object.entries(screens)) {
      const seqs = s.events.map((e) => e.seq);
      expect(new Set(seqs).size, who).toBe(seqs.length);
    }
  });

  it('catch-up replays them masked the same way', async () => {
    const replayed = { leader: await screen(leader, before), assisting: await screen(assisting, before), lead: await screen(lead, before) };
    try {
      for (const who of ['leader', 'assisting'] as const) {
        const s = replayed[who];
        expect(
          s.events.map((e) => e.seq),
          who,
        ).toEqual(screens[who].events.map((e) => e.seq));
        expect(s.events.find((e) => e.type === 'ticket.note_added')?.data.note, who).toBe(MASKED_NOTE);
        expectMasked(s.events, who);
      }
      expect(replayed.lead.events.find((e) => e.type === 'ticket.note_added')?.data.note).toBe(NOTE);
      expect(replayed.lead.events.find((e) => e.type === 'ticket.dispatched')?.data.ticket.description).toBe(DESCRIPTION);
      expect(replayed.assisting.events.find((e) => e.type === 'ticket.dispatched')?.data.ticket.description).toBe(MASKED_DESCRIPTION);
    } finally {
      for (const s of Object.values(replayed)) s.socket.disconnect();
    }
  });

  it("a supervision sheet: its texts and the ticket's description masked for the leader, as typed for the lead unit", async () => {
    const opened = await supervisor.post('/api/supervisions', {
      ticketId,
      type: 'written',
      scope: 'repeat_no_progress',
      situation: `市民多次来电（${SPACED}）反映油烟`,
      opinion: '请城管中队5个工作日内落实整改并书面反馈',
    });
    expect(opened.status).toBe(201);
    expect(opened.body.situation).toBe(`市民多次来电（${SPACED}）反映油烟`);
    const asLead = await lead.get(`/api/supervisions/${opened.body.id}`);
    expect([asLead.status, asLead.body.situation, asLead.body.ticket.description]).toEqual([200, `市民多次来电（${SPACED}）反映油烟`, DESCRIPTION]);
    const asLeader = await leader.get(`/api/supervisions/${opened.body.id}`);
    expect([asLeader.status, asLeader.body.situation, asLeader.body.ticket.description]).toEqual([
      200,
      '市民多次来电（*** **** ****）反映油烟',
      MASKED_DESCRIPTION,
    ]);
    // The sheet's number keeps its digits.
    expect(asLeader.body.number).toBe(opened.body.number);
    expectMasked(asLeader.body, 'leader');
    expectMasked((await leader.get('/api/supervisions')).body, 'leader');
  });

  describe('reports (to leaders: masked for every reader)', () => {
    beforeAll(async () => {
      // A reply and a dissatisfied revisit with the number in the citizen's words; a return with it in the reason.
      await run(lead, ticketId, 'record_first_contact', { at: later(10), channel: 'phone', note: `已电话联系${PHONE}` });
      later(60);
      await run(lead, ticketId, 'reply', {
        outcome: 'resolved',
        facts: `经核实属实，业主电话${SPACED}`,
        report: '已责令整改',
        citizenToldAt: now.toISOString(),
      });
      later(60);
      await run(revisit, ticketId, 'record_revisit', { resolved: false, satisfaction: 'dissatisfied', words: `还是有油烟，再打我${PHONE}` });
      later(10);
      const other = await operator.post('/api/tickets', intake({ contactPhone: '13800001111', leadUnitId: t.units.d_housing, categoryCode: 'cooking_fumes' }));
      expect(other.status).toBe(201);
      returnedId = other.body.id;
      later(10);
      await run(assisting, returnedId, 'record_site_visit', { at: now.toISOString(), note: '现场核实' });
      await run(assisting, returnedId, 'request_return', { reason: `不属房管职责，业主身份证${ID_NUMBER}`, suggestedUnitId: t.units.d_chengguan });
      later(60);
    }, 60_000);

    it("the decision queue: the return's reason as typed for the supervisor, masked for the leader", async () => {
      const item = async (api: ApiClient) => (await api.get('/api/decisions')).body.items.find((i: { ticket: { id: number } }) => i.ticket.id === returnedId);
      expect((await item(supervisor)).request.reason).toBe(`不属房管职责，业主身份证${ID_NUMBER}`);
      expect((await item(leader)).request.reason).toBe('不属房管职责，业主身份证******************');
      expectMasked((await leader.get('/api/decisions')).body, 'leader');
    });

    it('the weekly review list', async () => {
      for (const api of [leader, supervisor]) {
        const res = await api.get('/api/reports/weekly?week=2026-11-23');
        expect(res.status).toBe(200);
        const row = res.body.dissatisfied.find((r: { ticketId: number }) => r.ticketId === ticketId);
        expect(row.description).toBe(MASKED_DESCRIPTION);
        expect(row.words).toBe('还是有油烟，再打我***********');
        expectMasked(res.body, api.user.username);
      }
    });

    it('the report on screen and the workbook, read back', async () => {
      const res = await leader.get('/api/reports?month=2026-11');
      expect(res.status).toBe(200);
      expect(res.body.returnsList.find((r: { ticketId: number }) => r.ticketId === returnedId).reason).toBe('不属房管职责，业主身份证******************');
      expectMasked(res.body, 'leader');

      const file = await fetch(`${t.url}/api/reports/xlsx?month=2026-11`, { headers: { cookie: supervisor.cookie! } });
      expect(file.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await file.arrayBuffer()) as never);
      const cells: string[] = [];
      for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
      expect(cells).toContain('不属房管职责，业主身份证******************');
      expectMasked(cells, 'workbook');
    });

    it("over the whole run the leader's screen never received a number, nor the assisting unit's about the ticket it assists", async () => {
      await delivered(t.server, screens.leader.socket, screens.assisting.socket, screens.lead.socket);
      for (const type of ['ticket.replied', 'ticket.revisited', 'supervision.opened']) expect(screens.leader.events.map((e) => e.type)).toContain(type);
      expect(screens.lead.events.find((e) => e.type === 'ticket.replied')?.data.facts).toBe(`经核实属实，业主电话${SPACED}`);
      expect(screens.assisting.events.find((e) => e.type === 'ticket.replied')?.data.facts).toBe('经核实属实，业主电话*** **** ****');
      expectMasked(screens.leader.events, 'leader');
      // On the ticket where 房管 assists; on the one it leads (its own return request) it reads its reason as typed.
      expectMasked(
        screens.assisting.events.filter((e) => e.ticketId === ticketId),
        'assisting liaison',
      );
      expect(screens.assisting.events.find((e) => e.type === 'ticket.return_requested')?.data.reason).toBe(`不属房管职责，业主身份证${ID_NUMBER}`);
    });
  });
});
