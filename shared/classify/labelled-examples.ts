import { CATEGORY_CODES, type CategoryCode } from '../domain';

/** One labelled description: what the caller said and the category an operator chose. */
export interface LabelledExample {
  text: string;
  expect: CategoryCode;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(CATEGORY_CODES);

export function isCategoryCode(value: unknown): value is CategoryCode {
  return typeof value === 'string' && KNOWN_CODES.has(value);
}

/**
 * Parses the JSON-lines files of db/data (`{"text": "...", "expect": "<category code>"}` per
 * line). Takes the file's text so shared/ stays free of fs. Blank lines are skipped; a bad line
 * throws with its line number, so a broken data file fails loudly instead of training on less.
 */
export function parseLabelledJsonl(fileText: string): LabelledExample[] {
  const examples: LabelledExample[] = [];
  const lines = fileText.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`line ${index + 1}: not JSON`);
    }
    if (typeof row !== 'object' || row === null) throw new Error(`line ${index + 1}: not an object`);
    const { text, expect } = row as { text?: unknown; expect?: unknown };
    if (typeof text !== 'string' || text.trim() === '') throw new Error(`line ${index + 1}: no text`);
    if (!isCategoryCode(expect)) throw new Error(`line ${index + 1}: unknown category ${String(expect)}`);
    examples.push({ text, expect });
  });
  return examples;
}
