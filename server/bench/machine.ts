/** The machine the figures were measured on, printed with them (a busy 2-core box is not a quiet 8-core one). */
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem, availableParallelism } from 'node:os';
import { round } from './stats';

export interface Machine {
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  node: string;
  os: string;
  /** 1-minute load average at the start and end of the run: above the CPU count, others were busy. */
  loadAverage: { start: number; end?: number };
  postgres?: string;
  postgresSettings?: Record<string, string>;
  at: string;
}

export function describeMachine(): Machine {
  let os = `${process.platform} ${process.arch}`;
  try {
    os = execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim();
  } catch {
    /* not unix */
  }
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cpus: availableParallelism(),
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGiB: round(freemem() / 2 ** 30, 1),
    node: process.version,
    os,
    loadAverage: { start: round(loadavg()[0] ?? 0, 2) },
    at: new Date().toISOString(),
  };
}

export function machineLines(m: Machine): string[] {
  return [
    `CPU: ${m.cpus} × ${m.cpuModel}`,
    `memory: ${m.memoryGiB} GiB (${m.freeMemoryGiB} GiB free at start)`,
    `node ${m.node} on ${m.os}`,
    `PostgreSQL: ${m.postgres ?? '—'}${
      m.postgresSettings
        ? ` (${Object.entries(m.postgresSettings)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')})`
        : ''
    }`,
    `load average (1 min): ${m.loadAverage.start} at start, ${m.loadAverage.end ?? '—'} at end${(m.loadAverage.end ?? m.loadAverage.start) > m.cpus ? ' — the machine was busy with other work; figures are noisy' : ''}`,
    `measured ${m.at}`,
  ];
}
