/**
 * The public list's answers, shared for a few seconds (issue 14 item 5: anonymous readers must
 * not slow the operators down). Readers asking the same page within `ttlMs` get one rendered
 * answer; readers asking at the same moment wait for one computation (single flight); and at
 * most `maxConcurrent` different pages are computed at once, the rest wait their turn — so a
 * crowd of readers costs the event loop a bounded amount of work whatever it asks. Public data
 * a few seconds old is what a citizen's app shows anyway; the console's own screens never read
 * through here. Time is the machine's monotonic clock: this is a cache, not a domain deadline.
 */

export interface ReadCacheOptions {
  /** How long an answer is shared. */
  ttlMs: number;
  /** Answers kept at most (oldest dropped first). */
  maxEntries: number;
  /** Different answers computed at the same time at most. */
  maxConcurrent: number;
  /** Monotonic milliseconds (tests pass their own). */
  clock?: () => number;
}

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

export class ReadCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private readonly clock: () => number;

  constructor(private readonly opts: ReadCacheOptions) {
    this.clock = opts.clock ?? (() => performance.now());
  }

  /** The shared answer for `key`, computing it when there is none fresh. A failed computation is not kept. */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.opts.ttlMs) return hit.value;
    const value = this.limited(compute);
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    while (this.entries.size > this.opts.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  private async limited(compute: () => Promise<T>): Promise<T> {
    if (this.running >= this.opts.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await compute();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
