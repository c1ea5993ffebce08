/** `hotline classify` as an operator runs it: the real command in a child process, its JSON checked. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES } from '../../shared/domain';

const run = promisify(execFile);
const hotline = (...args: string[]) =>
  run('node', ['bin/hotline.js', 'classify', ...args], { env: { ...process.env, TZ: 'America/New_York' }, maxBuffer: 16 * 1024 * 1024 });
const dir = mkdtempSync(path.join(tmpdir(), 'hotline-classify-'));

// Each run starts the whole CLI through tsx (seconds on a loaded 2-core machine): generous timeouts.
describe('hotline classify (the real command)', { timeout: 120_000 }, () => {
  it('prints the top categories with lead and assisting unit names, and the emergency flag', async () => {
    const { stdout } = await hotline('楼下饭店油烟很大，晚上十点还在排放，影响休息');
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(['top', 'emergency']);
    expect(answer.top).toHaveLength(3);
    expect(answer.top[0]).toEqual({ code: 'cooking_fumes', score: expect.any(Number), lead: '镇生态环境办', assist: ['九亭市场监管所'] });
    expect(answer.top[0].score).toBeGreaterThan(0.5);
    expect(answer.top.every((c: { code: string }) => (CATEGORY_CODES as readonly string[]).includes(c.code))).toBe(true);
    expect(answer.emergency).toBeNull();

    const fire = JSON.parse((await hotline('隔壁厨房着火了，烟很大', '--top', '5')).stdout);
    expect(fire.emergency).toBe('119');
    expect(fire.top).toHaveLength(5);
    // "other" has no department: the community of the address leads (属地托管).
    const other = JSON.parse((await hotline('其他问题', '--address', '颐亭花园', '--top', '19')).stdout);
    expect(other.top.find((c: { code: string }) => c.code === 'other')).toMatchObject({ lead: '颐亭居委会' });
  });

  it('classifies a JSON-lines file: one answer per input line, in order, bad lines reported', async () => {
    const texts = ['小区门口路灯坏了一个星期', '楼上邻居家漏水到我家天花板', '我爸突然晕倒了叫不醒', '有人在小区里群租，住了十几个人'];
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i, text: texts[i % texts.length] }));
    const input = path.join(dir, 'in.jsonl');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const { stdout } = await hotline('--file', input);
    const out = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(2000);
    expect(out[0]).toEqual({ id: 0, top: [expect.any(String), expect.any(String), expect.any(String)], emergency: null });
    expect(out.slice(0, 4).map((o) => o.top[0])).toEqual(['roads_lights', 'water_leak_repair', expect.any(String), 'group_renting']);
    expect(out[2].emergency).toBe('120');
    expect(out.map((o) => o.id)).toEqual(lines.map((_, i) => i));

    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id":"a","text":"路灯不亮"}\nnot json\n{"id":"c"}\n');
    const outFile = path.join(dir, 'out.jsonl');
    await expect(hotline('--file', bad, '--out', outFile)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('2 line(s)') });
    expect(
      readFileSync(outFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { id: 'a', top: ['roads_lights', expect.any(String), expect.any(String)], emergency: null },
      { id: null, line: 2, error: 'not JSON' },
      { id: 'c', line: 3, error: 'no "text"' },
    ]);
  });

  it('measures accuracy on the held-out set: top-1 at least 90 %, top-3 at least 97 %', async () => {
    const text = (await hotline('--eval', 'db/data/classifier-eval.jsonl')).stdout;
    expect(text).toMatch(/^held-out set: db\/data\/classifier-eval\.jsonl \(266 texts\)$/m);
    expect(text).toMatch(/^top-1 accuracy: \d+\.\d% \(\d+\/266\)$/m);
    expect(text).toMatch(/most frequent mistakes/);
    const json = JSON.parse((await hotline('--eval', 'db/data/classifier-eval.jsonl', '--json')).stdout);
    expect(json).toMatchObject({ n: 266 });
    expect(json.top1).toBeGreaterThanOrEqual(0.9);
    expect(json.top3).toBeGreaterThanOrEqual(0.97);
    expect(json.confusion[0]).toEqual({ expect: expect.any(String), got: expect.any(String), count: expect.any(Number) });
  });

  it('refuses unclear requests with exit code 2 and a message', async () => {
    await expect(hotline()).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('exactly one of') });
    await expect(hotline('路灯', '--top', '0')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--top') });
    await expect(hotline('--eval', path.join(dir, 'missing.jsonl'))).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('missing.jsonl') });
  });
});
