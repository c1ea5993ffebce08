import { afterEach, describe, expect, it, vi } from 'vitest';
import { every } from './every';

describe('every', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at once and on each tick, never two runs at once, and goes on after a failure', async () => {
    vi.useFakeTimers();
    const started: number[] = [];
    const errors: unknown[] = [];
    let finish: (() => void) | null = null;
    let run = 0;
    const stop = every(
      1000,
      () => {
        run++;
        started.push(run);
        if (run === 2) return Promise.reject(new Error('database away'));
        // The first run hangs until released: the ticks meanwhile must not start another.
        return run === 1 ? new Promise<void>((resolve) => (finish = resolve)) : Promise.resolve();
      },
      (err) => errors.push(err),
    );
    expect(started).toEqual([1]);
    await vi.advanceTimersByTimeAsync(3500);
    expect(started).toEqual([1]);
    finish!();
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toEqual([1, 2]);
    expect(errors).toEqual([new Error('database away')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toEqual([1, 2, 3]);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(started).toEqual([1, 2, 3]);
  });
});
