import { describe, expect, it } from 'vitest';
import { erlangAFigures, erlangB, erlangC, erlangCFigures, estimatePatienceSeconds, offeredErlangs, requiredAgents, requiredAgentsErlangA } from './erlang';

/**
 * An independent computation of the textbook formula, term by term in log space:
 * C(N, A) = (A^N/N! · N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N! · N/(N−A)).
 * Shares nothing with erlang.ts (which uses the Erlang B recursion).
 */
function erlangCDirect(n: number, a: number): number {
  const logTerm = (k: number) => {
    let lf = 0;
    for (let i = 2; i <= k; i += 1) lf += Math.log(i);
    return k * Math.log(a) - lf;
  };
  const last = logTerm(n) + Math.log(n / (n - a));
  const logs = [...Array.from({ length: n }, (_, k) => logTerm(k)), last];
  const top = Math.max(...logs);
  const sum = logs.reduce((s, l) => s + Math.exp(l - top), 0);
  return Math.exp(last - top) / sum;
}

describe('Erlang C against published cases', () => {
  it('ErlangC[3, 2] = 4/9 (Wolfram Language documentation, ErlangC, basic example)', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
  });

  it('M/M/5 with λ = 1/min and 3 min service: P(wait) = 0.2362 (standard M/M/c exercise, e.g. Gross & Harris, Fundamentals of Queueing Theory, M/M/c)', () => {
    expect(erlangC(5, 3)).toBeCloseTo(0.2362, 4);
  });

  it('Call Centre Helper, "Erlang C formula – made simple": 100 calls per 30 min, AHT 180 s, 80/20 → 11 agents wait 68.21 %, SL 39 %; 14 agents first reach 80 % (≈ 89 %)', () => {
    const input = { callsPerHour: 200, ahtSeconds: 180, answerWithinSeconds: 20 };
    expect(offeredErlangs(200, 180)).toBe(10);
    const eleven = erlangCFigures(input, 11);
    expect(eleven.waitProbability).toBeCloseTo(0.6821, 4);
    expect(eleven.serviceLevel).toBeCloseTo(0.3896, 3);
    expect(requiredAgents(input, { serviceLevel: 0.8 }).agents).toBe(14);
    expect(erlangCFigures(input, 14).serviceLevel).toBeCloseTo(0.888, 2);
  });

  it('Westbay Engineers, "The Erlang-C formula": 360 calls per 30 min, 4 min, 55 agents, 15 s → occupancy 87.3 %, P(wait) ≈ 24 %, ASA ≈ 8 s, SL ≈ 85 %', () => {
    const f = erlangCFigures({ callsPerHour: 720, ahtSeconds: 240, answerWithinSeconds: 15 }, 55);
    expect(f.occupancy).toBeCloseTo(0.8727, 4);
    expect(f.waitProbability).toBeCloseTo(0.24, 1);
    expect(f.asa).toBeGreaterThan(7.5);
    expect(f.asa).toBeLessThan(8.5);
    expect(f.serviceLevel).toBeCloseTo(0.85, 1);
  });

  it('agrees with the direct formula to 1e-10 over a grid, and stays finite where factorials overflow (N = 400)', () => {
    for (const a of [0.5, 2, 7.3, 20, 48, 95.5]) {
      for (let n = Math.floor(a) + 1; n <= Math.floor(a) + 15; n += 1) {
        expect(Math.abs(erlangC(n, a) - erlangCDirect(n, a))).toBeLessThan(1e-10);
      }
    }
    const big = erlangC(400, 380);
    expect(Number.isFinite(big)).toBe(true);
    expect(Math.abs(big - erlangCDirect(400, 380))).toBeLessThan(1e-9);
    expect(erlangB(170, 150)).toBeGreaterThan(0);
  });

  it('ASA = C·AHT/(N−A) and SL = 1 − C·e^{−(N−A)t/AHT} (the issue CLI case: 120 calls/h, 240 s, 80/20 → 11 agents)', () => {
    const r = requiredAgents({ callsPerHour: 120, ahtSeconds: 240, answerWithinSeconds: 20 }, { serviceLevel: 0.8 });
    const c = erlangCDirect(11, 8);
    expect(r.agents).toBe(11);
    expect(r.serviceLevel).toBeCloseTo(1 - c * Math.exp((-3 * 20) / 240), 10);
    expect(r.asa).toBeCloseTo((c * 240) / 3, 10);
  });

  it('max occupancy and shrinkage', () => {
    const input = { callsPerHour: 120, ahtSeconds: 240, answerWithinSeconds: 20 };
    expect(requiredAgents(input, { serviceLevel: 0.8, maxOccupancy: 0.6 }).agents).toBe(14); // 8 / 0.6 = 13.3
    const r = requiredAgents(input, { serviceLevel: 0.8, shrinkage: 0.3 });
    expect(r.scheduled).toBe(Math.ceil(11 / 0.7));
    expect(requiredAgents({ ...input, callsPerHour: 0 }, { serviceLevel: 0.8 })).toMatchObject({ agents: 0, scheduled: 0 });
    expect(() => requiredAgents(input, { serviceLevel: 1.2 })).toThrow(RangeError);
  });
});

describe('Erlang A', () => {
  it('tends to Erlang C when nobody hangs up', () => {
    const input = { callsPerHour: 120, ahtSeconds: 240, answerWithinSeconds: 20 };
    const c = erlangCFigures(input, 11);
    const a = erlangAFigures({ ...input, patienceSeconds: 1e9 }, 11);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 6);
    expect(a.asa).toBeCloseTo(c.asa, 3);
    expect(a.abandonment).toBeLessThan(1e-6);
  });

  it('needs fewer agents than Erlang C when callers abandon, and is defined even when traffic exceeds the agents', () => {
    const input = { callsPerHour: 120, ahtSeconds: 240, answerWithinSeconds: 20, patienceSeconds: 120 };
    const a = requiredAgentsErlangA(input, { serviceLevel: 0.8 });
    expect(a.agents).toBeLessThanOrEqual(11);
    const over = erlangAFigures(input, 6); // 8 Erlangs on 6 agents: Erlang C has no steady state
    expect(over.abandonment).toBeGreaterThan(0.2);
    expect(over.occupancy).toBeLessThanOrEqual(1);
    // Flow balance: answered + abandoned = offered, and answered work = busy agents.
    expect((1 - over.abandonment!) * 8).toBeCloseTo(over.occupancy * 6, 6);
  });

  it('patience is total wait ÷ abandoned, none without abandonments', () => {
    expect(estimatePatienceSeconds(6000, 50)).toBe(120);
    expect(estimatePatienceSeconds(6000, 0)).toBeUndefined();
  });
});
