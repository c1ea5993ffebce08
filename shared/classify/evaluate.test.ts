import { describe, expect, it } from 'vitest';
import type { CategoryCode } from '../domain';
import { evaluate } from './evaluate';
import type { Classifier, RankedCategory } from './ngram-classifier';

/** A stand-in classifier that answers from a table. */
function fixed(answers: Record<string, CategoryCode[]>): Classifier {
  return {
    options: {} as Classifier['options'],
    rank: (text: string, k = 5): RankedCategory[] => (answers[text] ?? []).slice(0, k).map((code, i) => ({ code, score: 1 / (i + 2) })),
    learn: () => undefined,
    toJSON: () => {
      throw new Error('not needed');
    },
  };
}

describe('evaluate', () => {
  it('counts top-1 and top-3 hits and the most frequent confusions', () => {
    const classifier = fixed({
      a: ['noise', 'parking'],
      b: ['parking', 'noise'],
      c: ['parking', 'other', 'pets', 'noise'],
      d: ['parking'],
      e: [],
    });
    const result = evaluate(classifier, [
      { text: 'a', expect: 'noise' },
      { text: 'b', expect: 'noise' },
      { text: 'c', expect: 'noise' },
      { text: 'd', expect: 'pets' },
      { text: 'e', expect: 'pets' },
    ]);
    expect(result.n).toBe(5);
    expect(result.top1).toBeCloseTo(1 / 5);
    expect(result.top3).toBeCloseTo(2 / 5);
    expect(result.confusion).toEqual([
      { expect: 'noise', got: 'parking', count: 2 },
      { expect: 'pets', got: null, count: 1 },
      { expect: 'pets', got: 'parking', count: 1 },
    ]);
    expect(result.misses).toHaveLength(4);
  });

  it('limits the confusion pairs and copes with an empty set', () => {
    const classifier = fixed({ a: ['parking'], b: ['other'] });
    const result = evaluate(
      classifier,
      [
        { text: 'a', expect: 'noise' },
        { text: 'b', expect: 'noise' },
      ],
      { topPairs: 1 },
    );
    expect(result.confusion).toHaveLength(1);
    expect(evaluate(classifier, [])).toMatchObject({ top1: 0, top3: 0, n: 0, confusion: [] });
  });
});
