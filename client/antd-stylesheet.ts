/**
 * antd's static stylesheet without the components the console never renders (issue 17 item 6).
 *
 * In zero-runtime mode (client/src/main.tsx) antd's styles come from `antd/dist/antd.css`: every
 * component, about 1 MB, which the browser downloads and parses before the first render. The
 * build keeps the rules of the components the console imports and of those they render inside
 * (a table's pagination, a select's empty state, a tab bar's dropdown…), and drops the rest.
 * `antd-stylesheet.test.ts` fails when the client imports a component whose rules are dropped.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import postcss, { type Rule } from 'postcss';
import type { Plugin } from 'vite';

/**
 * Class prefixes (`.ant-<prefix>`) of components the console neither imports nor gets through
 * the components it imports. A prefix covers its sub-classes (`upload` covers `.ant-upload-list`).
 */
export const UNUSED_PREFIXES = [
  'affix',
  'anchor',
  'avatar',
  'back-top',
  'border-beam',
  'breadcrumb',
  'carousel',
  'cascader',
  'color-picker',
  'float-btn',
  'image',
  'listy',
  'masonry',
  'mentions',
  'notification',
  'otp',
  'picker-calendar',
  'progress',
  'qrcode',
  'rate',
  'ribbon',
  'skeleton',
  'slider',
  'splitter',
  'steps',
  'tour',
  'transfer',
  // The tree of a table's column filter (filterMode="tree"): no table here filters by column.
  'tree',
  'upload',
  'watermark',
] as const;

/**
 * Variants no screen uses: right-to-left layouts, and the grid's breakpoint, push, pull, offset
 * and order columns (the console's rows set `span` or `flex`; `client/src/**` has no `xs=`…).
 */
const UNUSED_SELECTORS = [/-rtl\b/, /\.ant-col-(?:xs|sm|md|lg|xl|xxl|xxxl|push|pull|offset|order)-/];

const ANTD_CSS = 'antd/dist/antd.css';

/** Whether a selector styles an unused component or variant (by its first `.ant-…` class). */
function unusedSelector(selector: string): boolean {
  const cls = /\.ant-([a-z]+(?:-[a-z]+)*)/.exec(selector)?.[1];
  return (cls !== undefined && isUnused(cls)) || UNUSED_SELECTORS.some((re) => re.test(selector));
}

export function isUnused(cls: string): boolean {
  return UNUSED_PREFIXES.some((p) => cls === p || cls.startsWith(`${p}-`));
}

/** The stylesheet without the unused components' selectors (keyframes and global rules stay). */
export function pruneAntdCss(css: string): string {
  const root = postcss.parse(css);
  root.walkRules((rule: Rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/.test((rule.parent as { name: string }).name)) return;
    const kept = rule.selectors.filter((s) => !unusedSelector(s));
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  root.walkAtRules((at) => {
    if (at.nodes && at.nodes.length === 0) at.remove();
  });
  return root.toString();
}

/** The Vite plugin: `import 'antd/dist/antd.css'` gets the pruned stylesheet. */
export function antdStylesheet(): Plugin {
  const file = createRequire(import.meta.url).resolve(ANTD_CSS);
  return {
    name: 'hotline:antd-stylesheet',
    enforce: 'pre',
    load(id) {
      if (id.split('?')[0] !== file) return null;
      return pruneAntdCss(readFileSync(file, 'utf8'));
    },
  };
}
