import { defineConfig } from 'vitest/config';

// Tests pin the time zone to something other than Shanghai, so any code that leans on the
// process TZ instead of Asia/Shanghai shows up as a wrong date.
process.env.TZ = 'America/Los_Angeles';

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
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
        test: { name: 'integration', include: ['server/**/*.test.ts', 'db/**/*.test.ts', 'test/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], maxWorkers: 1, testTimeout: 90_000 },
      },
      {
        extends: true,
        // Issue 9: real child processes, SIGKILL, PostgreSQL restarts, nginx; one file at a time.
        test: { name: 'faults', include: ['test/faults/**/*.test.ts'], maxWorkers: 1, testTimeout: 300_000, hookTimeout: 180_000 },
      },
    ],
  },
});
