/**
 * The browser tests' setup: a test that fails prints what its open pages asked of the API and
 * showed (test/support/browser-journal.ts), beside the error of the wait that timed out.
 */
import { beforeEach } from 'vitest';
import { describeOpenPages } from './browser-journal';

beforeEach(({ onTestFailed }) => {
  onTestFailed(async () => {
    const report = await describeOpenPages();
    if (report) console.log(report);
  });
});
