/**
 * STYLE "one domain action, one path", read from the source: events are appended and published
 * only by the unit of work (server/platform/unit-of-work.ts), and route files open no
 * transactions — they call a command, which runs in the unit of work. A raw `db.transaction` is
 * allowed only where listed below, with the reason. (dependency-cruiser may later say the same
 * about imports; this test also sees calls.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The unit of work: the only caller of appendEvents and of the live publisher. */
const UNIT_OF_WORK = 'server/platform/unit-of-work.ts';
/** Where appendEvents is defined (only the unit of work imports it). */
const APPEND_EVENTS = 'server/platform/append-events.ts';

/** Raw transactions that write no events, and why they are not units of work. */
const RAW_TRANSACTIONS: Record<string, string> = {
  [UNIT_OF_WORK]: 'the unit of work itself',
  'server/console/wallboard.ts': 'a read-only, repeatable-read snapshot of the wallboard figures',
  'server/demo/seed-demo.ts': 'the demo town seed: reference data and users, no events',
  'server/platform/auth/login-throttle.ts':
    "login failures of one address counted one at a time (advisory lock): a security counter, not the ticket's story — no events",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(full) && !/\.test\.tsx?$/.test(full) ? [full.split(path.sep).join('/')] : [];
  });
}

const FILES = ['server', 'shared', 'db', 'client/src'].flatMap(sourceFiles);

/** Lines of `file` matching `pattern`, comments left out. */
function hits(pattern: RegExp, files = FILES) {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((text, i) => ({ file, line: i + 1, text: text.trim() }))
      .filter(({ text }) => !text.startsWith('//') && !text.startsWith('*') && !text.startsWith('/*') && pattern.test(text)),
  );
}

const where = (list: { file: string; line: number }[]) => list.map(({ file, line }) => `${file}:${line}`);

describe('one way to write', () => {
  it('scans the tree (the unit of work and its callers are there)', () => {
    expect(FILES).toContain(UNIT_OF_WORK);
    expect(hits(/\bwithTransaction\(/).length).toBeGreaterThan(15);
  });

  it('appends events only in the unit of work', () => {
    const offenders = hits(/\bappendEvents\b/).filter(({ file }) => file !== UNIT_OF_WORK && file !== APPEND_EVENTS);
    expect(where(offenders)).toEqual([]);
  });

  it('publishes live events only in the unit of work, after commit', () => {
    const offenders = hits(/\.publish\(/).filter(({ file }) => file !== UNIT_OF_WORK);
    expect(where(offenders)).toEqual([]);
  });

  it('opens no transaction in a route file (a route calls a command)', () => {
    const routeFiles = FILES.filter((file) => file.startsWith('server/') && readFileSync(file, 'utf8').includes('defineRoute('));
    expect(routeFiles.length).toBeGreaterThan(15);
    const offenders = hits(/\.transaction\(|\bwithTransaction\(/, routeFiles).filter(({ file }) => !file.endsWith('platform/define-route.ts'));
    expect(where(offenders)).toEqual([]);
  });

  it('opens raw transactions only where listed, each with its reason', () => {
    const offenders = hits(/\.transaction\(/).filter(({ file }) => !(file in RAW_TRANSACTIONS));
    expect(where(offenders)).toEqual([]);
  });
});
