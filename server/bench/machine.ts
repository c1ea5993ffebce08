/** The machine the figures were measured on, printed with them (a busy 2-core box is not a quiet 8-core one). */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
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
  /** Milliseconds a fixed piece of JavaScript took at the start of the run (calibrate()): lower is faster. */
  calibrationMs?: number;
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
    calibrationMs: calibrate(),
    at: new Date().toISOString(),
  };
}

/**
 * When and at what speed a run measured, for a figure read apart from the file's header: a
 * section rerun alone (`--only`) sits beside the full run's figures in docs/PERFORMANCE.md.
 */
export function measuredAt(m: Machine): string {
  return `${m.at.slice(0, 16).replace('T', ' ')} UTC${m.calibrationMs === undefined ? '' : `, calibration ${m.calibrationMs} ms`}`;
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
    ...(m.calibrationMs === undefined
      ? []
      : [
          `speed: a fixed piece of JavaScript (JSON and SHA-256 of a ticket-sized record, 4,000 times) took ${m.calibrationMs} ms at the start (median of 5; lower is faster) — compare runs of different days by it`,
        ]),
    `load average (1 min): ${m.loadAverage.start} at start, ${m.loadAverage.end ?? '—'} at end (the bench's own load)${m.loadAverage.start > m.cpus ? ' — the machine was busy with other work when the run began; figures are noisy' : ''}`,
    `measured ${m.at}`,
  ];
}

/**
 * The same CPU work on every machine and every day: runs on shared 2-core machines differ by a
 * factor of two from one day to the next with no change of code, and the figures of two runs
 * compare only with this beside them.
 */
export function calibrate(): number {
  const record = {
    number: 'ZX20261207-0001',
    address: '九亭镇涞坊路1111弄12号',
    description: '楼下饭店油烟很大，晚上十点还在排放，影响休息。来电人希望尽快处理，并要求回电告知处理结果。',
    detail: { state: 'dispatched', version: 2, round: 1, clocks: ['contact', 'reply'], flags: { urgent: false } },
  };
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    for (let i = 0; i < 4000; i++) {
      const text = JSON.stringify({ ...record, id: i });
      createHash('sha256').update(text).digest('hex');
      JSON.parse(text);
    }
    times.push(performance.now() - t0);
  }
  return round(times.sort((a, b) => a - b)[2] ?? NaN, 1);
}
