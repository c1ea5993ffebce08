/**
 * Erlang C and Erlang A (issue 18.2): how many operators a half-hour needs for a target service
 * level. Pure functions of the offered traffic; no factorials — the Erlang B recursion keeps every
 * intermediate value in [0, 1], so 1,000 agents or 900 Erlangs do not overflow
 * (docs/decisions/staffing.md).
 */

/** What a queue of `agents` gives for one interval. */
export type QueueFigures = {
  agents: number;
  /** Share of offered calls answered within the threshold (0–1). */
  serviceLevel: number;
  /** Average speed of answer over all offered calls, seconds. */
  asa: number;
  /** Probability that a call waits at all. */
  waitProbability: number;
  /** Offered traffic ÷ agents. */
  occupancy: number;
  /** Erlang A only: share of offered calls that hang up before an answer. */
  abandonment?: number;
};

/** Inputs of one interval. */
export type ErlangInput = {
  /** Arrivals per hour. */
  callsPerHour: number;
  /** Average handle time (talk + wrap-up), seconds. */
  ahtSeconds: number;
  /** The service level's threshold, seconds (20 by default, GB/T 33358: 15). */
  answerWithinSeconds: number;
};

/** Offered traffic in Erlangs: arrival rate × holding time. */
export function offeredErlangs(callsPerHour: number, ahtSeconds: number): number {
  return (callsPerHour * ahtSeconds) / 3600;
}

/** Erlang B (blocking) for `n` servers and `a` Erlangs, by the stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)). */
export function erlangB(n: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= n; k += 1) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: the probability of waiting for `n` agents and `a` Erlangs; 1 when n ≤ a (the queue grows without bound). */
export function erlangC(n: number, a: number): number {
  if (a <= 0) return 0;
  if (n <= a) return 1;
  const b = erlangB(n, a);
  return (n * b) / (n - a * (1 - b));
}

/** Service level, ASA and occupancy of `agents` under Erlang C (M/M/n, nobody hangs up). */
export function erlangCFigures(input: ErlangInput, agents: number): QueueFigures {
  const a = offeredErlangs(input.callsPerHour, input.ahtSeconds);
  if (a <= 0) return { agents, serviceLevel: 1, asa: 0, waitProbability: 0, occupancy: 0 };
  const pw = erlangC(agents, a);
  if (agents <= a) return { agents, serviceLevel: 0, asa: Number.POSITIVE_INFINITY, waitProbability: 1, occupancy: 1 };
  const serviceLevel = 1 - pw * Math.exp((-(agents - a) * input.answerWithinSeconds) / input.ahtSeconds);
  const asa = (pw * input.ahtSeconds) / (agents - a);
  return { agents, serviceLevel, asa, waitProbability: pw, occupancy: a / agents };
}

/** The target of a requirement. */
export type StaffingTarget = {
  /** Share answered within the threshold, e.g. 0.8. */
  serviceLevel: number;
  /** Highest share of time an operator may be busy (e.g. 0.85); 1 for none. */
  maxOccupancy?: number;
  /** Share of paid time not on the phones (breaks, training, meetings), e.g. 0.3. */
  shrinkage?: number;
};

/** The requirement of one interval: agents on the phones, and agents to schedule once shrinkage is added. */
export type Requirement = QueueFigures & {
  /** Agents to roster: agents ÷ (1 − shrinkage), rounded up. */
  scheduled: number;
  /** Traffic offered, Erlangs. */
  erlangs: number;
};

const MAX_AGENTS = 5000;

/** An element of an array of numbers (0 past its end). */
const at = (xs: readonly number[], i: number): number => xs[i] ?? 0;

function requirementFrom(figures: QueueFigures, erlangs: number, shrinkage = 0): Requirement {
  return { ...figures, erlangs, scheduled: figures.agents === 0 ? 0 : Math.ceil(figures.agents / (1 - shrinkage) - 1e-9) };
}

function checkTarget(target: StaffingTarget): void {
  if (!(target.serviceLevel > 0 && target.serviceLevel < 1)) throw new RangeError('target service level must be between 0 and 1');
  if (target.maxOccupancy !== undefined && !(target.maxOccupancy > 0 && target.maxOccupancy <= 1)) throw new RangeError('max occupancy must be in (0, 1]');
  if (target.shrinkage !== undefined && !(target.shrinkage >= 0 && target.shrinkage < 1)) throw new RangeError('shrinkage must be in [0, 1)');
}

/** The fewest agents whose Erlang C service level meets the target and whose occupancy stays under the cap. */
export function requiredAgents(input: ErlangInput, target: StaffingTarget): Requirement {
  checkTarget(target);
  const a = offeredErlangs(input.callsPerHour, input.ahtSeconds);
  if (a <= 0) return requirementFrom({ agents: 0, serviceLevel: 1, asa: 0, waitProbability: 0, occupancy: 0 }, 0);
  const occupancyFloor = Math.ceil(a / (target.maxOccupancy ?? 1) - 1e-9);
  for (let n = Math.max(1, Math.floor(a) + 1, occupancyFloor); n <= MAX_AGENTS; n += 1) {
    const f = erlangCFigures(input, n);
    if (f.serviceLevel >= target.serviceLevel) return requirementFrom(f, a, target.shrinkage);
  }
  throw new RangeError(`more than ${MAX_AGENTS} agents needed`);
}

