import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const hotline = (...args: string[]) => run('node', ['bin/hotline.js', 'staffing', 'erlang', ...args], { env: { ...process.env, TZ: 'America/New_York' } });

describe('hotline staffing erlang (the real command)', () => {
  it("prints the issue's case as JSON: 120 calls/h, 240 s, 80 % in 20 s → 11 agents", async () => {
    const { stdout } = await hotline('--calls-per-hour', '120', '--aht', '240', '--answer-within', '20', '--target', '0.8');
    expect(JSON.parse(stdout)).toMatchObject({ agents: 11, serviceLevel: 0.8092, asa: 19.6, erlangs: 8, scheduled: 11, model: 'erlang_c' });
  });

  it('adds max occupancy, shrinkage and Erlang A with --patience', async () => {
    const capped = JSON.parse((await hotline('--calls-per-hour', '120', '--aht', '240', '--max-occupancy', '0.6', '--shrinkage', '0.3')).stdout);
    expect(capped).toMatchObject({ agents: 14, scheduled: 20 });
    const a = JSON.parse((await hotline('--calls-per-hour', '120', '--aht', '240', '--patience', '120')).stdout);
    expect(a.model).toBe('erlang_a');
    expect(a.agents).toBeLessThanOrEqual(11);
    expect(a.abandonment).toBeGreaterThan(0);
  });

  it('refuses bad input with exit code 2', async () => {
    await expect(hotline('--calls-per-hour', 'lots', '--aht', '240')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--calls-per-hour') });
    await expect(hotline('--calls-per-hour', '120', '--aht', '240', '--target', '1.5')).rejects.toMatchObject({ code: 2 });
  });
});
