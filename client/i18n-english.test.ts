import { describe, expect, it } from 'vitest';
import { messageKeys, registerEnglish, translate, type MessageKey } from '../shared/i18n';
import { allEnglish, splitMessages } from './i18n-english';

describe("the UI's English, moved out of the Chinese first load", () => {
  it('keeps the keys and the Chinese of each pair and takes out the English', () => {
    const code = [
      "import { defineMessages } from './define';",
      'export const m = defineMessages({',
      "  'a.one': ['一', 'One'],",
      "  b: ['二 {n}', `Two {n}`],",
      "  'c.long': [",
      "    '很长的一句',",
      "    'A long line',",
      '  ],',
      '});',
    ].join('\n');
    const { code: out, english } = splitMessages(code, 'm.ts');
    expect(english).toEqual({ 'a.one': 'One', b: 'Two {n}', 'c.long': 'A long line' });
    expect(out).toContain("'a.one': ['一', '']");
    expect(out).toContain("b: ['二 {n}', '']");
    expect(out).toMatch(/'很长的一句',\s*''/);
    expect(out).not.toMatch(/One|Two|A long line/);
  });

  it('refuses a message it cannot move: a computed text would vanish from the English UI', () => {
    const code = "const x = 'X'; export const m = defineMessages({ a: ['一', `${x} one`] });";
    expect(() => splitMessages(code, 'm.ts')).toThrow(/plain strings/);
  });

  it('gives every key of the catalogue its English, as the pairs have it', () => {
    const english = allEnglish();
    const keys = Object.keys(english) as MessageKey[];
    expect(keys.length).toBeGreaterThan(500);
    // The source's pairs (this test runs without the build): each English text is the one moved.
    for (const key of keys) expect(english[key], key).toBe(translate('en', key));
    // And the catalogue has no key the build would leave without its English.
    expect(messageKeys().filter((k) => !(k in english))).toEqual([]);
  });

  it('reads the English the console loaded', () => {
    registerEnglish({ 'login.submit': 'Sign in' });
    try {
      expect(translate('en', 'login.submit')).toBe('Sign in');
      expect(translate('zh-CN', 'login.submit')).toBe('登录');
    } finally {
      registerEnglish({});
    }
    expect(translate('en', 'login.submit')).toBe('Log in');
  });
});
