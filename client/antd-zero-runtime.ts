/**
 * antd's style generators, left out of the build (issue 17 item 6).
 *
 * Every antd component declares its styles as a function of the theme's tokens
 * (`genStyleHooks('Button', token => [...rules], prepareComponentToken)`), which its style hook
 * calls to write a <style> element at runtime. The console runs antd in zero-runtime mode
 * (client/src/main.tsx): its rules come from the static stylesheet (client/antd-stylesheet.ts),
 * and the hook returns before it calls that function (@ant-design/cssinjs-utils, genStyleUtils:
 * `if (memoizedZeroRuntime) return hashId`). The functions are never called, yet they and all
 * they reference were in every page's code: 45 of the operator page's 96 KiB of antd, compressed.
 *
 * This plugin hands each style hook an empty rule list instead, so the bundler drops the
 * generators. What runs stays: the component tokens (the third argument) feed the CSS variables
 * antd still registers at runtime, and helpers a component uses outside its styles (an arrow's
 * offset, a motion's name) are imported by that component and kept. A component rendered outside
 * zero-runtime (a static `message.info` outside <App>) would have written its rules at runtime;
 * it now writes none and is styled by the stylesheet, as every other is. The build fails when a
 * file that declares a style hook yields none to replace: antd changed its shape and this needs
 * a look. docs/decisions/first-load.md.
 */
import type { Plugin } from 'vite';
import { applyEdits, walk, type AstNode, type Edit } from './build-ast';

const STYLE_HOOK_FACTORIES = new Set(['genStyleHooks', 'genComponentStyleHook', 'genSubStyleComponent']);
/** The file that builds the factories, with the reset and common rules they add to each component. */
const FACTORIES_FILE = /\/antd\/es\/theme\/util\/genStyleUtils\.js$/;
const RUNTIME_ONLY_KEYS = new Set(['getResetStyles', 'getCommonStyle']);
const ANTD_ES = /\/node_modules\/antd\/es\//;

/** The edits that leave `code`'s style functions out: each style hook's second argument, or the factories' reset and common rules. */
export function styleFunctionEdits(program: AstNode, file: string): Edit[] {
  const edits: Edit[] = [];
  const factories = FACTORIES_FILE.test(file);
  walk(program, (n) => {
    if (factories && n.type === 'Property') {
      const key = n.key as AstNode & { name?: string };
      if (key.type === 'Identifier' && RUNTIME_ONLY_KEYS.has(key.name ?? '')) {
        const value = n.value as AstNode;
        edits.push({ start: value.start, end: value.end, text: 'undefined' });
      }
      return;
    }
    if (n.type !== 'CallExpression') return;
    const callee = n.callee as AstNode & { name?: string };
    const styleFn = (n.arguments as AstNode[])[1];
    if (callee.type === 'Identifier' && STYLE_HOOK_FACTORIES.has(callee.name ?? '') && styleFn) {
      edits.push({ start: styleFn.start, end: styleFn.end, text: '() => []' });
    }
  });
  return edits;
}

/** Whether `code` declares a style hook or builds the factories (and so must yield an edit). */
export function declaresStyles(code: string, file: string): boolean {
  return FACTORIES_FILE.test(file) || [...STYLE_HOOK_FACTORIES].some((f) => code.includes(`${f}(`));
}

export function antdZeroRuntime(): Plugin {
  return {
    name: 'hotline:antd-zero-runtime',
    apply: 'build',
    transform(code, id) {
      const [file = id] = id.split('?');
      if (!ANTD_ES.test(file) || !declaresStyles(code, file)) return null;
      // theme/internal re-exports the factories and theme/util/genStyleUtils builds them; neither calls one.
      const edits = styleFunctionEdits(this.parse(code) as unknown as AstNode, file);
      if (edits.length === 0) {
        if (/\/antd\/es\/theme\//.test(file) && !FACTORIES_FILE.test(file)) return null;
        this.error(`antd-zero-runtime: ${file} names a style hook factory but no call to replace was found; antd's shape changed`);
      }
      return { code: applyEdits(code, edits), map: null };
    },
  };
}
