import { describe, expect, it } from 'vitest';
import { clockOf, ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: './data', DEMO_PASSWORD: 'hotline-demo', HTTPS: false });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
  });

  it('shifts the clock only outside production (tests and drills)', () => {
    expect(() => loadConfig({ CLOCK_OFFSET_SECONDS: '3600' })).toThrow(/CLOCK_OFFSET_SECONDS: only for tests/);
    const shifted = clockOf(loadConfig({ NODE_ENV: 'test', CLOCK_OFFSET_SECONDS: '86400' }))().getTime();
    expect(Math.abs(shifted - (Date.now() + 86_400_000))).toBeLessThan(1000);
    expect(Math.abs(clockOf(loadConfig({}))().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('reads ALLOWED_ORIGINS as a list of origins and refuses anything else', () => {
    expect(loadConfig({}).ALLOWED_ORIGINS).toEqual([]);
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://Wallboard.example.test/ , http://10.0.0.8:8080' }).ALLOWED_ORIGINS).toEqual([
      'https://wallboard.example.test',
      'http://10.0.0.8:8080',
    ]);
    for (const bad of ['wallboard.example.test', 'https://a.example/path', 'ftp://a.example', '*']) {
      expect(() => loadConfig({ ALLOWED_ORIGINS: bad }), bad).toThrow(/ALLOWED_ORIGINS: must be origins/);
    }
  });
});
