import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCallSignal, deriveStatus, type CallFacts, type CallSignal } from './call-status';

const t = (s: number) => new Date(Date.UTC(2026, 10, 23, 2, 0, s));
const fresh = (direction: 'inbound' | 'outbound'): CallFacts => ({
  direction,
  status: direction === 'inbound' ? 'ringing' : 'initiated',
  queuedAt: null,
  ringingAt: null,
  answeredAt: null,
  endedAt: null,
  endReason: null,
  dialResult: null,
  waitSeconds: null,
  talkSeconds: null,
});
const run = (start: CallFacts, signals: CallSignal[]) => signals.reduce((f, s) => applyCallSignal(f, s) ?? f, start);
const outcome = (f: CallFacts) => ({ status: f.status, answeredAt: f.answeredAt, endedAt: f.endedAt, waitSeconds: f.waitSeconds, talkSeconds: f.talkSeconds });

describe('call status machine', () => {
  it('derives an answered inbound call the same from any order of its callbacks, duplicates included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 600 }),
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5 }),
        (wait, talk, order) => {
          // The voice webhook comes first (it creates the call); everything after may arrive in any order, twice.
          const queued = run(fresh('inbound'), [{ kind: 'queued', at: t(0) }]);
          const rest: CallSignal[] = [
            { kind: 'ringing', at: t(0) },
            { kind: 'answered', at: t(wait) },
            { kind: 'answered', at: t(wait) },
            { kind: 'ended', at: t(wait + talk), reason: 'completed' },
            { kind: 'ended', at: t(wait + talk), reason: 'completed' },
          ];
          const shuffled = order.map((i) => rest[i]!);
          expect(outcome(run(queued, shuffled))).toEqual({
            status: 'completed',
            answeredAt: t(wait),
            endedAt: t(wait + talk),
            waitSeconds: wait,
            talkSeconds: talk,
          });
        },
      ),
    );
  });

  it('returns null (nothing to do) for a duplicate or a stale signal', () => {
    const done = run(fresh('inbound'), [
      { kind: 'queued', at: t(0) },
      { kind: 'answered', at: t(3) },
      { kind: 'ended', at: t(40), reason: 'completed' },
    ]);
    expect(done.status).toBe('completed');
    expect(applyCallSignal(done, { kind: 'ended', at: t(40), reason: 'completed' })).toBeNull();
    expect(applyCallSignal(done, { kind: 'ringing', at: t(41) })).toBeNull();
    expect(applyCallSignal(done, { kind: 'queued', at: t(41) })).toBeNull();
    expect(applyCallSignal(done, { kind: 'answered', at: t(2) })).toBeNull();
  });

  it('an answer reported after the hang-up it followed is not believed', () => {
    const gone = run(fresh('inbound'), [
      { kind: 'queued', at: t(0) },
      { kind: 'ended', at: t(30), reason: 'hangup' },
    ]);
    expect(gone).toMatchObject({ status: 'abandoned', waitSeconds: 30 });
    expect(applyCallSignal(gone, { kind: 'answered', at: t(31) })).toBeNull();
  });

  it('an outbound call ends with the citizen leg’s result', () => {
    const busy = run(fresh('outbound'), [
      { kind: 'ringing', at: t(1) },
      { kind: 'answered', at: t(3) },
      { kind: 'dial_result', at: t(20), result: 'busy' },
      { kind: 'ended', at: t(21), reason: 'completed' },
    ]);
    expect(busy.status).toBe('busy');
    expect(busy.waitSeconds).toBeNull();
    expect(deriveStatus({ ...busy, dialResult: 'completed' })).toBe('completed');
    expect(deriveStatus({ ...fresh('outbound'), endedAt: t(5), endReason: 'no_answer' })).toBe('no_answer');
    expect(deriveStatus({ ...fresh('inbound'), queuedAt: t(0), endedAt: t(5), endReason: 'failed' })).toBe('failed');
  });
});
