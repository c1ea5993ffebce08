import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// Tests pin the time zone to something other than Shanghai, so any code that leans on the
// process TZ instead of Asia/Shanghai shows up as a wrong date.
process.env.TZ = 'America/Los_Angeles';

/**
 * One worker per core: unit and integration files are CPU-bound (PGlite is WebAssembly in the
 * worker). Each integration worker peaks near 0.5 GiB, so memory is not what limits us.
 * VITEST_MAX_WORKERS overrides (e.g. on a machine shared with other jobs).
 */
const workers = Number(process.env.VITEST_MAX_WORKERS) || availableParallelism();

/** Fault tests of PGlite itself; the other fault tests need PostgreSQL (docs/decisions/ci.md). */
const EMBEDDED_FAULTS = 'test/faults/data-folder.test.ts';

/**
 * Integration files that open no database (pure functions, child processes of CLI commands that
 * read none): the engine variable changes nothing for them, so like the unit tests they run once,
 * in the embedded pass, not again on PostgreSQL (docs/decisions/ci.md).
 */
const ENGINE_FREE = [
  'server/bench/splice.test.ts',
  'server/classify/cli.test.ts',
  'server/clock/cli.test.ts',
  'server/open311/limits.test.ts',
  'server/open311/read-cache.test.ts',
  'server/platform/live/free-text.test.ts',
  'server/platform/one-way-to-write.test.ts',
  'server/platform/static-client.test.ts',
  'server/reports/handlings.test.ts',
  'server/reports/no-address.test.ts',
  'server/staffing/cli.test.ts',
  'server/telephony/call-status.test.ts',
  'test/rules-once.test.ts',
];

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
    // Does nothing unless CLOCK_READS is set: then it records which code reads the machine's clock.
    setupFiles: ['test/support/clock-reads.ts'],
    projects: [
      {
        extends: true,
        // Files share their worker's module cache (isolate: false): importing the server afresh
        // for every file was a third of the integration CPU (docs/decisions/ci.md).
        test: { name: 'unit', include: ['shared/**/*.test.ts', 'client/**/*.test.ts'], isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['server/**/*.test.ts', 'db/**/*.test.ts', 'test/*.test.ts'],
          // Only when set: a project's exclude replaces the command line's --exclude (the date-shifted runs' list).
          ...(process.env.DATABASE_URL ? { exclude: [...configDefaults.exclude, ...ENGINE_FREE] } : {}),
          globalSetup: [templateDatabases],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // A stale dist/client is rebuilt before any browser opens it.
          globalSetup: [templateDatabases, 'test/support/global-setup-client.ts'],
          // A failing browser test prints what its pages asked of the API and showed.
          setupFiles: ['test/support/e2e-setup.ts'],
          isolate: false,
          // As many as the other projects, so browser files run beside integration files (vitest
          // runs projects with maxWorkers 1 alone, one file at a time, after the others). A browser
          // file mostly waits on the page: it shares a core well.
          testTimeout: 90_000,
        },
      },
      {
        extends: true,
        // Issue 9: real child processes, SIGKILL, PostgreSQL restarts, nginx; one file at a time.
        test: { name: 'faults', include: ['test/faults/**/*.test.ts'], exclude: [EMBEDDED_FAULTS], maxWorkers: 1, testTimeout: 300_000, hookTimeout: 180_000 },
      },
      {
        extends: true,
        // The embedded database's own faults (its data folder): run on PGlite, where CI runs no other fault test.
        test: { name: 'faults-pglite', include: [EMBEDDED_FAULTS], maxWorkers: 1, testTimeout: 300_000, hookTimeout: 180_000 },
      },
    ],
  },
});
