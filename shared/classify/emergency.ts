/**
 * PRODUCT.md §3 / 003: 110 / 119 / 120 emergencies are out of scope for the line — the operator tells
 * the caller to dial that number at once. This flags descriptions of an emergency happening
 * now; hazards (消防通道堵塞, 灭火器过期, 楼道堆物, "怕着火") are fire_safety tickets, not emergencies.
 *
 * Rules, not the classifier: a missed fire must not depend on training data, and every flag
 * must be explainable (`findEmergency` returns the phrase that fired).
 */

import type { EmergencyNumber } from '../domain';

export type { EmergencyNumber };

export interface EmergencyMatch {
  number: EmergencyNumber;
  /** The words that fired the rule, as written in the (NFKC-normalised) text. */
  phrase: string;
  /** Position of the phrase in the normalised text. */
  index: number;
}

interface EmergencyRule {
  number: EmergencyNumber;
  pattern: RegExp;
  /** The whole text must also contain this (e.g. a gas word for 漏气, not a tyre). */
  context?: RegExp;
  /** Words alone are often habitual (经常有人打架): fire only with a sign it is happening now. */
  needsNow?: boolean;
  /** The clause must not contain this (breathless from cooking fumes is not a 120 call). */
  unless?: RegExp;
}

const GAS = /煤气|燃气|天然气|液化气|沼气|气罐|气瓶/;
/** Someone a medical emergency can happen to (not a lamp post hit by a car, not a flat tyre). */
const PERSON = '人|我|他|她|老人|老太|老头|小孩|孩子|儿子|女儿|男的|女的|爸|妈|老公|老婆|爷爷|奶奶|外婆|外公|邻居|工人|行人|学生';
const COOKING = /油烟|烧烤|烤|饭店|餐馆|餐厅|烟囱|炒|熏|呛|排烟|食堂/;

const RULES: readonly EmergencyRule[] = [
  // 119: fire, explosion, gas leak.
  { number: '119', pattern: /着火|起火|失火|火灾|大火|火很大|火苗(窜|蹿|冒)|火光|烧起来|烧着了|燃起来|爆炸/g },
  { number: '119', pattern: /冒(黑|浓)?烟|浓烟/g, unless: COOKING },
  {
    number: '119',
    pattern: /(煤气|燃气|天然气|液化气)(的)?味|(?:煤气|燃气|天然气|液化气|气罐|气瓶|管道|阀门|灶)[^，。！？]{0,6}?(?<core>泄漏|泄露|漏气)/g,
  },
  { number: '119', pattern: /漏气了|在漏气/g, context: GAS },
  // 110: crime in progress.
  {
    number: '110',
    pattern: /抢劫|抢(了|走)?[^，。！？]{0,4}(包|手机|钱|项链|金)|持刀|拿(着)?刀|砍人|砍伤|捅人|捅伤|杀人|绑架|劫持|强奸|要自杀|轻生/g,
  },
  { number: '110', pattern: /跳楼|跳河/g, unless: /跳楼价|甩卖|清仓/ },
  {
    number: '110',
    pattern: /打架|斗殴|群殴|打人|打起来|偷东西|小偷|撬门|撬锁|在撬|砸门|闯进|家暴|打老婆|打孩子/g,
    needsNow: true,
  },
  // 120: medical emergency.
  {
    number: '120',
    pattern:
      /晕倒|昏倒|晕过去|昏过去|昏迷|不省人事|休克|叫不醒|没(有|了)?呼吸|心脏骤停|心脏病(发作|犯了)|抽搐|口吐白沫|大出血|血流不止|流了(很多|好多|一地|一身)血|在流血|突然中风|中风了|脑梗|摔倒(了)?(在地上)?起不来|倒地不起|撞倒了人|触电|溺水|煤气中毒|一氧化碳中毒|割腕|吃了[^，。！？]{0,3}安眠药|喝了农药|羊水破|快要生了/g,
  },
  {
    number: '120',
    pattern: new RegExp(`(${PERSON})[^，。！？]{0,3}(?<core>倒在地上|没气了|被车撞|掉(进|到)(河|水|池塘|湖|井))`, 'g'),
  },
  { number: '120', pattern: /呼吸困难|喘不上气|喘不过气|透不过气/g, unless: COOKING },
];

/** Hypothetical, preventive, negated or past: the thing named is not happening now. */
const NOT_NOW_BEFORE =
  /万一|如果|要是|假如|假设|一旦|防止|预防|以免|避免|怕|担心|害怕|容易|可能会|会不会|有没有|是否|没有|没(?!想到)|不是|不会|并未|差点|差一点|演练|演习|培训|上次|上回|之前|以前|去年|前年|上个月|上个礼拜|上周|曾经|经常|总是|老是|每次/;
