/**
 * Which sources the browser bundle in dist/client was built from: a SHA-256 over client/,
 * shared/ and package-lock.json (the vite config lives in client/), written beside the build as
 * dist/client-build.json by `npm run build`. The browser tests' global setup compares it with the
 * working tree and rebuilds a stale bundle instead of testing old code.
 *
 *   node --import tsx scripts/client-build.ts record   # after vite build (npm run build does it)
 *   node --import tsx scripts/client-build.ts check    # exit 1 when dist/client is missing or stale
 *   node --import tsx scripts/client-build.ts ensure   # build only when missing or stale (npm start:
 *                                                     # a restart after a crash serves in seconds)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLIENT_DIST = path.join(REPO, 'dist', 'client');
export const BUILD_RECORD = path.join(REPO, 'dist', 'client-build.json');
const SOURCES = ['client', 'shared', 'package-lock.json'];

function filesUnder(rel: string): string[] {
  const abs = path.join(REPO, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(REPO, path.join(e.parentPath, e.name)))
    .filter((f) => !f.split(path.sep).includes('node_modules'));
}

/** The hash of every source file the bundle can depend on (path and content). */
export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(filesUnder).sort()) {
    hash.update(file + '\0');
    hash.update(readFileSync(path.join(REPO, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Why dist/client cannot be used as it is, or null when it was built from the current sources. */
export function staleReason(): string | null {
  if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) return 'dist/client has no index.html';
  if (!existsSync(BUILD_RECORD)) return 'dist/client-build.json is missing (built before the sources were recorded)';
  const recorded = (JSON.parse(readFileSync(BUILD_RECORD, 'utf8')) as { sourceHash?: string }).sourceHash;
  return recorded === sourceHash() ? null : 'client/, shared/ or package-lock.json changed since the last build';
}

export function recordBuild(): void {
  writeFileSync(BUILD_RECORD, JSON.stringify({ sourceHash: sourceHash(), builtAt: new Date().toISOString() }, null, 2) + '\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  if (cmd === 'record') recordBuild();
  else if (cmd === 'check') {
    const why = staleReason();
    if (why) {
      console.error(`dist/client is stale: ${why}; run npm run build`);
      process.exit(1);
    }
  } else if (cmd === 'ensure') {
    const why = staleReason();
    if (why) {
      console.log(`building the client: ${why}`);
      process.exit(spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' }).status ?? 1);
    }
    console.log('client build is current (dist/client-build.json): not rebuilt');
  } else {
    console.error('usage: client-build.ts record|check|ensure');
    process.exit(2);
  }
}
