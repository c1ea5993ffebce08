/**
 * Each rule once (issue 13, item 4): a rule that has one home in shared/ must not be written
 * again by hand somewhere else, where it would drift. These checks read the source tree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPERVISION_COMMANDS } from '../shared/supervision/machine';
import { COMMANDS } from '../shared/ticket/commands';

const ROOT = join(import.meta.dirname, '..');
const SOURCES = ['bin', 'client', 'db', 'server', 'shared', 'test'];
const SKIP = new Set(['node_modules', 'dist', 'artifacts', 'migrations']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourceFiles(path);
    return /\.(ts|tsx|js)$/.test(entry.name) ? [relative(ROOT, path)] : [];
  });
}

const FILES = SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir)));

/** A comment may name the rule; code must not restate it. */
const COMMENT = /^\s*(\/\/|\/\*|\*)/;

/** `file:line: text` of every code line matching `pattern`, outside the files allowed to hold it (and this one). */
function copies(pattern: RegExp, allowed: readonly string[]): string[] {
  return FILES.filter((file) => file !== 'test/rules-once.test.ts' && !allowed.includes(file)).flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (!COMMENT.test(line) && pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

const kebab = (command: string) => command.replaceAll('_', '-');

describe('each rule once', () => {
  it('finds the files it guards', () => {
    expect(FILES).toContain('shared/api/command-paths.ts');
    expect(FILES).toContain('client/src/api/tickets.ts');
    expect(FILES.length).toBeGreaterThan(200);
  });

  it('command paths are built by shared/api/command-paths.ts only', () => {
    // An id in code (`${id}`, `:id` or a number) followed by a command: a path built by hand.
    const path = (resource: string, commands: readonly string[]) =>
      new RegExp(`/api/${resource}/(\\$\\{[^}]+\\}|:id|\\d+)/(${commands.map(kebab).join('|')})\\b(?!-)`);
    const allowed = ['shared/api/command-paths.ts', 'shared/api/command-paths.test.ts'];
    expect(copies(path('tickets', COMMANDS), allowed)).toEqual([]);
    expect(copies(path('supervisions', SUPERVISION_COMMANDS), allowed)).toEqual([]);
  });

  it('phone numbers are read by shared/phone.ts only (libphonenumber-js), never by a pattern of their own', () => {
    // A mainland mobile pattern (1[3-9]…) written again, or the library called from elsewhere.
    expect(copies(/1\\?\[3-9\]/, ['server/reports/reports.test.ts'])).toEqual([]);
    expect(copies(/from 'libphonenumber-js/, ['shared/phone.ts'])).toEqual([]);
  });
});
