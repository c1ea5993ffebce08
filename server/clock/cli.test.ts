import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const hotline = (...args: string[]) => run('node', ['bin/hotline.js', ...args], { env: { ...process.env, TZ: 'America/New_York' } });

describe('hotline workdays (the real command, process TZ not Shanghai)', () => {
  it('adds working days across the 2026 National Day holiday', async () => {
    const { stdout } = await hotline('workdays', 'add', '--from', '2026-09-30T10:00:00+08:00', '--days', '5');
    expect(stdout.trim()).toBe('2026-10-13T23:59:59+08:00');
  });

  it('counts natural days with --natural and reads a UTC start in Shanghai time', async () => {
    // 2026-11-27T20:00Z is Saturday 28 November 04:00 in Shanghai.
    const { stdout } = await hotline('workdays', 'add', '--from', '2026-11-27T20:00:00Z', '--days', '3', '--natural');
    expect(stdout.trim()).toBe('2026-12-01T23:59:59+08:00');
  });

  it('tells make-up days from holidays', async () => {
    expect((await hotline('workdays', 'is-working', '2026-10-10')).stdout.trim()).toBe('true');
    expect((await hotline('workdays', 'is-working', '2026-10-05')).stdout.trim()).toBe('false');
  });

  it('refuses bad input with exit code 2 and a message', async () => {
    await expect(hotline('workdays', 'add', '--from', 'yesterday', '--days', '1')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--from'),
    });
  });
});
