/**
 * People's names in free text, masked where we can tell they are names: the names the record
 * itself holds (the caller's, given by the caller), a common surname followed by a form of
 * address (张先生, 王阿姨), and a name after the words that introduce one (我叫…, 姓名：…,
 * 联系人…). Free text can hold any name; this catches the ones a caller or platform writes about
 * themselves, which is where names in complaints come from (issue 14 item 5).
 */

export interface MaskNamesOptions {
  /** Names known to belong to people of this record (the caller's name as stored). */
  names?: readonly (string | null | undefined)[];
  /** What replaces each character of a name (default '*'). */
  maskChar?: string;
}

/**
 * The most common single-character surnames. Left out on purpose: characters that are far more
 * often a preposition or verb before a form of address (向, 于, 和, 代, 对, 给, 把).
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤殷倪施俞祝';
const ADDRESS_FORMS = '先生|女士|小姐|阿姨|师傅|老师|大爷|大妈|阿婆|老伯|奶奶|爷爷|叔叔|阿叔|大姐|大哥|老板|同志|经理';
const SURNAME_AND_FORM = new RegExp(`([${SURNAMES}])(?=${ADDRESS_FORMS})`, 'gu');
/** 我叫张伟, 姓名：张伟, 联系人 张伟 — not 联系人电话 or 姓名不详. */
const INTRODUCED =
  /(我叫|我姓|本人姓名|姓名|联系人|反映人|报案人)([:：\s]*)(?!电话|手机|方式|号码|信息|不详|未知|保密)(\p{Script=Han}{1,3}|[A-Za-z]{2,20}(?:\s[A-Za-z]{2,20})?)/gu;

const COMPOUND_SURNAMES = /^(欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|夏侯|令狐|长孙|宇文|司徒|端木)/u;

function givenName(name: string): string {
  const compound = COMPOUND_SURNAMES.exec(name)?.[0];
  return compound ? name.slice(compound.length) : [...name].slice(1).join('');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A known name as a pattern that also matches it written with spaces between characters (张 伟). */
function knownNamePattern(name: string): RegExp {
  const chars = [...name.replace(/\s+/g, '')].map(escape);
  return new RegExp(chars.join('\\s*'), 'giu');
}

const isHan = (s: string) => /^\p{Script=Han}+$/u.test(s);

export function maskNames(text: string, opts: MaskNamesOptions = {}): string {
  const maskChar = opts.maskChar ?? '*';
  const mask = (s: string) => s.replace(/\S/gu, maskChar);
  let out = text;
  for (const raw of opts.names ?? []) {
    const name = raw?.trim() ?? '';
    if ([...name].length < 2) continue;
    out = out.replace(knownNamePattern(name), mask);
    const given = isHan(name) ? givenName(name) : '';
    // The given name alone (张伟明 → 伟明, 欧阳娜娜 → 娜娜), which callers use too; one character is too little to tell.
    if ([...given].length >= 2) out = out.replace(knownNamePattern(given), mask);
  }
  out = out.replace(SURNAME_AND_FORM, mask);
  out = out.replace(INTRODUCED, (_m, cue: string, gap: string, name: string) => `${cue}${gap}${mask(name)}`);
  return out;
}
