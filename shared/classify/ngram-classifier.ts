import { CATEGORY_CODES, type CategoryCode } from '../domain';
import { isCategoryCode, type LabelledExample } from './labelled-examples';
import { charNgrams } from './normalize-text';

/**
 * PRODUCT.md §5 "Suggestion": multinomial logistic regression (softmax) over character 1–3-grams of
 * the description. Chosen over naive Bayes (multinomial and complement), which this file first
 * used: on 5-fold cross-validation of the training set LR's top-1 was ≈5 points higher, i.e. it
 * generalises better to scenarios no training line describes (see classify.test.ts for the
 * held-out numbers).
 *
 * Deterministic: the training order is shuffled by a seeded generator and all arithmetic is in
 * a fixed order, so the same examples and options give the same weights.
 */

export interface ClassifierOptions {
  /** Shortest n-gram, in characters. */
  minN: number;
  /** Longest n-gram, in characters. */
  maxN: number;
  /**
   * Keep an n-gram of length ≥ 3 only if at least this many training texts contain it. Rare long
   * grams mostly memorise single lines; dropping them keeps the model small and no less accurate.
   */
  minLongGramDocs: number;
  /** Passes over the training set. */
  epochs: number;
  /** SGD step size at epoch 0; it decays as rate / (1 + 0.1·epoch). */
  learningRate: number;
  /** L2 penalty on the weights of the n-grams an example touches. */
  l2: number;
  /** Seed of the training-order shuffle. */
  seed: number;
  /** Most SGD steps one operator confirmation may take (`learn`). */
  learnSteps: number;
  /** Step size of those steps. */
  learnRate: number;
  /**
   * `learn` stops once the confirmed category ranks first with at least this probability, so a
   * confirmation is learned firmly enough to carry over to similar wording, and no further.
   */
  learnConfidence: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  minN: 1,
  maxN: 3,
  minLongGramDocs: 2,
  epochs: 20,
  learningRate: 1,
  l2: 1e-3,
  seed: 12345,
  learnSteps: 8,
  learnRate: 0.5,
  learnConfidence: 0.6,
};

export interface RankedCategory {
  code: CategoryCode;
  /** Probability of the category given the text (softmax); all categories together sum to 1. */
  score: number;
}

/** The persisted form: plain JSON, weights as base64 little-endian float32 (exact round trip). */
export interface ClassifierJSON {
  format: 'ngram-logreg';
  version: 1;
  options: ClassifierOptions;
  codes: CategoryCode[];
  bias: number[];
  /** n-grams in feature order; feature i's weights are floats [i·codes.length, (i+1)·codes.length). */
  vocabulary: string[];
  weights: string;
}

export interface Classifier {
  readonly options: Readonly<ClassifierOptions>;
  /**
   * Top k categories for the text, best first; ties in CATEGORY_CODES order. Empty when the text
   * has no character the model knows (nothing typed yet).
   */
  rank(text: string, k?: number): RankedCategory[];
  /**
   * An operator's confirmed choice: a few SGD steps on this text towards `code`, stopping once
   * `code` ranks first with `learnConfidence`. N-grams the model has never seen are added, so new
   * wording is learned.
   */
  learn(text: string, code: CategoryCode): void;
  toJSON(): ClassifierJSON;
}

const CODES: readonly CategoryCode[] = CATEGORY_CODES;
const C = CODES.length;
const CODE_INDEX: ReadonlyMap<CategoryCode, number> = new Map(CODES.map((code, index) => [code, index] as const));

/** A text as (feature row, value) pairs, values L2-normalised so long calls don't dominate. */
interface Encoded {
  rows: Float32Array[];
  values: number[];
}

class NgramLogisticRegression implements Classifier {
  readonly options: Readonly<ClassifierOptions>;
  private readonly vocabulary = new Map<string, Float32Array>();
  private readonly bias = new Float32Array(C);

  constructor(options: ClassifierOptions) {
    this.options = Object.freeze({ ...options });
  }

  private grams(text: string): string[] {
    return [...charNgrams(text, this.options.minN, this.options.maxN).keys()];
  }

  /** Known n-grams only, unless `grow`: then unseen n-grams get a zero row first. */
  encode(text: string, grow = false): Encoded {
    const rows: Float32Array[] = [];
    for (const gram of this.grams(text)) {
      let row = this.vocabulary.get(gram);
      if (!row && grow) {
        row = new Float32Array(C);
        this.vocabulary.set(gram, row);
      }
      if (row) rows.push(row);
    }
    const value = rows.length ? 1 / Math.sqrt(rows.length) : 0;
    return { rows, values: rows.map(() => value) };
  }

  /** Adds the vocabulary of a training set (insertion order = first occurrence → deterministic). */
  buildVocabulary(texts: readonly string[]): void {
    const docs = new Map<string, number>();
    for (const text of texts) for (const gram of this.grams(text)) docs.set(gram, (docs.get(gram) ?? 0) + 1);
    for (const [gram, count] of docs) {
      const long = Array.from(gram).length >= 3;
      if (long && count < this.options.minLongGramDocs) continue;
      this.vocabulary.set(gram, new Float32Array(C));
    }
  }

