/**
 * antd's static stylesheet, without the components the console never renders, in two parts
 * (issue 17 item 6).
 *
 * In zero-runtime mode (client/src/main.tsx) antd's styles come from `antd/dist/antd.css`: every
 * component, about 1 MB, which the browser downloads and parses before the first render. The
 * build keeps the rules of the components the console imports and of those they render inside
 * (a table's pagination, a select's empty state, a tab bar's dropdown…), and drops the rest.
 * `antd-stylesheet.test.ts` fails when the client imports a component whose rules are dropped.
 *
 * What is kept comes in two parts. The first (`import 'antd/dist/antd.css'`, client/src/
 * stylesheets.ts) is what the login and operator screens render; the second (client/src/
 * antd-secondary.css, through secondary-stylesheet.ts) holds the components only other pages
 * render — tables, menus, tabs, date pickers… — and loads with those pages' code
 * (client/src/page-loaders.ts). Both sit in the cascade layer `antd`, so the console's own rules
 * win over antd's whatever order the files arrive in (a page's second part arrives after
 * styles.css).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
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
 * And the file's CSS variables, written for the ids React gives components rendered on a server
 * (`.css-var-_R_0_`): this client renders in the browser, whose ids are `_r_…`, and antd registers
 * the variables of the console's theme at runtime under those (three copies, 5 KiB compressed).
 */
const UNUSED_SELECTORS = [/-rtl\b/, /\.ant-col-(?:xs|sm|md|lg|xl|xxl|xxxl|push|pull|offset|order)-/, /\.css-var-_R_/];

/**
 * Class prefixes of components that only pages other than the login and operator screens render:
 * their rules are the second part. `antd-stylesheet.test.ts` fails when the operator page's code,
 * or the code every page loads, imports one of them.
 */
export const SECONDARY_PREFIXES = [
  'card',
  'descriptions',
  'divider',
  'drawer',
  'dropdown',
  'list',
  'menu',
  'pagination',
  'picker',
  'popconfirm',
  'result',
  'statistic',
  'switch',
  'table',
  'tabs',
  'timeline',
] as const;

const ANTD_CSS = 'antd/dist/antd.css';
/** Stands in for the second part in the source tree; the build gives it the rules. */
const SECONDARY_CSS = 'src/antd-secondary.css';

const hasPrefix = (prefixes: readonly string[], cls: string) => prefixes.some((p) => cls === p || cls.startsWith(`${p}-`));
/** A selector's component: its first `.ant-…` class. */
const componentOf = (selector: string) => /\.ant-([a-z]+(?:-[a-z]+)*)/.exec(selector)?.[1];

/** Whether a selector styles an unused component or variant. */
function unusedSelector(selector: string): boolean {
  const cls = componentOf(selector);
  return (cls !== undefined && isUnused(cls)) || UNUSED_SELECTORS.some((re) => re.test(selector));
}

export function isUnused(cls: string): boolean {
  return hasPrefix(UNUSED_PREFIXES, cls);
}

export function isSecondary(cls: string): boolean {
  return hasPrefix(SECONDARY_PREFIXES, cls);
}

export type StylesheetPart = 'first' | 'secondary';

const inKeyframes = (rule: Rule) => rule.parent?.type === 'atrule' && /keyframes$/.test((rule.parent as { name: string }).name);

/**
 * One part of the stylesheet, without the unused components' selectors, in the layer `antd`.
 * Keyframes and global rules (`:root`, `html`…) are in the first part.
 */
export function pruneAntdCss(css: string, part: StylesheetPart = 'first'): string {
  const root = postcss.parse(css);
  const wanted = (selector: string) => {
    const cls = componentOf(selector);
    return !unusedSelector(selector) && (cls !== undefined && isSecondary(cls)) === (part === 'secondary');
  };
  root.walkRules((rule: Rule) => {
    if (inKeyframes(rule)) return;
    const kept = rule.selectors.filter(wanted);
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  root.walkAtRules((at) => {
    if ((part === 'secondary' && /keyframes$/.test(at.name)) || (at.nodes && at.nodes.length === 0)) at.remove();
  });
  return `@layer antd{${root.toString()}}`;
}

/**
 * The Vite plugin: `import 'antd/dist/antd.css'` gets the first part, `antd-secondary.css` the
 * second.
 */
export function antdStylesheet(): Plugin {
  const file = createRequire(import.meta.url).resolve(ANTD_CSS);
  const secondary = fileURLToPath(new URL(SECONDARY_CSS, import.meta.url));
  return {
    name: 'hotline:antd-stylesheet',
    enforce: 'pre',
    load(id) {
      const path = id.split('?')[0];
      if (path === file) return pruneAntdCss(readFileSync(file, 'utf8'), 'first');
      if (path === secondary) return pruneAntdCss(readFileSync(file, 'utf8'), 'secondary');
      return null;
    },
  };
}
