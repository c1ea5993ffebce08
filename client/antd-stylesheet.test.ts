import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isUnused, pruneAntdCss } from './antd-stylesheet';

const here = path.dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

/** The antd components the client imports, by name (`import { Button, Table } from 'antd'`). */
function importedComponents(): Set<string> {
  const names = new Set<string>();
  for (const file of sources(path.join(here, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]+)\}\s*from\s*'antd'/g)) {
      for (const part of m[1]!.split(',')) {
        const name = part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]!;
        if (/^[A-Z]/.test(name)) names.add(name);
      }
    }
  }
  return names;
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
  });

  it('makes antd’s own stylesheet markedly smaller and leaves the used components in it', () => {
    const full = readFileSync(createRequire(import.meta.url).resolve('antd/dist/antd.css'), 'utf8');
    const pruned = pruneAntdCss(full);
    expect(pruned.length).toBeLessThan(full.length * 0.75);
    for (const cls of ['.ant-btn', '.ant-table', '.ant-picker', '.ant-select', '.ant-form-item', '.ant-menu', '.ant-modal', '.ant-message'])
      expect(pruned, cls).toContain(`${cls}{`);
  });
});
