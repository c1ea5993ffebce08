/**
 * vitest globalSetup of the browser tests: they load the built client from dist/client, so a
 * bundle older than client/ or shared/ would test old code. Rebuilt here when its recorded
 * source hash (scripts/client-build.ts) differs from the working tree's; reused otherwise.
 */
import { execFileSync } from 'node:child_process';
import { recordBuild, REPO, staleReason } from '../../scripts/client-build';

export default function setup() {
  const why = staleReason();
  if (!why) return;
  console.log(`[e2e] rebuilding the client: ${why}`);
  const startedAt = performance.now();
  try {
    execFileSync(process.execPath, [`${REPO}/node_modules/vite/bin/vite.js`, 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], {
      cwd: REPO,
      stdio: 'inherit',
      // vitest sets NODE_ENV=test, which would make vite bundle React's development build (StrictMode
      // runs effects twice, other timings): the browser tests test what `npm run build` ships.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } catch (err) {
    throw new Error(`[e2e] the browser tests need a current build of the client and vite build failed: ${(err as Error).message}`, { cause: err });
  }
  recordBuild();
  console.log(`[e2e] client built in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
}
