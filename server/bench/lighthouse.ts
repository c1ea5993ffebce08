/**
 * Issue 19 item 4: Lighthouse (12, the library itself, not a re-implementation) on the login page
 * and the operator page, each scored for performance and accessibility. Desktop configuration
 * (operators work at 1366×768 desktops, not phones): simulated throttling of a fast desktop link,
 * no CPU slowdown, so the CPU-bound figures are this machine's and move with its load. The
 * operator page is loaded with an operator's session cookie; each page runs `runs` times and the
 * median score is kept (Lighthouse's own advice for noisy machines).
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { spawnServer } from '../../test/faults/processes';
import { ConsoleClient } from '../demo/console-client';
import { round } from './stats';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PageScores {
  page: 'login' | 'operator';
  /** 0–100, median of the runs. */
  performance: number;
  accessibility: number;
  /** Metrics of the median-performance run, ms. */
  firstContentfulPaint: number;
  largestContentfulPaint: number;
  totalBlockingTime: number;
  /** Audits under 0.9 in that run, for whoever wants the score higher. */
  weakAudits: string[];
}

export interface LighthouseFigures {
  lighthouseVersion: string;
  runs: number;
  pages: PageScores[];
}

/** Attempts per run: Chromium's trace sometimes lacks its navigation start (NO_NAVSTART), a fault of the recording, not of the page. */
const ATTEMPTS = 3;

async function runLighthouse(url: string, flags: Flags, page: PageScores['page'], log: (s: string) => void): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, flags, desktopConfig);
    if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
    const error = result.lhr.runtimeError;
    if (!error) return result.lhr;
    if (error.code !== 'NO_NAVSTART' || attempt === ATTEMPTS) throw new Error(`Lighthouse on ${page}: ${error.message}`);
    log(`  ${page}: the trace had no navigation start (NO_NAVSTART); measuring again`);
  }
}

export async function benchLighthouse(opts: { databaseUrl: string; runs: number; log: (s: string) => void }): Promise<LighthouseFigures> {
  const server = await spawnServer({ env: { DATABASE_URL: opts.databaseUrl, LOG_LEVEL: 'warn' } });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const op = await ConsoleClient.login(server.url, 'operator', 'hotline-demo');
    const targets: { page: PageScores['page']; url: string; headers: Record<string, string> }[] = [
      { page: 'login', url: `${server.url}/`, headers: {} },
      { page: 'operator', url: `${server.url}/operator`, headers: { Cookie: op.sessionCookie } },
    ];
    const pages: PageScores[] = [];
    let version = '';
    for (const target of targets) {
      const results: PageScores[] = [];
      for (let i = 0; i < opts.runs; i++) {
        const flags = {
          port: chrome.port,
          output: 'json' as const,
          logLevel: 'error' as const,
          onlyCategories: ['performance', 'accessibility'],
          extraHeaders: target.headers,
        };
        const lhr = await runLighthouse(target.url, flags, target.page, opts.log);
        version = lhr.lighthouseVersion;
        const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
        results.push({
          page: target.page,
          performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
          firstContentfulPaint: round(audit('first-contentful-paint')),
          largestContentfulPaint: round(audit('largest-contentful-paint')),
          totalBlockingTime: round(audit('total-blocking-time')),
          weakAudits: Object.values(lhr.audits)
            .filter(
              (a) =>
                a.score !== null &&
                a.score < 0.9 &&
                (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric' || a.scoreDisplayMode === 'metricSavings'),
            )
            .map((a) => a.id),
        });
      }
      const byPerformance = [...results].sort((a, b) => a.performance - b.performance);
      const median = byPerformance[Math.floor(byPerformance.length / 2)]!;
      const accessibility = [...results].map((r) => r.accessibility).sort((a, b) => a - b)[Math.floor(results.length / 2)]!;
      pages.push({ ...median, accessibility });
      opts.log(
        `  ${target.page}: performance ${median.performance}, accessibility ${accessibility} (median of ${opts.runs}); FCP ${median.firstContentfulPaint} ms, LCP ${median.largestContentfulPaint} ms, TBT ${median.totalBlockingTime} ms`,
      );
    }
    return { lighthouseVersion: version, runs: opts.runs, pages };
  } finally {
    await chrome.kill();
    await server.kill('SIGTERM');
  }
}