/**
 * Erlang A (M/M/n+M, Palm): callers hang up after an exponential patience of mean
 * `patienceSeconds`. The number in the line is a birth–death chain, solved exactly (truncated where
 * its tail is below 1e-12); a tagged caller's wait is the chain of its queue positions, answered
 * within t by uniformisation (Mandelbaum & Zeltyn's model, computed rather than by incomplete gammas).
 */
export function erlangAFigures(input: ErlangInput & { patienceSeconds: number }, agents: number): QueueFigures {
  const lambda = input.callsPerHour / 3600;
  const mu = 1 / input.ahtSeconds;
  const theta = 1 / input.patienceSeconds;
  if (lambda <= 0) return { agents, serviceLevel: 1, asa: 0, waitProbability: 0, occupancy: 0, abandonment: 0 };
  // Stationary distribution in log space: log π(k+1) = log π(k) + log λ − log(death rate of k+1).
  const logs: number[] = [0];
  let k = 0;
  for (;;) {
    const death = Math.min(k + 1, agents) * mu + Math.max(k + 1 - agents, 0) * theta;
    logs.push(at(logs, k) + Math.log(lambda) - Math.log(death));
    k += 1;
    if (k > agents && at(logs, k) - Math.max(...logs.slice(0, agents + 1)) < -30 && at(logs, k) < at(logs, k - 1)) break;
    if (k > 100_000) break;
  }
  const top = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - top));
  const total = weights.reduce((s, w) => s + w, 0);
  const pi = weights.map((w) => w / total);
  const states = pi.length;
  let waitProbability = 0;
  let queueLength = 0;
  let busy = 0;
  for (let i = 0; i < states; i += 1) {
    if (i >= agents) waitProbability += at(pi, i);
    queueLength += Math.max(i - agents, 0) * at(pi, i);
    busy += Math.min(i, agents) * at(pi, i);
  }
  // A tagged caller at queue position j (j ≥ 1) moves up at rate nμ + (j−1)θ and leaves at rate θ.
  const maxPos = Math.max(states - agents, 1);
  const t = input.answerWithinSeconds;
  const uniform = agents * mu + maxPos * theta;
  const within = answeredWithin(maxPos, agents * mu, theta, uniform, t);
  let serviceLevel = 0;
  for (let i = 0; i < states; i += 1) serviceLevel += at(pi, i) * (i < agents ? 1 : at(within, i - agents + 1));
  return {
    agents,
    serviceLevel,
    // Little's law over all offered calls (PASTA: arrivals see the stationary line).
    asa: queueLength / lambda,
    waitProbability,
    occupancy: busy / agents,
    abandonment: (theta * queueLength) / lambda,
  };
}

/** P(answered within t | queue position j) for j = 0…maxPos (index 0: already answered). */
function answeredWithin(maxPos: number, serviceRate: number, theta: number, uniform: number, t: number): number[] {
  const mean = uniform * t;
  const steps = Math.ceil(mean + 12 * Math.sqrt(mean) + 20);
  let f = new Array<number>(maxPos + 1).fill(0);
  f[0] = 1;
  const result = new Array<number>(maxPos + 1).fill(0);
  let logPoisson = -mean; // log P(N = 0)
  for (let m = 0; m <= steps; m += 1) {
    const w = Math.exp(logPoisson);
    for (let j = 0; j <= maxPos; j += 1) result[j] = at(result, j) + w * at(f, j);
    const next = new Array<number>(maxPos + 1).fill(0);
    next[0] = 1;
    for (let j = 1; j <= maxPos; j += 1) {
      const up = (serviceRate + (j - 1) * theta) / uniform;
      const leave = theta / uniform;
      next[j] = up * at(f, j - 1) + (1 - up - leave) * at(f, j);
    }
    f = next;
    logPoisson += Math.log(mean) - Math.log(m + 1);
  }
  return result;
}

/** The fewest agents whose Erlang A service level meets the target (abandoning callers count as not answered). */
export function requiredAgentsErlangA(input: ErlangInput & { patienceSeconds: number }, target: StaffingTarget): Requirement {
  checkTarget(target);
  const a = offeredErlangs(input.callsPerHour, input.ahtSeconds);
  if (a <= 0) return requirementFrom({ agents: 0, serviceLevel: 1, asa: 0, waitProbability: 0, occupancy: 0, abandonment: 0 }, 0);
  const occupancyFloor = Math.ceil(a / (target.maxOccupancy ?? 1) - 1e-9);
  for (let n = Math.max(1, occupancyFloor); n <= MAX_AGENTS; n += 1) {
    const f = erlangAFigures(input, n);
    if (f.serviceLevel >= target.serviceLevel && f.occupancy <= (target.maxOccupancy ?? 1) + 1e-9) return requirementFrom(f, a, target.shrinkage);
  }
  throw new RangeError(`more than ${MAX_AGENTS} agents needed`);
}

/**
 * Patience estimated from the history (Zeltyn & Mandelbaum): total time callers spent waiting
 * (answered and abandoned) ÷ the number who abandoned. Undefined when nobody abandoned: then
 * there is no abandonment data and Erlang C is used.
 */
export function estimatePatienceSeconds(totalWaitSeconds: number, abandoned: number): number | undefined {
  if (abandoned < 1 || totalWaitSeconds <= 0) return undefined;
  return totalWaitSeconds / abandoned;
}
