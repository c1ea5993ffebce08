/**
 * Issue 15.5: repeats are counted by matter, not by category. One rule, read by the server when it
 * raises a supervision candidate and by the operator's caller-history panel, so the panel's
 * "满3次列入督办候选" and the supervisors' candidates list always agree.
 *
 * 000 三(六) "对重复交办超过3次的工单…督办跟进", 004 二.4 "重复投诉多次，且办理工作未有明显进展";
 * PRODUCT.md §5: repeated 3 or more times without progress → supervision candidate.
 */
import type { TCallerHistory } from '../schemas/suggest';

/** What the rule needs to know of a ticket (earlier or the one being registered). */
export interface MatterTicket {
  /** Same caller: the full number on the server, or a flag the server computed (the panel never sees numbers). */
  samePhone: boolean;
  /** Same address (the address list entry, or the normalised text when the list has no match). */
  sameAddress: boolean;
  categoryCode: string | null;
  description: string;
  /** Answered, settled, filed or resolved at the revisit (`madeProgress`). */
  progressed: boolean;
}

/**
 * Words that say where or when, or how the caller feels, and nothing about the matter: they are cut
 * out before comparing, so "小区门口" or "一直没人管" never makes two matters one.
 */
const NOT_THE_MATTER =
  /小区|门口|附近|旁边|对面|隔壁|楼上|楼下|路边|这里|那里|晚上|白天|每天|经常|现在|一直|多次|反映|投诉|举报|来电|市民|希望|要求|请求|处理|解决|问题|情况|严重|没人管|还是|没有/g;

/** Similar text: at least this many distinct character bigrams of the matter in common (烧烤摊 → 烧烤, 烤摊). */
export const SIMILAR_TEXT_MIN_SHARED = 2;

/** Character bigrams of the runs of Han characters and of letters/digits, the words above cut out. */
export function textGrams(text: string): Set<string> {
  const grams = new Set<string>();
  const runs =
    text
      .toLowerCase()
      .replace(NOT_THE_MATTER, ' ')
      .match(/[\p{Script=Han}]+|[a-z0-9]+/gu) ?? [];
  for (const run of runs) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  }
  return grams;
}

/** How many distinct bigrams of the matter two descriptions share. */
export function sharedGrams(a: string, b: string): number {
  const gb = gramsOf(b);
  let shared = 0;
  for (const g of gramsOf(a)) if (gb.has(g)) shared++;
  return shared;
}

/**
 * textGrams through a small memo: an intake compares its text with up to 200 earlier calls, and a
 * burst about one place compares the same earlier texts call after call. Read-only sets.
 */
const gramsMemo = new Map<string, ReadonlySet<string>>();
const GRAMS_MEMO_SIZE = 1024;

function gramsOf(text: string): ReadonlySet<string> {
  let grams = gramsMemo.get(text);
  if (!grams) {
    if (gramsMemo.size >= GRAMS_MEMO_SIZE) gramsMemo.clear();
    grams = textGrams(text);
    gramsMemo.set(text, grams);
  }
  return grams;
}

/**
 * The part of a description the rule reads: the caller-history panel shows (and so compares) the
 * first 120 characters, and the server compares the same, so the two never disagree.
 */
export const MATTER_TEXT_CHARS = 120;

/** Two descriptions speak of the same thing (tests in matter.test.ts). */
export function similarText(a: string, b: string): boolean {
  return sharedGrams(a.slice(0, MATTER_TEXT_CHARS), b.slice(0, MATTER_TEXT_CHARS)) >= SIMILAR_TEXT_MIN_SHARED;
}

/**
 * The same matter: the same caller or the same address, and either similar text or, at the same
 * address, the same category (the rule of issue 5's links, kept). The category alone never splits a
 * matter: a barbecue stall filed once as 油烟 and once as 占道经营 is one matter.
 */
export function isSameMatter(current: Pick<MatterTicket, 'categoryCode' | 'description'>, earlier: MatterTicket): boolean {
  if (!earlier.samePhone && !earlier.sameAddress) return false;
  if (similarText(current.description, earlier.description)) return true;
  return earlier.sameAddress && current.categoryCode !== null && current.categoryCode === earlier.categoryCode;
}

export interface MatterRepeats<T extends MatterTicket> {
  /** Earlier tickets about the same matter. */
  matter: T[];
  /** Of those, the ones without progress: the repeats the rule counts. */
  withoutProgress: T[];
  /** This call makes (or keeps) the matter a supervision candidate. */
  candidate: boolean;
}

/** The repeats of a call about `current` among `earlier`, and whether they make a supervision candidate. */
export function matterRepeats<T extends MatterTicket>(
  current: Pick<MatterTicket, 'categoryCode' | 'description'>,
  earlier: readonly T[],
  /** Repeats without progress that make a candidate (`supervisionRepeats`, default 3). */
  threshold: number,
): MatterRepeats<T> {
  const matter = earlier.filter((e) => isSameMatter(current, e));
  const withoutProgress = matter.filter((e) => !e.progressed);
  return { matter, withoutProgress, candidate: withoutProgress.length >= threshold };
}

/**
 * The verdict the operator's caller-history panel shows on the call being registered, from the
 * history answer: its calls inside the repeat window, with the flags the server computed.
 */
export function historyRepeats(history: Pick<TCallerHistory, 'tickets' | 'supervisionRepeats'>, current: Pick<MatterTicket, 'categoryCode' | 'description'>) {
  const calls = history.tickets
    .filter((x) => x.inWindow)
    .map((x) => ({
      samePhone: x.reasons.includes('same_phone'),
      sameAddress: x.reasons.includes('same_address'),
      categoryCode: x.categoryCode,
      description: x.description,
      progressed: x.progressed,
    }));
  return matterRepeats(current, calls, history.supervisionRepeats);
}

/**
 * 000 三(六) "重复交办": a ticket dispatched again after an unresolved or dissatisfied revisit, round
 * after round, is a candidate once it has been dispatched again `threshold` times (round − 1 ≥ 3).
 */
export function redispatchedTooOften(round: number, threshold: number): boolean {
  return round - 1 >= threshold;
}

/**
 * Progress: answered or settled on the call, filed (备案), or archived after the citizen said it
 * was resolved. Archived as unreachable is not known to have helped, so it counts as no progress.
 */
export function madeProgress(t: { state: string; resolvedAtRevisit: boolean }): boolean {
  if (t.state === 'closed_on_call' || t.state === 'filed') return true;
  return t.state === 'archived' && t.resolvedAtRevisit;
}
