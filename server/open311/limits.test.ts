import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { open311Gate } from './limits';

/** Just enough of express's response for the gate: events, headers, an answer. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  headers: Record<string, string> = {};
  body: string | null = null;
  setHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  type() {
    return this;
  }
  send(body: string) {
    this.body = body;
    this.emit('finish');
    return this;
  }
}

describe('open311Gate', () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
  });
  afterEach(() => vi.useRealTimers());

  const request = (gate: ReturnType<typeof open311Gate>) => {
    const res = new FakeResponse();
    const next = vi.fn() as unknown as NextFunction & ReturnType<typeof vi.fn>;
    gate({ path: '/v2/requests.json' } as Request, res as unknown as Response, next);
    return { res, next, admitted: () => next.mock.calls.length > 0 };
  };
  const advance = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };

  it('lets in a burst of a fifth of the rate, then one request per 1/rate seconds', () => {
    const gate = open311Gate({ perSecond: 50, maxInFlight: 100, maxWaiting: 100, clock: () => now });
    const all = Array.from({ length: 15 }, () => request(gate));
    expect(all.filter((r) => r.admitted())).toHaveLength(10);
    advance(20);
    expect(all.filter((r) => r.admitted())).toHaveLength(11);
    advance(80);
    expect(all.filter((r) => r.admitted())).toHaveLength(15);
  });

  it('works on at most maxInFlight at once; an answer lets the next one in', () => {
    const gate = open311Gate({ perSecond: 1000, maxInFlight: 2, maxWaiting: 100, clock: () => now });
    const [a, b, c] = [request(gate), request(gate), request(gate)];
    expect([a.admitted(), b.admitted(), c.admitted()]).toEqual([true, true, false]);
    a.res.send('done');
    expect(c.admitted()).toBe(true);
    // A finished request frees its place once, however many events it sends.
    a.res.emit('close');
    const d = request(gate);
    expect(d.admitted()).toBe(false);
  });

  it('forgets a client that went away while waiting', () => {
    const gate = open311Gate({ perSecond: 1000, maxInFlight: 1, maxWaiting: 100, clock: () => now });
    const a = request(gate);
    const gone = request(gate);
    const c = request(gate);
    gone.res.emit('close');
    a.res.send('done');
    expect([gone.admitted(), c.admitted()]).toEqual([false, true]);
  });

  it('answers 503 in the standard’s shape when too many wait', () => {
    const gate = open311Gate({ perSecond: 1000, maxInFlight: 1, maxWaiting: 1, clock: () => now });
    request(gate);
    request(gate);
    const turnedAway = request(gate);
    expect(turnedAway.admitted()).toBe(false);
    expect([turnedAway.res.statusCode, turnedAway.res.headers['retry-after'], JSON.parse(turnedAway.res.body ?? '')]).toEqual([
      503,
      '1',
      [{ code: 503, description: '服务繁忙，请稍后再试（Service busy）' }],
    ]);
  });
});
