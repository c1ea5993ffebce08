/**
 * Issue 19 item 2: `phone` is optional in GeoReport v2, so a filing without it is kept (200) with
 * no number (docs/decisions/open311.md). The operator reads it as 未留电话 with nothing to reveal or
 * call; two phoneless filings are never linked as the same caller (repeats, clusters, reports);
 * the revisit has nobody to call, so one recorded attempt archives it as unreachable.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketLinks, tickets } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { TicketCommand } from '../../shared/ticket/commands';
import { engineName } from '../../test/support/db';
import { open311Form, SPEC_EXAMPLE_POST } from '../../test/support/open311';
import { startTestServer, type ApiClient, type TestServer } from '../../test/support/server';

/** The specification's example POST without `phone`. */
const { phone: _phone, ...WITHOUT_PHONE } = SPEC_EXAMPLE_POST;

describe(`Open311 filings without a phone (${engineName()})`, () => {
  let t: TestServer;
  let now = new Date('2026-11-24T09:00:00+08:00');
  const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
  let sup: ApiClient;
  beforeAll(async () => {
    t = await startTestServer({ now: () => now });
    sup = await t.login('supervisor');
  });
  afterAll(() => t.close());

  const file = async (fields: Record<string, string>, format = 'json') => {
    const res = await fetch(`${t.url}/open311/v2/requests.${format}`, open311Form(fields));
    expect(res.status, await res.clone().text()).toBe(200);
    return res;
  };
  const ticketOf = async (number: string) => {
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.number, number));
    return row!;
  };

  it('accepts the example POST without phone (200, service_request_id) and stores no number', async () => {
    const [answer] = (await (await file(WITHOUT_PHONE)).json()) as { service_request_id: string }[];
    expect(answer!.service_request_id).toMatch(/^ZX20261124-\d{4}$/);
    const row = await ticketOf(answer!.service_request_id);
    expect(row).toMatchObject({ source: 'open311', state: 'registered', contactPhone: null, contactName: 'john smith' });
    const xml = await file({ ...WITHOUT_PHONE, device_id: 'tt222112', phone: '' }, 'xml');
    expect(await xml.text()).toMatch(/<service_request_id>ZX20261124-\d{4}<\/service_request_id>/);
    // A number that is given is still checked.
    const bad = await fetch(`${t.url}/open311/v2/requests.json`, open311Form({ ...WITHOUT_PHONE, phone: '12345' }));
    expect([bad.status, (await bad.json())[0].description]).toEqual([400, 'phone: 联系电话格式不正确']);
  });

  it('shows the operator 未留电话: no masked number, nothing to reveal, no call', async () => {
    const [answer] = (await (await file({ ...WITHOUT_PHONE, device_id: 'op-read' })).json()) as { service_request_id: string }[];
    const row = await ticketOf(answer!.service_request_id);
    const op = await t.login('operator');
    const detail = await op.get(`/api/tickets/${row.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ number: row.number, contactPhoneMasked: null, contactPhone: null, contactRevealable: true });
    const listed = (await op.get('/api/tickets')).body.tickets.find((x: { id: number }) => x.id === row.id);
    expect(listed).toMatchObject({ contactPhoneMasked: null });
    const reveal = await op.post(`/api/tickets/${row.id}/reveal-contact`, { purpose: 'view' });
    expect([reveal.status, reveal.body]).toEqual([200, { contactName: 'john smith', contactPhone: null }]);
    const call = await op.post('/api/calls/outbound', { ticketId: row.id });
    expect([call.status, call.body.error?.message]).toEqual([409, '此工单未留电话，无法外呼']);
  });

  it('never links two phoneless filings as the same caller', async () => {
    const numbers: string[] = [];
    // One address, two categories: nothing links them but a phone, and neither has one.
    for (const [device, service] of [
      ['first', 'noise'],
      ['second', 'parking'],
    ] as const) {
      later(10);
      const [answer] = (await (await file({ ...WITHOUT_PHONE, device_id: device, address_string: '九亭大街600号', service_code: service })).json()) as {
        service_request_id: string;
      }[];
      numbers.push(answer!.service_request_id);
    }
    const second = await ticketOf(numbers[1]!);
    expect(second.repeatCount).toBe(0);
    expect(await t.database.db.select().from(ticketLinks).where(eq(ticketLinks.ticketId, second.id))).toEqual([]);
    // The operator's caller history of the second one's address does not claim the first by phone.
    const history = (await (await t.login('operator')).post('/api/callers/history', { address: '九亭大街600号' })).body;
    expect(history.tickets.filter((x: { reasons: string[] }) => x.reasons.includes('same_phone'))).toEqual([]);
  });

  it('archives the revisit as unreachable after one recorded attempt: there is nobody to call', async () => {
    const [answer] = (await (await file({ ...WITHOUT_PHONE, device_id: 'revisit' })).json()) as { service_request_id: string }[];
    const { id } = await ticketOf(answer!.service_request_id);
    const unit = await t.login('liaison-d-chengguan');
    const revisit = await t.login('revisit');
    const run = async (who: ApiClient, command: TicketCommand, input: Record<string, unknown> = {}) => {
      const { version } = (await sup.get(`/api/tickets/${id}`)).body;
      const res = await who.post(ticketCommandPath(command, id), { version, ...input });
      expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body as { state: string };
    };
    await run(sup, 'dispatch', { leadUnitId: t.units.d_chengguan });
    later(30);
    await run(unit, 'accept');
    later(60);
    await run(unit, 'reply', { outcome: 'resolved', facts: '现场已处置', report: '已安排修复路面', citizenToldAt: now.toISOString() });
    const seen = (await revisit.get(`/api/tickets/${id}`)).body;
    expect(seen).toMatchObject({ contactPhoneMasked: null, deadlines: { revisitAttempts: { max: 1 } } });
    later(30);
    expect(await run(revisit, 'record_revisit_attempt', { reached: false, note: '市民未留电话' })).toMatchObject({ state: 'archived' });
    expect((await sup.get(`/api/tickets/${id}`)).body.detail).toMatchObject({ archivedAs: 'unreachable' });
  });
});
