/**
 * Issue 16.6 (PRODUCT.md §7 search): POST /api/search finds tickets across all time by number, full
 * phone number or words of the address and description, for every staff role within what it may
 * read; a phone search is logged like a reveal; bad queries get a Chinese message and change
 * nothing; the query plan uses the indexes.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { events } from '../../db/schema';
import { ticketCommandPath } from '../../shared/api/command-paths';
import { parseSearchQuery, searchGrams } from '../../shared/search/parse-query';
import { engineName } from '../../test/support/db';
import { answersNotInDocument } from '../../test/support/openapi-replay';
import { ApiClient, intake, startTestServer, type TestServer } from '../../test/support/server';
import { searchStatement } from './search-tickets';

describe(`ticket search (${engineName()})`, () => {
  let t: TestServer;
  let op: ApiClient;
  let sup: ApiClient;
  let leader: ApiClient;
  let chengguan: ApiClient;
  const made: { id: number; number: string }[] = [];
  const searched = async () => (await t.database.db.select({ n: count() }).from(events).where(eq(events.type, 'search.phone_searched')))[0]!.n;

  beforeAll(async () => {
    t = await startTestServer({ record: true });
    [op, sup, leader, chengguan] = await Promise.all([t.login('operator'), t.login('supervisor'), t.login('leader'), t.login('liaison')]);
    const file = async (patch: Record<string, unknown>) => {
      const res = await op.post('/api/tickets', intake(patch));
      expect(res.status).toBe(201);
      made.push({ id: res.body.id, number: res.body.number });
      return res.body as { id: number; version: number };
    };
    await file({
      contactPhone: '13955556666',
      address: '沪亭北路218弄5号',
      description: '小区门口有人占道摆摊卖菜，电话13900001111',
      leadUnitId: t.units.d_chengguan,
    });
    await file({ contactPhone: '13955556666', address: '九亭大街300号', description: '超市出售过期面包，要求查处', leadUnitId: t.units.d_market });
    await file({ contactPhone: '13977778888', address: '沪亭北路218弄7号', description: 'Wifi 信号塔 NOISE 很大', type: 'suggestion' });
    // Closed long ago is still found: search is across all time.
    const closed = await file({ contactPhone: '13966667777', address: '', type: 'consultation', description: '居住证怎么办理，要带什么材料' });
    expect(
      (await op.post(ticketCommandPath('close_on_call', closed.id), { version: closed.version, reason: 'answered_from_knowledge_base', note: '已答复' }))
        .status,
    ).toBe(200);
  });
  afterAll(() => t.close());

  it('401 without a session, 403 for the admin (who reads no tickets)', async () => {
    expect((await ApiClient.anonymous(t.url).post('/api/search', { q: '占道' })).status).toBe(401);
    const admin = await t.login('admin');
    const res = await admin.post('/api/search', { q: '占道' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden_role');
  });

  it('400 with a Chinese message for a query it cannot search, logging nothing', async () => {
    const before = await searched();
    for (const [q, field] of [
      ['', '请填写搜索内容'],
      ['火', '每个词至少2个字'],
      ['1395555', '请输入完整的电话号码（手机11位，或座机号码）'],
      ['摆摊 13900001111', '号码请单独输入完整的电话号码或工单编号'],
      ['a b c d e f', '每个词至少2个字'],
      ['一二 三四 五六 七八 九十 十一', '最多5个词'],
    ] as const) {
      const res = await op.post('/api/search', { q });
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields.q, q).toBe(field);
    }
    expect(await searched()).toBe(before);
  });

  it('finds by ticket number (any case), by part of it, and by words of the description and address, newest first', async () => {
    const byNumber = await op.post('/api/search', { q: made[1]!.number.toLowerCase() });
    expect(byNumber.body).toMatchObject({ kind: 'number', truncated: false, tickets: [{ id: made[1]!.id }] });
    const bySequence = await op.post('/api/search', { q: made[2]!.number.slice(-6) });
    expect(bySequence.body.tickets.map((x: { id: number }) => x.id)).toContain(made[2]!.id);
    const byWords = await op.post('/api/search', { q: '占道 卖菜' });
    expect(byWords.body).toMatchObject({ kind: 'text', tickets: [{ id: made[0]!.id }] });
    const byAddress = await op.post('/api/search', { q: '沪亭北路218弄' });
    expect(byAddress.body.tickets.map((x: { id: number }) => x.id)).toEqual([made[2]!.id, made[0]!.id]);
    // Every word must be there as written: bigrams alone (卖菜 … 菜卖) are not enough.
    expect((await op.post('/api/search', { q: '菜卖' })).body.tickets).toEqual([]);
    expect((await op.post('/api/search', { q: 'noise wifi' })).body.tickets.map((x: { id: number }) => x.id)).toEqual([made[2]!.id]);
    const old = await op.post('/api/search', { q: '居住证' });
    expect(old.body.tickets).toMatchObject([{ id: made[3]!.id, state: 'closed_on_call' }]);
  });

  it('a full phone number searches the contact field only and is logged like a reveal: who and which tickets, never the number', async () => {
    const before = await searched();
    const res = await sup.post('/api/search', { q: '139 5555 6666' });
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('phone');
    expect(res.body.tickets.map((x: { id: number; contactPhoneMasked: string }) => [x.id, x.contactPhoneMasked])).toEqual([
      [made[1]!.id, '139****6666'],
      [made[0]!.id, '139****6666'],
    ]);
    expect(JSON.stringify(res.body)).not.toContain('13955556666');
    // The number typed in a description is not a contact: not found by it.
    expect((await sup.post('/api/search', { q: '13900001111' })).body.tickets).toEqual([]);
    expect(await searched()).toBe(before + 2);
    const [row] = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'search.phone_searched'), eq(events.actorId, sup.user.id)))
      .orderBy(events.seq)
      .limit(1);
    expect(row).toMatchObject({ ticketId: null, actorRole: 'supervisor', rooms: [], payload: { found: 2, ticketIds: [made[1]!.id, made[0]!.id] } });
    expect(JSON.stringify(row)).not.toContain('5555');
  });

  it('within what each role may read: a liaison its unit’s tickets only; a leader every ticket, numbers in words masked', async () => {
    const mine = await chengguan.post('/api/search', { q: '13955556666' });
    expect(mine.body.tickets.map((x: { id: number }) => x.id)).toEqual([made[0]!.id]);
    expect((await chengguan.post('/api/search', { q: '过期面包' })).body.tickets).toEqual([]);
    expect((await chengguan.post('/api/search', { q: made[1]!.number })).body.tickets).toEqual([]);
    const led = await leader.post('/api/search', { q: '占道' });
    expect(led.body.tickets[0].description).toBe('小区门口有人占道摆摊卖菜，电话***********');
    const asOperator = await op.post('/api/search', { q: '占道' });
    expect(asOperator.body.tickets[0].description).toBe('小区门口有人占道摆摊卖菜，电话13900001111');
  });

  it('says when more matched than the limit', async () => {
    const res = await op.post('/api/search', { q: '13955556666', limit: 1 });
    expect(res.body).toMatchObject({ truncated: true, tickets: [{ id: made[1]!.id }] });
  });

  it('uses the indexes: the bigram GIN index for words, the phone and the number indexes, for line staff and liaisons', async () => {
    // With a handful of rows a sequential scan is cheapest; forbid it (in one transaction, one
    // connection) to see which index the query can use.
    const plan = (q: string, who: ApiClient) =>
      t.database.db.transaction(async (tx) => {
        const parsed = parseSearchQuery(q);
        if (parsed.kind === 'invalid') throw new Error(parsed.message);
        await tx.execute(sql`set local enable_seqscan = off`);
        const rows = await rowsOf<{ 'QUERY PLAN': string }>(tx, sql`explain ${searchStatement(tx, who.user, parsed, 20)}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    for (const who of [op, chengguan]) {
      expect(await plan('占道 卖菜', who)).toContain('tickets_search_idx');
      expect(await plan('13955556666', who)).toContain('tickets_phone_idx');
      expect(await plan(made[0]!.number, who)).toContain('tickets_number_unique');
    }
  });

  it('makes bigrams in SQL exactly as the query side does (migration 0015 and shared/search)', async () => {
    for (const text of ['ZX20261123-0007 沪亭北路218弄 占道经营 WiFi', '𠀀路 Ａb\t漏水\r\n第二行', 'x']) {
      const [row] = await rowsOf<{ grams: string[] }>(t.database.db, sql`select ticket_search_grams(${text}) as grams`);
      expect([...new Set(row!.grams)].sort(), text).toEqual(searchGrams(text).sort());
    }
  });

  it('answered only what the OpenAPI document declares (issue 19.1)', async () => {
    expect(await answersNotInDocument(t)).toEqual([]);
  });
});
