/**
 * Issue 16 item 1 in a real browser, from the keyboard: the option Enter takes is always the one
 * shown active. For every road of the town's address list the operator types the road (and the
 * start of a few names), waits for the list, presses ↓ one to three times and Enter: the option
 * marked active is the n-th of the list, the field takes its address, and the saved ticket has
 * that address and its community (read back through the API). "亭北" offers 亭北小区 before any
 * road section.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JIUTING_ADDRESSES } from '../../db/data/jiuting-addresses';
import type { TAddressOption } from '../../shared/schemas/suggest';
import type { TTicketSummary } from '../../shared/schemas/ticket';
import { browserAvailable, launchBrowser, loginAs, screenshotPath, expectAccessible } from '../support/browser';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

/** Every road of the list, as its road sections name it: 九亭老街, 九亭大街, 沪松公路, 涞坊路, … */
const ROADS = [...new Set(JIUTING_ADDRESSES.filter((a) => a.kind === 'road_section').map((a) => a.address.replace(/[0-9].*$/, '')))];
/** The starts of names the issue met, typed as an operator stops halfway. */
const STARTS = ['九亭老', '亭北', '颐亭花', '奥林'];

const active = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? '');
/** The address list as shown: each option's "address · community" line; disabled ones marked. */
const shownOptions = (page: Page) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option').evaluateAll((els) =>
    els.map((el) => ({
      meta: el.querySelector('.address-option-meta')?.textContent ?? '',
      disabled: el.classList.contains('ant-select-item-option-disabled'),
    })),
  );
const activeOption = (page: Page) =>
  page
    .locator('.ant-select-dropdown:visible .ant-select-item-option-active')
    .evaluateAll((els) => els.map((el) => el.querySelector('.address-option-meta')?.textContent ?? ''));
const metaOf = (o: TAddressOption) => `${o.address} · ${o.community.name}`;

describe.skipIf(!browserAvailable())('the address list from the keyboard (issue 16)', () => {
  let t: TestServer;
  let browser: Browser;
  let operator: Page;
  let api: ApiClient;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    api = await t.login('operator2');
    operator = await loginAs(browser, t.url, 'operator');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Types `text` into the address, waits for the list answering it, presses ↓ `downs` times and Enter. */
  async function pick(text: string, downs: number, shot?: string): Promise<TAddressOption> {
    const expected = (await api.post<TAddressOption[]>('/api/addresses/suggest', { q: text, limit: 8 })).body;
    expect(expected.length, text).toBeGreaterThan(0);
    const n = Math.min(downs, expected.length);
    await operator.keyboard.type(text);
    // The list the server gives for this text, in its order, every option usable (all of them
    // shown, or as many as a virtual list renders at once).
    const listed = expected.map((o) => ({ meta: metaOf(o), disabled: false }));
    const ready = async () => {
      const shown = await shownOptions(operator);
      const same = shown.length >= Math.min(listed.length, 5) && JSON.stringify(shown) === JSON.stringify(listed.slice(0, shown.length));
      return same ? 'ready' : shown;
    };
    await expect.poll(ready, { timeout: 10_000, message: `${text}: the list` }).toBe('ready');
    // Nothing is active before the operator moves: Enter now would take nothing.
    expect(await activeOption(operator), `${text}: active before ↓`).toEqual([]);
    for (let i = 0; i < n; i++) await operator.keyboard.press('ArrowDown');
    const want = expected[n - 1]!;
    await expect.poll(() => activeOption(operator), { message: `${text}: active after ${n}×↓` }).toEqual([metaOf(want)]);
    if (shot) await operator.screenshot({ path: screenshotPath(shot) });
    if (shot) await expectAccessible(operator, shot);
    await operator.keyboard.press('Enter');
    await expect.poll(() => operator.locator('#address').inputValue(), { message: `${text}: the field after Enter` }).toBe(want.address);
    return want;
  }

  /** One record: phone, address picked from the list, description; Enter registers it. */
  async function record(text: string, downs: number, phone: string, shot?: string) {
    await expect.poll(() => active(operator)).toBe('contactName');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type(phone);
    await operator.keyboard.press('Tab');
    const want = await pick(text, downs, shot);
    await operator.keyboard.press('Tab');
    expect(await active(operator)).toBe('description');
    await operator.keyboard.type('门口垃圾好几天没人清运了');
    await operator.keyboard.press('Enter');
    const toast = operator.locator('.ant-message-notice').filter({ hasText: '已登记工单' }).last();
    await toast.waitFor();
    const number = (await toast.innerText()).match(/ZX\d{8}-\d{4}/)![0];
    const list = await api.get<{ tickets: TTicketSummary[] }>('/api/tickets?limit=200');
    const ticket = list.body.tickets.find((x) => x.number === number);
    expect({ text, address: ticket?.address, community: ticket?.communityUnitId }).toEqual({ text, address: want.address, community: want.community.unitId });
    await operator.locator('.ant-message-notice').filter({ hasText: number }).waitFor({ state: 'detached' });
  }

  it('takes the option shown active, for every road of the list and the starts of names', async () => {
    expect(ROADS.length).toBeGreaterThanOrEqual(10);
    expect(ROADS).toEqual(expect.arrayContaining(['九亭老街', '九亭大街', '沪亭北路', '涞坊路']));
    const typed = [...ROADS, ...STARTS];
    for (const [i, text] of typed.entries()) {
      await record(text, (i % 3) + 1, `139000${String(i).padStart(5, '0')}`, i === 0 || text === '九亭老' ? `address-pick-${i}` : undefined);
    }
  }, 300_000);

  it('"亭北" offers 亭北小区 first, before any road section', async () => {
    const answer = (await api.post<TAddressOption[]>('/api/addresses/suggest', { q: '亭北', limit: 8 })).body;
    expect(answer[0]).toMatchObject({ name: '亭北小区', kind: 'compound' });
    await record('亭北', 1, '13900099999', 'address-pick-tingbei');
  });
});
