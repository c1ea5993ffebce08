import type { CategoryCode } from '../domain';
import type { LabelledExample } from './labelled-examples';
import type { Classifier } from './ngram-classifier';

/** PRODUCT.md §5: accuracy is measured (top-1 and top-3) on a held-out labelled set. */
export interface EvaluationResult {
  /** Share of examples whose first suggestion is the expected category (0–1). */
  top1: number;
  /** Share of examples whose expected category is among the first three suggestions (0–1). */
  top3: number;
  n: number;
  /** The most frequent mistakes of the first suggestion, most frequent first. */
  confusion: ConfusionPair[];
  /** Texts whose first suggestion was wrong, in input order (for reading the mistakes). */
  misses: { text: string; expect: CategoryCode; got: CategoryCode | null }[];
}

export interface ConfusionPair {
  expect: CategoryCode;
  got: CategoryCode | null;
  count: number;
}

export interface EvaluateOptions {
  /** How many confusion pairs to report. */
  topPairs: number;
}

export function evaluate(classifier: Classifier, labelled: readonly LabelledExample[], opts: Partial<EvaluateOptions> = {}): EvaluationResult {
  const { topPairs = 10 } = opts;
  let hits1 = 0;
  let hits3 = 0;
  const pairs = new Map<string, ConfusionPair>();
  const misses: EvaluationResult['misses'] = [];
  for (const { text, expect } of labelled) {
    const ranked = classifier.rank(text, 3);
    const got = ranked[0]?.code ?? null;
    if (got === expect) hits1++;
    else {
      misses.push({ text, expect, got });
      const key = `${expect}>${got ?? ''}`;
      const pair = pairs.get(key) ?? { expect, got, count: 0 };
      pair.count++;
      pairs.set(key, pair);
    }
    if (ranked.some((row) => row.code === expect)) hits3++;
  }
  const n = labelled.length;
  const confusion = [...pairs.values()]
    // Stable order for equal counts so reports diff cleanly.
    .sort((a, b) => b.count - a.count || a.expect.localeCompare(b.expect) || (a.got ?? '').localeCompare(b.got ?? ''))
    .slice(0, topPairs);
  return { top1: n ? hits1 / n : 0, top3: n ? hits3 / n : 0, n, confusion, misses };
}
