import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Tests pin the time zone to something other than Shanghai, so any code that leans on the
// process TZ instead of Asia/Shanghai shows up as a wrong date.
process.env.TZ = 'America/Los_Angeles';

/**
 * One worker per core: unit and integration files are CPU-bound (PGlite is WebAssembly in the
 * worker). Each integration worker peaks near 0.5 GiB, so memory is not what limits us.
 * VITEST_MAX_WORKERS overrides (e.g. on a machine shared with other jobs).
 */
const workers = Number(process.env.VITEST_MAX_WORKERS) || availableParallelism();

/** Databases are copies of one template built per run (test/support/template.ts). */
const templateDatabases = 'test/support/global-setup-db.ts';

export default defineConfig({
  test: {
    pool: 'forks',
    // The timing reporter prints, per project, the setup per file and the time of its tests.
    reporters: ['default', './test/support/timing-reporter.ts'],
    maxWorkers: workers,
    // Generous: CI machines have 2 cores and the suites start real servers, browsers and processes.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['shared/**/*.test.ts', 'client/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['server/**/*.test.ts', 'db/**/*.test.ts', 'test/*.test.ts'], globalSetup: [templateDatabases] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // A stale dist/client is rebuilt before any browser opens it.
          globalSetup: [templateDatabases, 'test/support/global-setup-client.ts'],
          maxWorkers: 1,
          testTimeout: 90_000,
        },
      },
      {
        extends: true,
        // Issue 9: real child processes, SIGKILL, PostgreSQL restarts, nginx; one file at a time.
        test: { name: 'faults', include: ['test/faults/**/*.test.ts'], maxWorkers: 1, testTimeout: 300_000, hookTimeout: 180_000 },
      },
    ],
  },
});
