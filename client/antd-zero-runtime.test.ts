import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, parseAst, type Plugin, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { antdZeroRuntime, declaresStyles, styleFunctionEdits } from './antd-zero-runtime';
import { applyEdits } from './build-ast';

const antdEs = path.join(path.dirname(createRequire(import.meta.url).resolve('antd/package.json')), 'es');

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : [],
  );
}

type Program = Parameters<typeof styleFunctionEdits>[0];

/** Builds an entry that renders a button, an input and a form item, and returns its code. */
async function bundle(plugins: Plugin[]): Promise<string> {
  const entry = 'virtual:entry';
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === entry ? id : null),
        load: (id) => (id === entry ? `import { Button, Form, Input } from 'antd'; export { Button, Form, Input };` : null),
      },
      ...plugins,
    ],
    build: { write: false, minify: false, rolldownOptions: { input: entry, preserveEntrySignatures: 'strict', external: [/^react(-dom)?(\/|$)/] } },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => (o as Rollup.RollupOutput).output);
  return chunks.map((c) => (c.type === 'chunk' ? c.code : '')).join('\n');
}

describe("antd's style generators left out of the build", () => {
  it('finds a style hook to empty in every antd file that declares one (the build fails otherwise)', () => {
    const declaring = jsFiles(antdEs).filter((f) => declaresStyles(readFileSync(f, 'utf8'), f) && !/\/theme\/(internal|index)\.js$/.test(f));
    expect(declaring.length).toBeGreaterThan(60);
    for (const file of declaring) {
      const code = readFileSync(file, 'utf8');
      const edits = styleFunctionEdits(parseAst(code) as unknown as Program, file);
      expect(edits.length, file).toBeGreaterThan(0);
      // What comes out is still a module.
      expect(() => parseAst(applyEdits(code, edits)), file).not.toThrow();
    }
  });

  it("hands the button's style hook an empty rule list, keeping its component tokens", () => {
    const file = path.join(antdEs, 'button', 'style', 'index.js');
    const code = readFileSync(file, 'utf8');
    const out = applyEdits(code, styleFunctionEdits(parseAst(code) as unknown as Program, file));
    expect(code).toMatch(/genSharedButtonStyle\(buttonToken\)/);
    expect(out).not.toMatch(/genSharedButtonStyle\(buttonToken\)/);
    expect(out).toMatch(/genStyleHooks\('Button', \(\) => \[\], prepareComponentToken,/);
  });

  it('drops the rules from the bundle, not the components', async () => {
    const [plain, trimmed] = [await bundle([]), await bundle([antdZeroRuntime()])];
    // A declaration only the button's style generator writes (its icon-only square).
    const rule = /paddingInline: 0/;
    expect(plain).toMatch(rule);
    expect(trimmed).not.toMatch(rule);
    // The components are all there: the button's class names, the form's validation.
    for (const code of [plain, trimmed]) {
      expect(code).toMatch(/-icon-only/);
      expect(code).toMatch(/validateFields/);
    }
    // Unminified, the three components lose ≈ 13 % of their code (their styles and the reset rules).
    expect(trimmed.length).toBeLessThan(plain.length * 0.9);
  }, 120_000);
});
