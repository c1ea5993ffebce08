/**
 * Where a run's CPU went, in cores (1 = one core busy all the time): the whole machine (from
 * /proc/stat), the console processes (from /proc/<pid>/stat) and the bench itself, which is the
 * load generator (process.cpuUsage). What is left of the machine's figure is PostgreSQL and
 * anything else running — on the bench's machine, PostgreSQL. Linux only, as the bench is.
 */
import { readFileSync } from 'node:fs';
import { round } from './stats';

export interface CpuShares {
  /** Cores the whole machine was busy. */
  machine: number;
  /** Cores the console process(es) used. */
  console: number;
  /** Cores the bench process used (the load generator: its HTTP clients and their timing). */
  bench: number;
}

/** Starts measuring; `stop()` gives the shares over the time between. */
export function cpuMeter(consolePids: readonly number[]): { stop(): CpuShares } {
  const m0 = machineTicks();
  const c0 = consolePids.map(processTicks);
  const b0 = process.cpuUsage();
  const t0 = performance.now();
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000;
      const m1 = machineTicks();
      const consoleSeconds = consolePids.reduce((s, pid, i) => s + (processTicks(pid) - c0[i]!) / CLOCK_TICKS, 0);
      const b = process.cpuUsage(b0);
      const busyShare = (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total);
      return {
        machine: round(busyShare * m1.cpus, 2),
        console: round(consoleSeconds / seconds, 2),
        bench: round((b.user + b.system) / 1e6 / seconds, 2),
      };
    },
  };
}

/** USER_HZ: /proc counts CPU time in these (100 on every Linux the bench runs on). */
const CLOCK_TICKS = 100;

/** The machine's busy and total ticks over all CPUs (guest time is already inside user time). */
function machineTicks(): { busy: number; total: number; cpus: number } {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  const [user, nice, system, idle, iowait, irq, softirq, steal] = lines[0]!.trim().split(/\s+/).slice(1, 9).map(Number) as number[];
  const total = user! + nice! + system! + idle! + iowait! + irq! + softirq! + steal!;
  return { busy: total - idle! - iowait!, total, cpus: lines.filter((l) => /^cpu\d/.test(l)).length };
}

/** A process's user and system ticks so far. */
function processTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