  private probabilities(encoded: Encoded): Float64Array {
    const z = Float64Array.from(this.bias);
    encoded.rows.forEach((row, i) => {
      const v = encoded.values[i] ?? 0;
      for (let c = 0; c < C; c++) z[c] = (z[c] ?? 0) + (row[c] ?? 0) * v;
    });
    let max = Number.NEGATIVE_INFINITY;
    for (const value of z) if (value > max) max = value;
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp((z[c] ?? 0) - max);
      z[c] = e;
      sum += e;
    }
    for (let c = 0; c < C; c++) z[c] = (z[c] ?? 0) / sum;
    return z;
  }

  /**
   * One SGD step of the softmax cross-entropy loss on one example. `learn` leaves the bias alone:
   * one confirmation is about this wording, and must not tilt every other call towards its category.
   */
  step(encoded: Encoded, target: number, rate: number, updateBias = true): void {
    const p = this.probabilities(encoded);
    const { l2 } = this.options;
    for (let c = 0; c < C; c++) {
      const gradient = (p[c] ?? 0) - (c === target ? 1 : 0);
      if (updateBias) this.bias[c] = (this.bias[c] ?? 0) - rate * gradient;
      encoded.rows.forEach((row, i) => {
        const w = row[c] ?? 0;
        row[c] = w - rate * (gradient * (encoded.values[i] ?? 0) + l2 * w);
      });
    }
  }

  fit(examples: readonly LabelledExample[]): void {
    const data = examples.map((example) => ({
      encoded: this.encode(example.text),
      target: CODE_INDEX.get(example.expect) ?? -1,
    }));
    if (data.some((row) => row.target < 0)) throw new Error('training example with an unknown category');
    const order = data.map((_, i) => i);
    const random = mulberry32(this.options.seed);
    for (let epoch = 0; epoch < this.options.epochs; epoch++) {
      shuffle(order, random);
      const rate = this.options.learningRate / (1 + 0.1 * epoch);
      for (const i of order) {
        const row = data[i];
        if (row) this.step(row.encoded, row.target, rate);
      }
    }
  }

  rank(text: string, k = 5): RankedCategory[] {
    const encoded = this.encode(text);
    // Nothing typed yet, or no known character: no suggestion rather than the class priors.
    if (encoded.rows.length === 0) return [];
    const p = this.probabilities(encoded);
    return Array.from(p, (score, index) => ({ score, index }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, Math.max(0, k))
      .map(({ score, index }) => ({ code: CODES[index] as CategoryCode, score }));
  }

  learn(text: string, code: CategoryCode): void {
    const target = CODE_INDEX.get(code);
    if (target === undefined) throw new Error(`unknown category ${String(code)}`);
    const encoded = this.encode(text, true);
    if (encoded.rows.length === 0) return;
    for (let s = 0; s < this.options.learnSteps; s++) {
      this.step(encoded, target, this.options.learnRate, false);
      const top = this.rank(text, 1)[0];
      if (top?.code === code && top.score >= this.options.learnConfidence) break;
    }
  }

  toJSON(): ClassifierJSON {
    const vocabulary = [...this.vocabulary.keys()];
    const flat = new Float32Array(vocabulary.length * C);
    let offset = 0;
    for (const row of this.vocabulary.values()) {
      flat.set(row, offset);
      offset += C;
    }
    return {
      format: 'ngram-logreg',
      version: 1,
      options: { ...this.options },
      codes: [...CODES],
      bias: Array.from(this.bias),
      vocabulary,
      weights: float32ToBase64(flat),
    };
  }

  load(json: ClassifierJSON): void {
    // Map the stored category order onto today's, so a table that gained a code still loads.
    const remap = json.codes.map((code) => (isCategoryCode(code) ? CODE_INDEX.get(code) : undefined));
    const width = json.codes.length;
    json.bias.forEach((b, i) => {
      const c = remap[i];
      if (c !== undefined) this.bias[c] = b;
    });
    const flat = base64ToFloat32(json.weights);
    if (flat.length !== json.vocabulary.length * width) throw new Error('classifier weights do not match vocabulary');
    json.vocabulary.forEach((gram, f) => {
      const row = new Float32Array(C);
      for (let i = 0; i < width; i++) {
        const c = remap[i];
        if (c !== undefined) row[c] = flat[f * width + i] ?? 0;
      }
      this.vocabulary.set(gram, row);
    });
  }
}

/** Trains a classifier from labelled examples (deterministic: same examples → same model). */
export function trainClassifier(examples: readonly LabelledExample[], opts: Partial<ClassifierOptions> = {}): Classifier {
  const model = new NgramLogisticRegression({ ...DEFAULT_CLASSIFIER_OPTIONS, ...opts });
  model.buildVocabulary(examples.map((example) => example.text));
  model.fit(examples);
  return model;
}

/** Restores a classifier saved with `toJSON()`, including what it learned from operators. */
export function classifierFromJSON(json: ClassifierJSON): Classifier {
  if (json.format !== 'ngram-logreg' || json.version !== 1) {
    throw new Error(`unsupported classifier format ${String(json.format)} v${String(json.version)}`);
  }
  const model = new NgramLogisticRegression({ ...DEFAULT_CLASSIFIER_OPTIONS, ...json.options });
  model.load(json);
  return model;
}

/** Small seeded PRNG (mulberry32): deterministic shuffles without a dependency. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i] as number;
    order[i] = order[j] as number;
    order[j] = tmp;
  }
}

// Little-endian on every platform we run on (x86, ARM); DataView keeps it explicit anyway.
function float32ToBase64(values: Float32Array): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  const bytes = new Uint8Array(view.buffer);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function base64ToFloat32(text: string): Float32Array {
  const binary = atob(text);
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const values = new Float32Array(binary.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return values;
}
