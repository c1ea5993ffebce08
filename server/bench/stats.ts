/** Small numeric helpers for the benchmarks: percentiles, rates, rounding, a text table. */

export interface Distribution {
  n: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of millisecond samples. */
export function distribution(samples: number[]): Distribution {
  if (samples.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1)!, mean: sorted.reduce((s, x) => s + x, 0) / sorted.length };
}

export const round = (x: number, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : NaN);
export const ms = (x: number) => (Number.isFinite(x) ? (x < 10 ? `${round(x, 2)} ms` : `${round(x, 1)} ms`) : '—');
/** A count as the report prints it: 1,000,000. */
export const count = (x: number) => x.toLocaleString('en');
export const mib = (bytes: number) => `${round(bytes / 1024 / 1024, 1)} MiB`;
export const kib = (bytes: number) => `${round(bytes / 1024, 1)} KiB`;
export const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${round(a / b, 2)}×` : '—');

/** A fixed-width table for the terminal; the same rows go into docs/PERFORMANCE.md. */
export function textTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(head: string[], rows: string[][]): string {
  const esc = (c: string) => c.replaceAll('|', '\\|');
  return [`| ${head.map(esc).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

/** Runs `fn` until `deadline`, with `concurrency` loops; returns per-call latencies (ms) and errors. */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  fn: (worker: number, i: number) => Promise<void>,
): Promise<{ latencies: number[]; errors: number; seconds: number; firstError?: string }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        try {
          await fn(worker, i);
          latencies.push(performance.now() - t0);
        } catch (err) {
          errors++;
          firstError ??= (err as Error).message;
        }
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - started) / 1000, ...(firstError ? { firstError } : {}) };
}