/** Words right after the phrase that make it a risk, a question or the past (火灾隐患, 着火了怎么办, 撞过). */
const NOT_NOW_AFTER = /^(过|了?(的)?(隐患|风险|危险|可能|报警器|演练|演习|通道|等级|保险|怎么办|咋办|谁负责|谁管))/;
/** A sign that it is happening now; also overrides NOT_NOW_BEFORE when it sits right before the phrase. */
const NOW = /正在|现在|刚刚|刚才|快来|赶紧|马上|就在|还在|救命|突然|已经/;
/** Habitual or past wording: a report about what keeps happening, not a call for help. */
const HABITUAL = /经常|老是|总是|天天|每天|每次|最近|这几天|好几次|上次|之前|以前|昨天|前几天|前两天|上个月|去年/;

const CLAUSE_BREAK = /[，。！？；,.!?;\n]/;
/** How far back (characters, same clause) a hypothetical/negation cue counts. */
const CUE_WINDOW = 10;

/**
 * When several rules fire, which number the operator gives: fire first (119 dispatches rescue and
 * calls 120 itself), then police, then ambulance. Within one number, the earliest phrase.
 */
const PRECEDENCE: readonly EmergencyNumber[] = ['119', '110', '120'];

export function findEmergency(text: string): EmergencyMatch | null {
  const normalized = text.normalize('NFKC');
  const found: EmergencyMatch[] = [];
  for (const rule of RULES) {
    if (rule.context && !rule.context.test(normalized)) continue;
    if (rule.needsNow && (!NOW.test(normalized) || HABITUAL.test(normalized))) continue;
    for (const match of normalized.matchAll(rule.pattern)) {
      // With a named "core" group, the cue window is measured from the core ("管道老化担心漏气").
      const core = match.groups?.core;
      const index = (match.index ?? 0) + (core ? match[0].lastIndexOf(core) : 0);
      const phrase = core ?? match[0];
      const clauseStart = lastBreakBefore(normalized, index);
      const clauseEnd = nextBreakFrom(normalized, index + phrase.length);
      const clause = normalized.slice(clauseStart, clauseEnd);
      if (rule.unless?.test(clause)) continue;
      const before = normalized.slice(Math.max(clauseStart, index - CUE_WINDOW), index);
      const after = normalized.slice(index + phrase.length, index + phrase.length + 6);
      // "现在着火了" / "突然晕倒": an immediate now-marker wins over an earlier "怕" in the clause.
      const immediate = NOW.test(before.slice(-3));
      if (!immediate && NOT_NOW_BEFORE.test(before)) continue;
      if (NOT_NOW_AFTER.test(after)) continue;
      found.push({ number: rule.number, phrase, index });
    }
  }
  if (found.length === 0) return null;
  found.sort((a, b) => PRECEDENCE.indexOf(a.number) - PRECEDENCE.indexOf(b.number) || a.index - b.index);
  return found[0] ?? null;
}

/** The number the caller must dial now, or null when the description is not an emergency. */
export function detectEmergency(text: string): EmergencyNumber | null {
  return findEmergency(text)?.number ?? null;
}

function lastBreakBefore(text: string, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (CLAUSE_BREAK.test(text[i] ?? '')) return i + 1;
  return 0;
}

function nextBreakFrom(text: string, index: number): number {
  for (let i = index; i < text.length; i++) if (CLAUSE_BREAK.test(text[i] ?? '')) return i;
  return text.length;
}

/** What the emergency screen says of a record about to be saved (issue 16.3, 003 第五条(三)). */
export type IntakeScreen =
  /** Not an emergency, or closed on the call for another reason (nothing is dispatched). */
  | { verdict: 'clear' }
  /** Closed on the call as an emergency: recorded as the transfer to `number`. */
  | { verdict: 'transfer'; number: EmergencyNumber }
  /** An emergency kept as an ordinary ticket, with the operator's reason. */
  | { verdict: 'override'; number: EmergencyNumber; reason: string }
  /** An emergency about to become an ordinary ticket without an override: refused, nothing saved. */
  | { verdict: 'refuse'; number: EmergencyNumber };

export interface IntakeScreenInput {
  description: string;
  closeOnCall?: { reason: string; transferredTo?: EmergencyNumber | undefined } | undefined;
  emergencyOverride?: { reason: string } | undefined;
}

/**
 * The one rule the form and the server both apply on save: a record whose description reads as a
 * 110/119/120 emergency is either handed on (closed on the call as `out_of_scope_emergency`, the
 * transfer recorded) or kept as an ordinary ticket only with the operator's stated reason — never
 * dispatched to a town office by a fast Ctrl+Enter.
 */
export function screenIntake(input: IntakeScreenInput): IntakeScreen {
  const found = detectEmergency(input.description);
  const close = input.closeOnCall;
  if (close?.reason === 'out_of_scope_emergency') {
    const number = close.transferredTo ?? found;
    return number ? { verdict: 'transfer', number } : { verdict: 'clear' };
  }
  if (!found || close) return { verdict: 'clear' };
  if (input.emergencyOverride) return { verdict: 'override', number: found, reason: input.emergencyOverride.reason };
  return { verdict: 'refuse', number: found };
}
