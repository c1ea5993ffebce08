/**
 * `npm run bench -- --only intake --cpu-prof DIR`: where the console's CPU went, from the profile
 * node wrote when the console exited — self time by package (node_modules), by our source folder,
 * and the runtime's own (GC, syscalls such as `writev`), as shares of the busy time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CpuSummary {
  file: string;
  busyMs: number;
  idleShare: number;
  /** Where the busy time went, largest first: [what, share of busy time]. */
  top: [string, number][];
}

/** The first (the console's) profile in `dir`, summarised; null when there is none. */
export function summariseCpuProfile(dir: string, top = 15): CpuSummary | null {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .at(0);
  if (!file) return null;
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n] as const));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const where = new Map<string, number>();
  let idle = 0;
  let total = 0;
  for (const [id, us] of self) {
    total += us;
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const key = placeOf(frame);
    where.set(key, (where.get(key) ?? 0) + us);
  }
  const busy = total - idle;
  return {
    file,
    busyMs: Math.round(busy / 1000),
    idleShare: total > 0 ? idle / total : 0,
    top: [...where]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => [k, busy > 0 ? us / busy : 0]),
  };
}

function placeOf(frame: ProfileNode['callFrame']): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1]!;
  if (frame.url.startsWith('node:')) return 'node internals';
  const ours = /\/(server|shared|db)\/([^/]+)\//.exec(frame.url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  // Native frames: the garbage collector, syscalls (writev is the sockets' writes), the program.
  return frame.functionName || frame.url || '(native)';
}
