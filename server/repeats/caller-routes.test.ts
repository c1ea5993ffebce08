/**
 * PRODUCT.md §5 "Repeats" through the real API with an injected clock: links by phone and by address +
 * category inside the window, the repeat count on the ticket, the caller history screen pop
 * (masked), and supervision candidates for matters repeated without progress (000 三(六), 004 二).
 */
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { events, ticketLinks } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import type { LiveEvent } from '../../shared/live/feed';
import { engineName } from '../../test/support/db';
import { useIntakeDesk } from '../../test/support/intake-desk';
import { delivered } from '../../test/support/live';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, waitFor } from '../../test/support/server';

describe(`repeats, caller history and supervision candidates (${engineName()})`, () => {
  /** Monday 2026-11-23 10:00 in Shanghai. */
  const desk = useIntakeDesk(new Date('2026-11-23T10:00:00+08:00'));
  const { later, create } = desk;
  const linksOf = async (id: number) =>
    (await desk.t.database.db.select().from(ticketLinks).where(eq(ticketLinks.ticketId, id)))
      .map((l) => ({ id: l.linkedTicketId, reasons: l.reasons }))
      .sort((a, b) => a.id - b.id);

  it('refuses anonymous users, bad input and roles that do not take calls', async () => {
    expect((await ApiClient.anonymous(desk.t.url).post('/api/callers/history', { phone: '13812345678' })).status).toBe(401);
    const none = await desk.op.post('/api/callers/history', {});
    expect(none.status).toBe(400);
    expect(none.body.error).toEqual({
      code: 'validation_failed',
      message: '输入有误：请提供来电号码或诉求地址',
      fields: { phone: '请提供来电号码或诉求地址' },
    });
    expect((await desk.op.post('/api/callers/history', { phone: '12345' })).body.error.message).toBe('输入有误：联系电话格式不正确（手机号11位，或座机号码）');
    expect((await (await desk.t.login('liaison-d-chengguan')).post('/api/callers/history', { phone: '13812345678' })).status).toBe(403);
    // Never in a URL, where logs and proxies keep it (docs/decisions/privacy.md).
    expect((await desk.op.get('/api/callers/history?phone=13812345678')).status).toBe(404);
    expect((await (await desk.t.login('leader')).get('/api/supervision/candidates')).status).toBe(200);
    expect((await desk.op.get('/api/supervision/candidates')).status).toBe(403);
  });

  it('links a call from the same phone, and one about the same address and category, within the window', async () => {
    const first = await create({
      contactPhone: '13911110001',
      address: '涞坊路1111弄12号',
      categoryCode: 'noise',
      description: '楼上每天半夜跺脚拖椅子，吵得睡不着',
    });
    expect(first.repeatCount).toBe(0);
    later(60);
    // Same phone, another matter elsewhere: still the same caller.
    const samePhone = await create({
      contactPhone: '139-1111-0001',
      address: '九亭大街600号',
      categoryCode: 'parking',
      description: '商业中心门口车辆乱停堵住人行道',
    });
    expect(samePhone.repeatCount).toBe(1);
    expect(await linksOf(samePhone.id)).toEqual([{ id: first.id, reasons: ['same_phone'] }]);
    later(60);
    // Another caller, the same compound (another house number) and category.
    const samePlace = await create({ contactPhone: '13911110002', address: '颐亭花园30号', categoryCode: 'noise', description: '小区里晚上有人跺脚噪音' });
    expect(await linksOf(samePlace.id)).toEqual([{ id: first.id, reasons: ['same_place'] }]);
    // Same place, another category: not a repeat.
    const otherCategory = await create({ contactPhone: '13911110003', address: '颐亭花园30号', categoryCode: 'greenery', description: '小区树枝挡住了窗户' });
    expect(otherCategory.repeatCount).toBe(0);

    // The count travels with the ticket: detail, queue snapshot and the live event.
    expect((await desk.op.get(`/api/tickets/${samePhone.id}`)).body.repeatCount).toBe(1);
    const queued = (await desk.sup.get('/api/tickets')).body.tickets.find((x: { id: number }) => x.id === samePlace.id);
    expect(queued.repeatCount).toBe(1);
    const [registered] = await desk.t.database.db.select().from(events).where(eq(events.ticketId, samePlace.id));
    expect(registered!.payload).toMatchObject({ ticket: { repeatCount: 1 } });

    // Inside the window (default 30 days) it still links; past a window a supervisor shortened, it starts afresh.
    later(8 * 24 * 60);
    expect(
      (await create({ contactPhone: '13911110001', address: '涞坊路1111弄12号', categoryCode: 'noise', description: '楼上又开始半夜跺脚' })).repeatCount,
    ).toBe(3);
    const settings = (await desk.sup.get('/api/repeat-settings')).body.settings;
    expect((await desk.sup.post('/api/repeat-settings', { ...settings, repeatWindowDays: 7 })).status).toBe(201);
    later(8 * 24 * 60);
    const muchLater = await create({ contactPhone: '13911110001', address: '涞坊路1111弄12号', categoryCode: 'noise', description: '楼上半夜跺脚还是没解决' });
    expect(muchLater.repeatCount).toBe(0);
    expect((await desk.sup.post('/api/repeat-settings', { ...settings, repeatWindowDays: 30 })).status).toBe(201);
  });

  it('pops the caller history: earlier tickets with their state, numbers masked, confidential names withheld', async () => {
    await create({ contactPhone: '13911110009', contactName: '王女士', address: '九亭大街600号', confidential: true, description: '商业中心夜里卸货很吵' });
    const res = await desk.op.post('/api/callers/history', { phone: '13911110001', address: '涞坊路1111弄' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phoneMasked: '139****0001', address: { entryId: 'jt-015', community: '颐亭居委会' }, windowDays: 30 });
    const rows = res.body.tickets as { number: string; state: string; reasons: string[]; contactPhoneMasked: string }[];
    // Every ticket of this phone (no window on one's own history); the address adds those within the window.
    expect(rows.filter((r) => r.reasons.includes('same_phone'))).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      state: 'registered',
      categoryLabel: '噪声扰民',
      contactPhoneMasked: '139****0001',
      reasons: ['same_phone', 'same_address'],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/1391111000\d/);

    const byAddress = await desk.op.post('/api/callers/history', { address: '九亭大街600号' });
    const confidential = byAddress.body.tickets.find((r: { contactPhoneMasked: string }) => r.contactPhoneMasked === '139****0009');
    expect(confidential).toMatchObject({ contactName: '（保密）', reasons: ['same_address'] });
  });

  it('raises a supervision candidate once a matter comes back 3 times without progress, then keeps it current', async () => {
    const socket: Socket = desk.sup.socket();
    const got: LiveEvent<any>[] = [];
    socket.on('event', (e: LiveEvent) => got.push(e));
    await waitFor(socket, 'ready');
    const opSocket = desk.op.socket();
    const opGot: LiveEvent<any>[] = [];
    opSocket.on('event', (e: LiveEvent) => opGot.push(e));
    await waitFor(opSocket, 'ready');

    const matter = { address: '九亭中心花园', categoryCode: 'property_management', description: '物业一直不修小区门禁，反映多次没人管' };
    const ids: number[] = [];
    for (const [i, phone] of ['13922220001', '13922220002', '13922220001'].entries()) {
      ids.push((await create({ ...matter, contactPhone: phone, description: `${matter.description}（第${i + 1}次）` })).id);
      later(24 * 60);
    }
    expect((await desk.sup.get('/api/supervision/candidates')).body.candidates).toEqual([]);

    const fourth = await create({ ...matter, contactPhone: '13922220003' });
    expect(fourth.repeatCount).toBe(3);
    const [raised] = await desk.t.database.db.select().from(events).where(eq(events.type, 'supervision.candidate'));
    expect(raised).toMatchObject({
      actorId: desk.op.user.id,
      rooms: ['role:supervisor'],
      payload: { candidate: { ticketId: fourth.id, repeatCount: 3, categoryLabel: '物业管理' } },
    });
    const list = (await desk.sup.get('/api/supervision/candidates')).body.candidates;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ ticketId: fourth.id, address: '九亭中心花园', repeatCount: 3 });
    expect(list[0].tickets.map((x: { id: number }) => x.id)).toEqual([...ids, fourth.id]);
    expect(list[0].tickets[0]).toMatchObject({ state: 'registered', number: expect.stringMatching(/^ZX\d{8}-\d{4}$/) });

    later(60);
    const fifth = await create({ ...matter, contactPhone: '13922220004' });
    const again = (await desk.sup.get('/api/supervision/candidates')).body.candidates;
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: list[0].id, ticketId: fifth.id, repeatCount: 4 });
    expect(again[0].tickets).toHaveLength(5);

    await delivered(desk.t.server, socket, opSocket);
    expect(got.filter((e) => e.type.startsWith('supervision.')).map((e) => e.type)).toEqual(['supervision.candidate', 'supervision.candidate_updated']);
    // Supervisors weigh candidates; the operators' screens are not told.
    expect(opGot.filter((e) => e.type.startsWith('supervision.'))).toEqual([]);
    socket.close();
    opSocket.close();
  });

  it('does not count repeats that made progress (answered or settled on the call)', async () => {
    const matter = { address: '绿庭尚城', categoryCode: 'property_management', description: '物业费怎么收的想咨询一下收费标准' };
    for (const phone of ['13933330001', '13933330002', '13933330003']) {
      const ticket = await create({ ...matter, contactPhone: phone });
      if (phone.endsWith('1')) {
        const closed = await desk.op.post(ticketCommandPath('close_on_call', ticket.id), {
          version: ticket.version,
          reason: 'answered_from_knowledge_base',
          note: '已告知物业收费标准',
        });
        expect(closed.status).toBe(200);
      }
      later(30);
    }
    const fourth = await create({ ...matter, contactPhone: '13933330004' });
    expect(fourth.repeatCount).toBe(3);
    const candidates = (await desk.sup.get('/api/supervision/candidates')).body.candidates;
    expect(candidates.some((c: { ticketId: number }) => c.ticketId === fourth.id)).toBe(false);
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(desk.t)).toEqual([]);
  });
});
