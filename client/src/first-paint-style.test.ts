/**
 * Issue 19.4: index.html carries, inline, a copy of the styles.css rules the first paint needs, so
 * the header paints before any stylesheet has arrived (Lighthouse). The copy is deliberate; this
 * test is what keeps it a copy: it fails when the two drift apart.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Rules = Map<string, Map<string, string>>;

const html = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
const inlineCss = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
const stylesheet = rulesOf(readFileSync(new URL('./styles.css', import.meta.url), 'utf8'));
const inline = rulesOf(inlineCss);

/** The boot bar stands in for the React header: each of its properties and the rule it copies. */
const BOOT_BAR_SOURCES: Record<string, string> = {
  height: '.shell-header',
  padding: '.shell-header',
  background: '.shell-header',
  'line-height': '.shell-header',
  color: '.shell-header .brand',
  'font-size': '.shell-header .brand',
  // font-weight: 600 is antd's, not ours: the brand is a `Typography.Text strong` (app-shell.tsx).
};

describe('the inline first-paint style in index.html', () => {
  it('holds rules for html, body, #root and the boot bar, and no others', () => {
    expect([...inline.keys()]).toEqual(['html', 'body', '#root', '.boot-bar']);
  });

  it('declares for html, body and #root exactly what styles.css declares for them', () => {
    for (const selector of ['html', 'body', '#root']) {
      expect({ selector, declarations: declarationsOf(inline, selector) }).toEqual({ selector, declarations: declarationsOf(stylesheet, selector) });
    }
  });

  it('paints the boot bar with the values of the header that replaces it', () => {
    const bootBar = declarationsOf(inline, '.boot-bar');
    const properties = Object.keys(bootBar).filter((p) => p !== 'font-weight');
    expect(properties.sort(), 'each boot-bar property names the header rule it copies').toEqual(Object.keys(BOOT_BAR_SOURCES).sort());
    for (const [property, source] of Object.entries(BOOT_BAR_SOURCES)) {
      expect({ property, value: bootBar[property] }).toEqual({ property, value: declarationsOf(stylesheet, source)[property] });
    }
  });
});

function declarationsOf(rules: Rules, selector: string): Record<string, string> {
  return Object.fromEntries(rules.get(selector) ?? []);
}

/**
 * The top-level rules of a stylesheet, by single selector (a grouped selector counts for each), a
 * later declaration overriding an earlier one as in the cascade. At-rule blocks (@media,
 * @keyframes) are skipped: the first paint does not depend on them.
 */
function rulesOf(css: string): Rules {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: Rules = new Map();
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{', at);
    if (open < 0) break;
    const prelude = text.slice(at, open).trim();
    const close = closingBrace(text, open);
    if (!prelude.startsWith('@')) {
      for (const selector of prelude.split(',').map(normal)) {
        const declarations = rules.get(selector) ?? new Map<string, string>();
        for (const part of text.slice(open + 1, close).split(';')) {
          const colon = part.indexOf(':');
          if (colon > 0) declarations.set(normal(part.slice(0, colon)), normal(part.slice(colon + 1)));
        }
        rules.set(selector, declarations);
      }
    }
    at = close + 1;
  }
  return rules;
}

function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unclosed block at ${open}`);
}

function normal(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}
