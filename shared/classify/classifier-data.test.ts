import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES } from '../domain';
import { parseLabelledJsonl, type LabelledExample } from './labelled-examples';
import { charNgrams, normalizeText } from './normalize-text';

// shared/ stays free of fs; the tests read db/data themselves.
function load(name: string): LabelledExample[] {
  return parseLabelledJsonl(readFileSync(new URL(`../../db/data/${name}`, import.meta.url), 'utf8'));
}

const train = load('classifier-train.jsonl');
const heldOut = load('classifier-eval.jsonl');

function perCategory(examples: LabelledExample[]): Map<string, number> {
  const counts = new Map<string, number>(CATEGORY_CODES.map((code) => [code, 0]));
  for (const { expect: code } of examples) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}

function bigrams(text: string): Set<string> {
  return new Set(charNgrams(text, 2, 2).keys());
}

describe('labelled data (db/data)', () => {
  it('has at least 40 training and 12 held-out examples in every category', () => {
    for (const [code, count] of perCategory(train)) expect(count, code).toBeGreaterThanOrEqual(40);
    for (const [code, count] of perCategory(heldOut)) expect(count, code).toBeGreaterThanOrEqual(12);
  });

  it('has no duplicates inside a set or across the sets (after normalisation)', () => {
    const seen = new Map<string, string>();
    for (const [set, examples] of [
      ['train', train],
      ['eval', heldOut],
    ] as const) {
      for (const { text } of examples) {
        const key = normalizeText(text);
        expect(seen.get(key), `${set}: ${text}`).toBeUndefined();
        seen.set(key, set);
      }
    }
  });

  it('held-out lines are not paraphrases of training lines (bigram Jaccard < 0.5)', () => {
    const trainGrams = train.map((example) => ({ text: example.text, grams: bigrams(example.text) }));
    for (const { text } of heldOut) {
      const grams = bigrams(text);
      for (const other of trainGrams) {
        let shared = 0;
        for (const gram of grams) if (other.grams.has(gram)) shared++;
        const jaccard = shared / (grams.size + other.grams.size - shared);
        expect(jaccard, `${text} ~ ${other.text}`).toBeLessThan(0.5);
      }
    }
  });
});

describe('parseLabelledJsonl', () => {
  it('skips blank lines and reads text and expect', () => {
    expect(parseLabelledJsonl('{"text":"路灯不亮","expect":"roads_lights"}\n\n')).toEqual([{ text: '路灯不亮', expect: 'roads_lights' }]);
  });

  it('throws with the line number on an unknown category or bad JSON', () => {
    expect(() => parseLabelledJsonl('{"text":"a","expect":"roads_lights"}\n{"text":"b","expect":"ufo"}')).toThrow('line 2: unknown category ufo');
    expect(() => parseLabelledJsonl('{oops')).toThrow('line 1: not JSON');
  });
});
