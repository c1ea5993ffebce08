import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('ReadCache', () => {
  it('shares an answer for its time to live, then computes it again', async () => {
    let now = 0;
    let computed = 0;
    const cache = new ReadCache<number>({ ttlMs: 5000, maxEntries: 10, maxConcurrent: 2, clock: () => now });
    const compute = async () => ++computed;
    expect(await cache.get('a', compute)).toBe(1);
    now = 4999;
    expect(await cache.get('a', compute)).toBe(1);
    now = 5000;
    expect(await cache.get('a', compute)).toBe(2);
    expect(await cache.get('b', compute)).toBe(3);
  });

  it('lets readers asking at the same moment wait for one computation', async () => {
    const cache = new ReadCache<string>({ ttlMs: 5000, maxEntries: 10, maxConcurrent: 2, clock: () => 0 });
    const d = deferred<string>();
    let calls = 0;
    const all = Promise.all(Array.from({ length: 20 }, () => cache.get('page', () => (calls++, d.promise))));
    d.resolve('answer');
    expect(await all).toEqual(Array(20).fill('answer'));
    expect(calls).toBe(1);
  });

  it('computes at most maxConcurrent different answers at once; the rest wait their turn', async () => {
    const cache = new ReadCache<number>({ ttlMs: 5000, maxEntries: 10, maxConcurrent: 2, clock: () => 0 });
    const gates = Array.from({ length: 4 }, () => deferred<number>());
    let started = 0;
    const answers = gates.map((g, i) => cache.get(`k${i}`, () => (started++, g.promise)));
    await Promise.resolve();
    expect(started).toBe(2);
    gates[0]!.resolve(0);
    await answers[0];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toBe(3);
    gates.slice(1).forEach((g, i) => g.resolve(i + 1));
    expect(await Promise.all(answers)).toEqual([0, 1, 2, 3]);
  });

  it('keeps no failed computation and no more than maxEntries answers', async () => {
    const cache = new ReadCache<number>({ ttlMs: 5000, maxEntries: 2, maxConcurrent: 2, clock: () => 0 });
    await expect(cache.get('x', async () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get('x', async () => 1)).toBe(1);
    let computed = 0;
    await cache.get('y', async () => ++computed);
    await cache.get('z', async () => ++computed);
    // x was the oldest and is gone; y and z are kept.
    expect(await cache.get('x', async () => 99)).toBe(99);
    expect(await cache.get('z', async () => ++computed)).toBe(2);
  });
});
