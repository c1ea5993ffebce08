import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isSecondary, isUnused, pruneAntdCss } from './antd-stylesheet';

const here = path.dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

/** The antd components a file imports, by name (`import { Button, Table } from 'antd'`). */
function componentsIn(code: string): string[] {
  return [...code.matchAll(/import\s*\{([^}]+)\}\s*from\s*'antd'/g)].flatMap((m) =>
    m[1]!
      .split(',')
      .map(
        (part) =>
          part
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0]!,
      )
      .filter((name) => /^[A-Z]/.test(name)),
  );
}

/** The antd components the client imports. */
function importedComponents(): Set<string> {
  return new Set(sources(path.join(here, 'src')).flatMap((file) => componentsIn(readFileSync(file, 'utf8'))));
}

/** A component's class prefix where it is not its name in kebab case. */
const PREFIX: Record<string, string> = {
  DatePicker: 'picker',
  TimePicker: 'picker',
  AutoComplete: 'select',
  FloatButton: 'float-btn',
  QRCode: 'qrcode',
  Button: 'btn',
};
const kebab = (name: string) => name.replace(/[a-z](?=[A-Z])/g, (c) => `${c}-`).toLowerCase();

describe('the pruned antd stylesheet', () => {
  it('keeps the rules of every component the client imports', () => {
    const imported = [...importedComponents()];
    // The scan finds the console's components (it would pass vacuously if it found none).
    expect(imported).toEqual(expect.arrayContaining(['Button', 'Table', 'Form', 'Select', 'DatePicker', 'Menu']));
    const dropped = imported.filter((name) => isUnused(PREFIX[name] ?? kebab(name)));
    expect(dropped, 'imported components whose rules the build drops (client/antd-stylesheet.ts)').toEqual([]);
  });

  it('drops unused components and variants, and keeps the used part of a shared selector list', () => {
    const css = [
      '.ant-btn{color:red}',
      '.ant-upload{color:blue}',
      '.ant-upload-list .ant-btn{margin:0}',
      '.ant-btn-rtl{direction:rtl}',
      '.ant-col-12{flex:0 0 50%}',
      '@media (min-width:576px){.ant-col-sm-12{flex:0 0 50%}}',
      '.ant-steps,.ant-tag{display:block}',
      ':root{--ant-color-primary:#1d4ed8}',
      '.css-var-_R_0_.ant-btn{--ant-btn-font-weight:400}',
      '.css-var-_r_0_.ant-btn{--ant-btn-font-weight:500}',
      '@keyframes antUploadIn{from{opacity:0}to{opacity:1}}',
    ].join('');
    const out = pruneAntdCss(css);
    expect(out).toContain('.ant-btn{color:red}');
    expect(out).toContain('.ant-col-12{');
    expect(out).toContain(':root{');
    expect(out).toContain('@keyframes antUploadIn');
    expect(out).toMatch(/(^|\})\.ant-tag\{display:block\}/);
    expect(out).not.toContain('.ant-upload{');
    expect(out).not.toContain('.ant-upload-list');
    expect(out).not.toContain('-rtl');
    expect(out).not.toContain('ant-col-sm');
    expect(out).not.toContain('@media');
    expect(out).not.toContain('.ant-steps');
    expect(out).not.toContain('css-var-_R_');
    expect(out).toContain('.css-var-_r_0_.ant-btn{');
  });

  it('makes antd’s own stylesheet markedly smaller and leaves the used components in it', () => {
    const full = readFileSync(createRequire(import.meta.url).resolve('antd/dist/antd.css'), 'utf8');
    const first = pruneAntdCss(full, 'first');
    const secondary = pruneAntdCss(full, 'secondary');
    expect(first.length + secondary.length).toBeLessThan(full.length * 0.75);
    // The operator's first load carries well under half of antd's rules.
    expect(first.length).toBeLessThan(full.length * 0.4);
    // A rule whose selector starts with the component's classes (not one for it inside another
    // component: `.ant-layout .ant-menu{`).
    const ruleFor = (cls: string) => new RegExp(`(^|[{},])\\${cls}(-[a-z-]+)?[{ .:>\\[]`);
    for (const cls of ['.ant-btn', '.ant-select', '.ant-form-item', '.ant-modal', '.ant-message', '.ant-input', '.ant-tag']) {
      expect(first, cls).toMatch(ruleFor(cls));
      expect(secondary, cls).not.toMatch(ruleFor(cls));
    }
    for (const cls of ['.ant-table', '.ant-picker', '.ant-menu', '.ant-tabs', '.ant-card']) {
      expect(secondary, cls).toMatch(ruleFor(cls));
      expect(first, cls).not.toMatch(ruleFor(cls));
    }
  });

  it('puts both parts in the layer antd, the secondary part without keyframes or global rules', () => {
    const css = [
      ':root{--ant-color-primary:#1d4ed8}',
      '.ant-btn{color:red}',
      '.ant-table{color:blue}',
      '.ant-table .ant-btn,.ant-btn .x{margin:0}',
      '@media (max-width:600px){.ant-table-cell{padding:0}}',
      '@keyframes antSlideUpIn{from{opacity:0}to{opacity:1}}',
    ].join('');
    const first = pruneAntdCss(css, 'first');
    const secondary = pruneAntdCss(css, 'secondary');
    expect(first).toMatch(/^@layer antd\{[\s\S]*\}$/);
    expect(secondary).toMatch(/^@layer antd\{[\s\S]*\}$/);
    expect(first).toContain(':root{');
    expect(first).toContain('@keyframes antSlideUpIn');
    expect(first).toContain('.ant-btn .x{margin:0}');
    expect(first).not.toContain('.ant-table');
    expect(secondary).toContain('.ant-table{color:blue}');
    expect(secondary).toContain('.ant-table .ant-btn{margin:0}');
    expect(secondary).toContain('@media (max-width:600px){.ant-table-cell{padding:0}}');
    expect(secondary).not.toContain(':root');
    expect(secondary).not.toContain('@keyframes');
    expect(secondary).not.toMatch(/(^|[{},])\.ant-btn\{/);
  });
});

