/**
 * Which code reads the machine's clock (`new Date()` with no argument, `Date.now()`) while a test
 * file runs: a vitest setup file, on when CLOCK_READS=<folder>. Each file writes
 * <folder>/<file>.json with the places in this repository (first frame outside node_modules) that
 * read the clock (the code calling Date: a library's own timing does not count). How the date-shifted CI runs chose their suites (docs/decisions/ci.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect } from 'vitest';

const out = process.env.CLOCK_READS;
if (out) {
  const RealDate = Date;
  const repo = process.cwd() + path.sep;
  const reads = new Map<string, number>();
  /** Counts a read when the code calling Date is ours (a library's own timing is not a business date). */
  const record = () => {
    const holder: { stack?: string } = {};
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 3;
    Error.captureStackTrace(holder, record);
    Error.stackTraceLimit = limit;
    // Line 0 is "Error"; then TracedDate's constructor or now(); then its caller.
    const caller = (holder.stack ?? '').split('\n').find((l, i) => i > 0 && !l.includes('clock-reads.ts'));
    const m = caller ? /\(?((?:file:\/\/)?\/[^():]+):(\d+)/.exec(caller) : null;
    const file = m?.[1]?.replace('file://', '');
    if (!file || !file.startsWith(repo) || file.includes('node_modules')) return;
    const where = `${file.slice(repo.length)}:${m![2]}`;
    reads.set(where, (reads.get(where) ?? 0) + 1);
  };
  class TracedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) record();
      // @ts-expect-error spread into Date's overloads
      super(...args);
    }
    static override now() {
      record();
      return RealDate.now();
    }
  }
  globalThis.Date = TracedDate as DateConstructor;
  afterAll(() => {
    const file = expect.getState().testPath ?? 'unknown';
    const rel = path.relative(process.cwd(), file);
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, rel.replaceAll('/', '__') + '.json'), JSON.stringify({ file: rel, reads: Object.fromEntries(reads) }, null, 1));
  });
}
