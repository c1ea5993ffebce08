/**
 * `hotline staffing erlang …` (issue 18.2): the requirement maths from the command line, to check
 * against any Erlang calculator. Stdout is one JSON object; bad input exits 2 with a message.
 */
import type { Command } from 'commander';
import { requiredAgents, requiredAgentsErlangA, type Requirement } from '../../shared/staffing/erlang';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function num(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) fail(`--${name}: expected a number ${min}–${max} (got "${value}")`);
  return n;
}

type ErlangOptions = {
  callsPerHour: string;
  aht: string;
  answerWithin: string;
  target: string;
  maxOccupancy?: string;
  shrinkage?: string;
  patience?: string;
};

/** The figures as printed: service level to 4 decimals, seconds to 1. */
export function presentRequirement(r: Requirement, model: 'erlang_c' | 'erlang_a') {
  const round = (v: number, d: number) => (Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d : null);
  return {
    agents: r.agents,
    serviceLevel: round(r.serviceLevel, 4),
    asa: round(r.asa, 1),
    occupancy: round(r.occupancy, 4),
    waitProbability: round(r.waitProbability, 4),
    ...(r.abandonment === undefined ? {} : { abandonment: round(r.abandonment, 4) }),
    erlangs: round(r.erlangs, 3),
    scheduled: r.scheduled,
    model,
  };
}

export function registerStaffing(program: Command): void {
  const staffing = program.command('staffing').description('staffing maths (issue 18): operators needed for a service level');
  staffing
    .command('erlang')
    .description('operators needed for a half-hour: Erlang C (Erlang A with --patience), as JSON {"agents","serviceLevel","asa",…}')
    .requiredOption('--calls-per-hour <n>', 'arrivals per hour')
    .requiredOption('--aht <seconds>', 'average handle time (talk + wrap-up), seconds')
    .option('--answer-within <seconds>', 'service level threshold (GB/T 33358: 15)', '20')
    .option('--target <share>', 'target share answered within the threshold', '0.8')
    .option('--max-occupancy <share>', 'highest share of time an operator may be busy, e.g. 0.85')
    .option('--shrinkage <share>', 'share of paid time off the phones (breaks, training), e.g. 0.3')
    .option('--patience <seconds>', "callers' mean patience: Erlang A (abandonment) instead of Erlang C")
    .action((o: ErlangOptions) => {
      const input = {
        callsPerHour: num('calls-per-hour', o.callsPerHour, 0, 1_000_000),
        ahtSeconds: num('aht', o.aht, 1, 36_000),
        answerWithinSeconds: num('answer-within', o.answerWithin, 0, 3600),
      };
      const target = {
        serviceLevel: num('target', o.target, 0.01, 0.999),
        maxOccupancy: o.maxOccupancy === undefined ? undefined : num('max-occupancy', o.maxOccupancy, 0.01, 1),
        shrinkage: o.shrinkage === undefined ? undefined : num('shrinkage', o.shrinkage, 0, 0.95),
      };
      const patience = o.patience === undefined ? undefined : num('patience', o.patience, 1, 36_000);
      const r = patience === undefined ? requiredAgents(input, target) : requiredAgentsErlangA({ ...input, patienceSeconds: patience }, target);
      console.log(JSON.stringify(presentRequirement(r, patience === undefined ? 'erlang_c' : 'erlang_a')));
    });
}
