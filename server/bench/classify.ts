/**
 * PRODUCT.md §5 "in milliseconds while the operator types": what a suggestion costs, measured outside the
 * test suite (timed unit tests flake on a busy machine). `node --import tsx server/bench/classify.ts`
 * prints the figures; `benchClassify()` returns them for `npm run bench`.
 */
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { JIUTING_ADDRESS_BOOK } from '../../db/data/jiuting-addresses';
import { evaluate } from '../../shared/classify/evaluate';
import { trainClassifier } from '../../shared/classify/ngram-classifier';
import { shippedRuleTable } from '../classify/rule-table';
import { suggest } from '../classify/suggest';
import { EVAL_FILE, readLabelledFile, shippedExamples } from '../classify/training-data';

export interface LatencyFigures {
  n: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ClassifyBenchFigures {
  trainingExamples: number;
  trainingMs: number;
  heldOut: { n: number; top1: number; top3: number };
  /** classifier.rank alone, per held-out text. */
  rank: LatencyFigures;
  /** What /api/suggest computes per keystroke: rank + rule table + emergency rules + address. */
  suggest: LatencyFigures;
  /** A long description (≈1,000 characters): the worst case an operator produces. */
  suggestLong: LatencyFigures;
  /** learn(): one operator's confirmed choice. */
  learn: LatencyFigures;
  /** `hotline classify --file`: texts per second through suggest(). */
  batchTextsPerSecond: number;
  /** CPU time (user + system) per suggest() over the batch: what the work costs when the box is busy with others. */
  suggestCpuMsPerText: number;
  /** The machine while measuring: tail latencies on a loaded 2-core box are the scheduler's, not ours. */
  machine: { cpus: number; loadAverage1m: number };
}

export interface BenchOptions {
  /** Passes over the held-out texts for the latency figures. */
  rounds: number;
}

function latency(samples: number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: samples.length,
    meanMs: r(samples.reduce((s, x) => s + x, 0) / samples.length),
    p50Ms: r(at(0.5)),
    p99Ms: r(at(0.99)),
    maxMs: r(sorted.at(-1) ?? 0),
  };
}

function time(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

export function benchClassify(opts: Partial<BenchOptions> = {}): ClassifyBenchFigures {
  const { rounds = 10 } = opts;
  const train = shippedExamples();
  const heldOut = readLabelledFile(EVAL_FILE);
  let classifier = trainClassifier(train.slice(0, 50));
  const trainingMs = time(() => {
    classifier = trainClassifier(train);
  });
  const table = shippedRuleTable();
  const deps = { classifier, table, book: JIUTING_ADDRESS_BOOK };
  const addresses = JIUTING_ADDRESS_BOOK.addresses.map((a) => a.address);
  // Warm up the JIT before measuring.
  for (const { text } of heldOut) suggest(deps, { text, address: addresses[0] });

  const rank: number[] = [];
  const suggestMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    heldOut.forEach(({ text }, i) => {
      rank.push(time(() => classifier.rank(text, 3)));
      suggestMs.push(time(() => suggest(deps, { text, address: addresses[(i + r) % addresses.length] })));
    });
  }
  const long = heldOut
    .map((e) => e.text)
    .join('。')
    .slice(0, 1000);
  const suggestLong = Array.from({ length: 200 }, () => time(() => suggest(deps, { text: long, address: addresses[0] })));

  const learner = trainClassifier(train);
  const learn = heldOut.slice(0, 100).map(({ text, expect }) => time(() => learner.learn(text, expect)));

  const batch = heldOut.map((e) => e.text);
  const batchRounds = 5;
  const cpuBefore = process.cpuUsage();
  const batchMs = time(() => {
    for (let r = 0; r < batchRounds; r++) for (const text of batch) suggest(deps, { text, k: 3 });
  });
  const cpu = process.cpuUsage(cpuBefore);

  const accuracy = evaluate(classifier, heldOut);
  return {
    trainingExamples: train.length,
    trainingMs: Math.round(trainingMs),
    heldOut: { n: accuracy.n, top1: Math.round(accuracy.top1 * 1000) / 1000, top3: Math.round(accuracy.top3 * 1000) / 1000 },
    rank: latency(rank),
    suggest: latency(suggestMs),
    suggestLong: latency(suggestLong),
    learn: latency(learn),
    batchTextsPerSecond: Math.round((batch.length * batchRounds) / (batchMs / 1000)),
    suggestCpuMsPerText: Math.round(((cpu.user + cpu.system) / 1000 / (batch.length * batchRounds)) * 1000) / 1000,
    machine: { cpus: availableParallelism(), loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = benchClassify();
  console.log(JSON.stringify(figures, null, 2));
  const worst = Math.max(figures.suggest.p99Ms, figures.suggestLong.p99Ms);
  console.log(
    `\nsuggest: median ${figures.suggest.p50Ms} ms, p99 ${figures.suggest.p99Ms} ms (long text p99 ${figures.suggestLong.p99Ms} ms), ` +
      `CPU ${figures.suggestCpuMsPerText} ms per text — target < 5 ms: ${worst < 5 ? 'met' : `p99 MISSED (load average ${figures.machine.loadAverage1m} on ${figures.machine.cpus} CPUs)`}`,
  );
}
