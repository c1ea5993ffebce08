/** The shipped labelled examples (db/data), read once per process. Never the held-out set. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLabelledJsonl, type LabelledExample } from '../../shared/classify/labelled-examples';

export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'db', 'data');
export const TRAIN_FILE = path.join(DATA_DIR, 'classifier-train.jsonl');
/** Held out: evaluation only (`hotline classify --eval`), never training. */
export const EVAL_FILE = path.join(DATA_DIR, 'classifier-eval.jsonl');

let shipped: LabelledExample[] | null = null;

export function shippedExamples(): LabelledExample[] {
  shipped ??= readLabelledFile(TRAIN_FILE);
  return shipped;
}

export function readLabelledFile(file: string): LabelledExample[] {
  try {
    return parseLabelledJsonl(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
  }
}
