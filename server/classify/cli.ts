/**
 * `hotline classify …` (PRODUCT.md §11 "classify a text", PRODUCT.md §5 "accuracy is measured (top-1 and
 * top-3) on a held-out labelled set and printed by a command").
 *
 *   hotline classify "<text>" [--address <a>]   → {"top":[{code,score,lead,assist}],"emergency"}
 *   hotline classify --file in.jsonl             → one {"id","top":[codes],"emergency"} per line
 *   hotline classify --eval labelled.jsonl       → top-1 / top-3 accuracy and the confusions
 *
 * Without --db it uses the shipped training set and rule table (no database needed); with --db
 * the database's current rule table and operators' confirmed choices, as the server does.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { Db } from '../../db/client';
import type { evaluate } from '../../shared/classify/evaluate';
import type { Classifier } from '../../shared/classify/ngram-classifier';
import type { RuleTableView } from './rule-table';
import type { suggest } from './suggest';

// Loaded when `classify` runs, so other commands (serve, workdays…) do not pay for the model code.
const load = async () => {
  const [addresses, evaluation, model, service, rules, suggestion, data] = await Promise.all([
    import('../../db/data/jiuting-addresses'),
    import('../../shared/classify/evaluate'),
    import('../../shared/classify/ngram-classifier'),
    import('./classifier-service'),
    import('./rule-table'),
    import('./suggest'),
    import('./training-data'),
  ]);
  return { ...addresses, ...evaluation, ...model, ...service, ...rules, ...suggestion, ...data };
};
type Modules = Awaited<ReturnType<typeof load>>;

interface ClassifyOptions {
  file?: string;
  out?: string;
  eval?: string;
  address?: string;
  top: string;
  db?: boolean;
  json?: boolean;
}

/** Runs `fn` with an open, migrated database (the CLI's own helper). */
export type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function registerClassify(program: Command, withDb: WithDb): void {
  program
    .command('classify [text]')
    .description('suggest categories with lead/assisting units for a text; --file for JSON lines; --eval for accuracy')
    .option('--file <in.jsonl>', 'classify every line {"id":…,"text":…[,"address":…]}; writes one JSON line per input')
    .option('--out <out.jsonl>', 'with --file: write here instead of standard output')
    .option('--eval <labelled.jsonl>', 'top-1 / top-3 accuracy and confusions on lines {"text":…,"expect":…}')
    .option('--address <address>', 'the address of the matter (community fallback for "territorial" rules)')
    .option('--top <k>', 'how many categories (at least 3 with --file)', '3')
    .option('--db', "use the database's rule table and operators' confirmed choices (DATABASE_URL or DATA_DIR)")
    .option('--json', 'with --eval: print the result as JSON')
    .action(async (text: string | undefined, o: ClassifyOptions) => {
      const modes = [text !== undefined, Boolean(o.file), Boolean(o.eval)].filter(Boolean).length;
      if (modes !== 1) fail('give exactly one of: a text, --file <in.jsonl>, --eval <labelled.jsonl>');
      if (!/^\d{1,2}$/.test(o.top) || Number(o.top) < 1 || Number(o.top) > 19) fail(`--top: expected 1–19 (got "${o.top}")`);
      const k = Number(o.top);
      const m = await load();
      const model = async (): Promise<{ classifier: Classifier; table: RuleTableView }> => {
        if (!o.db) return { classifier: m.trainClassifier(m.shippedExamples()), table: m.shippedRuleTable() };
        return withDb(async (db) => ({ classifier: await new m.ClassifierService(db).start(), table: await m.loadRuleTable(db) }));
      };

      if (o.eval) {
        const labelled = readOrFail(m, o.eval);
        const { classifier } = await model();
        printEvaluation(m, o.eval, m.evaluate(classifier, labelled, { topPairs: 10 }), Boolean(o.json));
        return;
      }
      const { classifier, table } = await model();
      const deps = { classifier, table, book: m.JIUTING_ADDRESS_BOOK };
      if (text !== undefined) {
        const answer = m.suggest(deps, { text, address: o.address, k });
        const out = {
          top: answer.top.map((c) => ({ code: c.code, score: round(c.score), lead: c.lead?.name ?? null, assist: c.assist.map((a) => a.name) })),
          emergency: answer.emergency,
        };
        console.log(JSON.stringify(out));
        return;
      }
      if (!o.file) return;
      const bad = await classifyFile(m, o.file, o.out, Math.max(3, k), deps);
      if (bad > 0) {
        console.error(`${bad} line(s) could not be read; see the "error" lines`);
        process.exitCode = 1;
      }
    });
}

function readOrFail(m: Modules, file: string) {
  try {
    return m.readLabelledFile(file);
  } catch (err) {
    fail((err as Error).message);
  }
}

/** Streams the file: thousands of lines at well under a millisecond each. Returns the bad lines. */
async function classifyFile(m: Modules, file: string, outFile: string | undefined, k: number, deps: Parameters<typeof suggest>[0]): Promise<number> {
  const input = createReadStream(file, 'utf8');
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', reject);
  });
  await opened.catch((err: Error) => fail(`--file: ${err.message}`));
  const out = outFile ? createWriteStream(outFile) : process.stdout;
  let bad = 0;
  let chunk: string[] = [];
  const flush = async () => {
    if (!chunk.length) return;
    const ok = out.write(chunk.join(''));
    chunk = [];
    if (!ok) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  let lineNo = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNo++;
    if (line.trim() === '') continue;
    let row: { id?: unknown; text?: unknown; address?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      bad++;
      chunk.push(`${JSON.stringify({ id: null, line: lineNo, error: 'not JSON' })}\n`);
      continue;
    }
    if (typeof row?.text !== 'string') {
      bad++;
      chunk.push(`${JSON.stringify({ id: row?.id ?? null, line: lineNo, error: 'no "text"' })}\n`);
      continue;
    }
    const answer = m.suggest(deps, { text: row.text, address: typeof row.address === 'string' ? row.address : undefined, k });
    chunk.push(`${JSON.stringify({ id: row.id ?? null, top: answer.top.map((c) => c.code), emergency: answer.emergency })}\n`);
    if (chunk.length >= 512) await flush();
  }
  await flush();
  if (out !== process.stdout) await new Promise<void>((resolve) => (out as ReturnType<typeof createWriteStream>).end(resolve));
  return bad;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function printEvaluation(m: Modules, file: string, result: ReturnType<typeof evaluate>, json: boolean) {
  if (json) {
    console.log(JSON.stringify({ file, n: result.n, top1: round(result.top1), top3: round(result.top3), confusion: result.confusion }));
    return;
  }
  const lines = [
    `held-out set: ${file} (${result.n} texts)`,
    `top-1 accuracy: ${pct(result.top1)} (${Math.round(result.top1 * result.n)}/${result.n})`,
    `top-3 accuracy: ${pct(result.top3)} (${Math.round(result.top3 * result.n)}/${result.n})`,
    result.confusion.length ? 'most frequent mistakes of the first suggestion (count  expected → suggested):' : 'no mistakes',
    ...result.confusion.map(
      (c) => `  ${String(c.count).padStart(3)}  ${c.expect} ${m.categoryLabel(c.expect)} → ${c.got ? `${c.got} ${m.categoryLabel(c.got)}` : '(none)'}`,
    ),
  ];
  console.log(lines.join('\n'));
}