/**
 * The files the login and operator screens run: everything boot.ts and main.tsx import, and the
 * operator page with everything it imports, statically or lazily — but not the other pages, which
 * main.tsx and page-loaders.ts load with the secondary part of antd's stylesheet.
 */
function firstLoadFiles(): Set<string> {
  const src = path.join(here, 'src');
  const seen = new Set<string>();
  const visit = (file: string, followDynamic: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const targets = [
      ...[...code.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^'";]*?from\s+'(\.[^']+)'/g)].map((m) => m[1]!),
      ...[...code.matchAll(/(?:^|\n)\s*import\s+'(\.[^']+)'/g)].map((m) => m[1]!),
      ...(followDynamic ? [...code.matchAll(/import\('(\.[^']+)'\)/g)].map((m) => m[1]!) : []),
    ];
    for (const target of targets) {
      const base = path.resolve(path.dirname(file), target);
      const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((f) => /\.tsx?$/.test(f) && existsSync(f));
      // Pages are loaded through main.tsx and page-loaders.ts; the operator page is a root below.
      if (found) visit(found, !/[\\/](main\.tsx|page-loaders\.ts)$/.test(found));
    }
  };
  visit(path.join(src, 'boot.ts'), true);
  visit(path.join(src, 'pages', 'operator-page.tsx'), true);
  return seen;
}

describe('the stylesheet of the first load', () => {
  it('has the rules of every component the login and operator screens import', () => {
    const files = firstLoadFiles();
    const names = (f: Set<string>) => [...f].map((x) => path.relative(here, x));
    expect(names(files)).toEqual(
      expect.arrayContaining(['src/main.tsx', 'src/pages/login-page.tsx', 'src/pages/intake-form.tsx', 'src/components/app-shell.tsx']),
    );
    expect(names(files)).not.toContain('src/pages/supervisor-page.tsx');
    const secondary = [...files].flatMap((file) =>
      componentsIn(readFileSync(file, 'utf8'))
        .filter((name) => isSecondary(PREFIX[name] ?? kebab(name)))
        .map((name) => `${name} in ${path.relative(here, file)}`),
    );
    expect(secondary, 'components whose rules are in the secondary part (client/antd-stylesheet.ts)').toEqual([]);
  });
});
