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

  it('does not count 元旦 2027 (全国年节及纪念日放假办法 第二条, computed) and says on stderr that the due is provisional (issue 15)', async () => {
    const { stdout, stderr } = await hotline('workdays', 'add', '--from', '2026-12-31T10:00:00+08:00', '--days', '1');
    expect(stdout).toBe('2027-01-04T23:59:59+08:00\n');
    expect(stderr).toMatch(/^provisional: 2027 has no published State Council schedule yet/);
    expect(stderr).toContain('no 调休 make-up working days');
    expect(await hotline('workdays', 'is-working', '2027-02-08')).toMatchObject({ stdout: 'false\n', stderr: expect.stringContaining('provisional: 2027') });
    // A due inside a published year carries no note.
    expect(await hotline('workdays', 'add', '--from', '2026-12-30T10:00:00+08:00', '--days', '1')).toMatchObject({
      stdout: '2026-12-31T23:59:59+08:00\n',
      stderr: '',
    });
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
