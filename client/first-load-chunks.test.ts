import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstLoadChunks } from './first-load-chunks';

/**
 * A client in miniature: an entry that starts the console and two pages, a kit whose index
 * re-exports its parts (as antd's does), and a CommonJS pair (as React is).
 */
const FILES: Record<string, string> = {
  '/fx/entry.js': `import { early } from './early.js'; early(); import('./main.js'); import('./page-a.js'); import('./page-b.js');`,
  '/fx/early.js': `export const early = () => { globalThis.EARLY_CODE = 1; };`,
  '/fx/main.js': `import { early } from './early.js'; import { Alpha } from './kit/index.js'; export const main = () => [early, Alpha];`,
  '/fx/kit/index.js': `export { Alpha } from './alpha.js'; export { Beta } from './beta.js'; export * from './star.js'; export * from './star-2.js';`,
  '/fx/kit/alpha.js': `export const Alpha = 'ALPHA_CODE';`,
  '/fx/kit/beta.js': `export const Beta = 'BETA_CODE';`,
  '/fx/kit/star.js': `export const Gamma = 'GAMMA_CODE';`,
  '/fx/kit/star-2.js': `export const Delta = 'DELTA_CODE';`,
  '/fx/page-a.js': `import { Gamma } from './kit/index.js'; import legacy from './legacy.cjs'; export const pageA = ['PAGE_A_CODE', Gamma, legacy];`,
  '/fx/legacy.cjs': `module.exports = require('./legacy-dep.cjs');`,
  '/fx/legacy-dep.cjs': `module.exports = 'LEGACY_DEP_CODE';`,
  '/fx/page-b.js': `import { Alpha, Beta, Delta } from './kit/index.js'; export const pageB = ['PAGE_B_CODE', Alpha, Beta, Delta];`,
};

async function bundle(): Promise<Rollup.OutputChunk[]> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'fixture',
        resolveId: (id, importer) => {
          const file = id.startsWith('.') && importer ? new URL(id, `file://${importer}`).pathname : id;
          return file in FILES ? file : null;
        },
        // The kit declares itself free of side effects, as antd's package.json does.
        load: (id) => (id in FILES ? { code: FILES[id]!, moduleSideEffects: !id.startsWith('/fx/kit/') } : null),
      },
      firstLoadChunks('/fx/entry.js', [
        { name: 'shell', roots: ['/fx/main.js'] },
        { name: 'operator', roots: ['/fx/page-a.js'] },
      ]),
    ],
    build: { write: false, minify: false, modulePreload: false, rolldownOptions: { input: '/fx/entry.js' } },
  });
  return (Array.isArray(output) ? output : [output]).flatMap((o) => (o as Rollup.RollupOutput).output).filter((c) => c.type === 'chunk');
}

describe('the first load in a few files', () => {
  let chunks: Rollup.OutputChunk[];
  const named = (name: string) => {
    const chunk = chunks.find((c) => c.name === name);
    if (!chunk) throw new Error(`no chunk ${name} among ${chunks.map((c) => c.name).join(', ')}`);
    return chunk;
  };
  beforeAll(async () => {
    chunks = await bundle();
  });

  it("puts what the console imports in the shell, following a kit's index only for the names taken from it", () => {
    const shell = named('shell').code;
    expect(shell).toContain('ALPHA_CODE');
    for (const other of ['BETA_CODE', 'GAMMA_CODE', 'DELTA_CODE', 'PAGE_A_CODE', 'PAGE_B_CODE']) expect(shell).not.toContain(other);
  });

  it("puts what the operator's page adds in its own group: a name found through `export *`, and a CommonJS module's requires", () => {
    const operator = named('operator').code;
    for (const mine of ['PAGE_A_CODE', 'GAMMA_CODE', 'LEGACY_DEP_CODE']) expect(operator).toContain(mine);
    // The shell's, and what only the other page uses, are not in it.
    for (const other of ['ALPHA_CODE', 'BETA_CODE', 'DELTA_CODE', 'PAGE_B_CODE']) expect(operator).not.toContain(other);
  });

  it('leaves the other page its own chunks', () => {
    const rest = chunks.filter((c) => !['shell', 'operator', 'boot'].includes(c.name) && !c.isEntry);
    const code = rest.map((c) => c.code).join('\n');
    for (const theirs of ['PAGE_B_CODE', 'BETA_CODE', 'DELTA_CODE']) expect(code).toContain(theirs);
  });

  it("keeps what the entry imports out of the groups: the entry loads only that small file before it starts the others' downloads", () => {
    const entry = chunks.find((c) => c.isEntry)!;
    expect(entry.imports).toEqual([named('boot').fileName]);
    expect(named('boot').code).toContain('EARLY_CODE');
    expect(entry.dynamicImports).toEqual(expect.arrayContaining([named('shell').fileName, named('operator').fileName]));
  });
});
