/**
 * Issue 14 item 5: what the public Open311 reads show of a citizen. Requests are filed through
 * the real POST with a phone number written every way people write one, an ID number, a name,
 * an e-mail and an address down to the flat; the list and the single read, in JSON and XML,
 * must show none of it: no name, no number of 7+ digits in any notation, no ID number, no
 * e-mail, the address only to the road or compound (short numbers such as 3号楼 may stay in the
 * description: it is redacted by the number rules, docs/decisions/open311.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../../test/support/db';
import { startTestServer, type TestServer } from '../../test/support/server';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: new URLSearchParams({ api_key: 'demo-open311-key', service_code: 'noise', ...fields }).toString(),
});

/** Everything personal a citizen typed, as the digits or words that must never come back. */
const SECRETS = ['13912345678', '13987654321', '02162112345', '62118888', '31010419900101123X', '310104900101123', '张伟', '伟明', 'zhang.wei', 'example.com'];
const FLAT = ['1111弄', '12号', '301室', '5栋', '2单元', '302室', '158弄', '3号楼'];

const CHINESE_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** The text folded the way a reader would read it: NFKC, Chinese numerals as digits, no spaces, dashes, dots, brackets or plus signs. */
const folded = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[〇零一幺二三四五六七八九]/g, (c) => CHINESE_DIGITS[c] ?? c)
    .replace(/[\s\-‐‑–—−.·/()[\]+（）]/g, '')
    .toUpperCase();

/** Nowhere in an answer: the citizen's numbers, names or e-mail. */
function expectNoSecrets(text: string) {
  const f = folded(text);
  for (const secret of SECRETS) expect(f).not.toContain(folded(secret));
}

/** The published address: the road and compound, none of the flat's parts. */
function expectNoFlat(address: string | null) {
  for (const flat of FLAT) expect(address ?? '').not.toContain(flat);
  expect(address ?? '').not.toMatch(/[0-9０-９号栋幢室]|单元/);
}

/** In the free-text fields: no run of 7 or more digits survives, however it was written. */
function expectNoLongNumber(text: string | null) {
  expect(folded(text ?? '')).not.toMatch(/\d{7,}/);
}

function expectNothingPersonalJson(records: Record<string, unknown>[]) {
  expectNoSecrets(JSON.stringify(records));
  for (const r of records) {
    expectNoLongNumber(r.description as string);
    expectNoLongNumber(r.address as string | null);
    expectNoFlat(r.address as string | null);
  }
}

function expectNothingPersonalXml(xml: string) {
  expectNoSecrets(xml);
  for (const m of xml.matchAll(/<(description|address)>([^<]*)<\/\1>/g)) {
    expectNoLongNumber(m[2] ?? '');
    if (m[1] === 'address') expectNoFlat(m[2] ?? '');
  }
}

describe(`Open311 public reads carry no personal data (${engineName()})`, () => {
  let t: TestServer;
  const o311 = (path: string, init?: RequestInit) => fetch(`${t.url}/open311${path}`, init);
  const numbers: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ now: () => new Date('2026-11-23T10:00:00+08:00') });
    const requests: Record<string, string>[] = [
      {
        first_name: '伟',
        last_name: '张',
        phone: '13912345678',
        email: 'zhang.wei@example.com',
        address_string: '涞坊路1111弄12号301室 张伟收',
        description:
          '我叫张伟，电话139 1234 5678，也可打+86 139-1234-5678、（021）6211 2345或１３９８７６５４３２１，' +
          '家里座机6211.8888，身份证31010419900101123X，老证310104900101123，张先生家楼上夜间噪声扰民，邮箱zhang.wei@example.com',
      },
      {
        first_name: '伟明',
        last_name: '张',
        phone: '021-62112345',
        address_string: '九亭大街158弄5栋2单元302室',
        lat: '31.123456',
        long: '121.321987',
        description: '伟明反映：3号楼楼下饭店油烟，电话一三九一二三四五六七八',
      },
      { phone: '13912345678', lat: '31.1398', long: '121.3207', description: '路边噪声，联系人张伟' },
    ];
    for (const r of requests) {
      const res = await o311('/v2/requests.json', form(r));
      expect(res.status).toBe(200);
      numbers.push((await res.json())[0].service_request_id);
    }
  });
  afterAll(() => t.close());

  it('the list, in JSON and XML, shows no name, number, ID number, e-mail or flat', async () => {
    const list = await o311('/v2/requests.json');
    expect(list.status).toBe(200);
    const body = (await list.json()) as Record<string, unknown>[];
    expect(body.map((r) => r.service_request_id).sort()).toEqual([...numbers].sort());
    expectNothingPersonalJson(body);
    const xml = await (await o311('/v2/requests.xml')).text();
    expect(xml).toContain(`<service_request_id>${numbers[0]}</service_request_id>`);
    expect(xml.match(/<description>/g)).toHaveLength(3);
    expectNothingPersonalXml(xml);
  });

  it('a single request, in JSON and XML, likewise; the address is cut to the road and compound', async () => {
    const [first] = await (await o311(`/v2/requests/${numbers[0]}.json`)).json();
    expectNothingPersonalJson([first]);
    expect(first.address).toBe('涞坊路 颐亭花园');
    // The description still reads: only the personal parts are masked.
    expect(first.description).toMatch(/^我叫\*\*，电话\*\*\* \*\*\*\* \*\*\*\*，.*夜间噪声扰民/);

    const [second] = await (await o311(`/v2/requests/${numbers[1]}.json`)).json();
    expectNothingPersonalJson([second]);
    expect(second.address).toBe('九亭大街 九亭新村');
    // Coordinates to about a hundred metres: the compound, not the building.
    expect([second.lat, second.long]).toEqual([31.123, 121.322]);

    const [third] = await (await o311(`/v2/requests/${numbers[2]}.json`)).json();
    expect(third.address).toBeNull();
    expectNothingPersonalJson([third]);

    for (const n of numbers) expectNothingPersonalXml(await (await o311(`/v2/requests/${n}.xml`)).text());
  });
});
