/** Headless Debian Chromium driven by playwright-core, and the built client it loads. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import { CLIENT_DIST } from '../../server/app';
import { journalPages } from './browser-journal';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test/artifacts');

/**
 * Browser tests run wherever Chromium is installed. CI sets REQUIRE_BROWSER=1 so a missing
 * browser fails the run instead of skipping it.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-wqy-microhei)`);
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  // The e2e project's global setup (global-setup-client.ts) builds the client when stale.
  if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`no client build in ${CLIENT_DIST}: run npm run build`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  journalPages(browser);
  return browser;
}

export const screenshotPath = (name: string) => path.join(ARTIFACTS, `${name}.png`);

/**
 * A screenshot taken once the page has stopped moving (charts animate in, a scroll settles): two
 * captures in a row alike, rather than a guessed pause. Gives up after 20 captures and keeps the last.
 */
export async function screenshotWhenStill(page: Page, file: string, options: { fullPage?: boolean } = {}): Promise<void> {
  let last = await page.screenshot(options);
  for (let i = 0; i < 20; i++) {
    const next = await page.screenshot(options);
    if (next.equals(last)) break;
    last = next;
  }
  writeFileSync(file, last);
}

/**
 * The console's clock in a browser test that sets the date: the console runs at `at`, except while
 * a browser logs in, which runs at the real time. Chromium keeps the session cookie until its
 * expiry by the machine's clock, so a session started at a set date more than SESSION_TTL_HOURS
 * (30 days in tests) in the past would be expired on arrival. The console checks its sessions by
 * its own clock, so the session still lives at the set date.
 */
export class SetClock {
  private real = 0;
  constructor(private at: Date) {}
  /** Pass as `startTestServer({ now: clock.now })`. */
  readonly now = (): Date => (this.real > 0 ? new Date() : this.at);
  set(iso: string): void {
    this.at = new Date(iso);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
  async atRealTime<T>(fn: () => Promise<T>): Promise<T> {
    this.real++;
    try {
      return await fn();
    } finally {
      this.real--;
    }
  }
}

/** The operator's desk: 1366×768, Chinese, Shanghai time. */
export const DESK: BrowserContextOptions = { viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

/** Logs in on the login page `url` shows and waits until the live connection is up. */
export async function logIn(page: Page, url: string, username: string, password = 'hotline-demo'): Promise<void> {
  await page.goto(url);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();
}

/**
 * Does `act` (a click that sends a write) and returns the answer to the `method` request of
 * `pathname` it sent: a test checks the server's answer before the screen's, so a screen that stays
 * as it was says which side held it.
 */
export async function answerTo(page: Page, method: string, pathname: string, act: () => Promise<void>): Promise<Response> {
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === pathname, { timeout: 30_000 }),
    act(),
  ]);
  return answer;
}

/** A new browser context (its own cookies) at the desk, logged in as `username`. */
export async function loginAs(browser: Browser, url: string, username: string, options: BrowserContextOptions = {}, clock?: SetClock): Promise<Page> {
  const context = await browser.newContext({ ...DESK, ...options });
  // The machine running the suite may be busy: give the console time rather than flake.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await (clock ? clock.atRealTime(() => logIn(page, url, username)) : logIn(page, url, username));
  return page;
}

/** One rule axe found broken on a page state, with how many elements break it and a few of them. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: number;
  targets: string[];
  /** What axe measured on the first element (colours and ratio, for contrast). */
  detail: string;
}

/**
 * Issue 19.3: axe-core (WCAG 2.0/2.1 A and AA rules) over the page as it is now. Returns the
 * violations of impact `serious` or `critical` (all of them with `all: true`).
 */
export async function axeViolations(page: Page, opts: { all?: boolean } = {}): Promise<AxeFinding[]> {
  // Evaluated through the DevTools protocol: the console's CSP (script-src 'self') refuses an inline script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    }),
  );
  return results.violations
    .filter((v) => opts.all || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => String(n.target.join(' '))),
      detail: v.nodes[0]?.any[0]?.message ?? '',
    }));
}

/**
 * Waits until the page's finite animations and transitions have ended (a dialog zooming in, a
 * toast sliding, a tag fading): mid-way their colours are blends that no one reads, and axe would
 * measure the blend. Endless ones (a spinner, the waiting call's pulse) are not waited for.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    const timeout = new Promise((resolve) => setTimeout(resolve, 5_000));
    await Promise.race([Promise.allSettled(finite.map((a) => a.finished)), timeout]);
  });
}

/** Fails the test when the page state has a serious or critical WCAG 2.1 AA violation (issue 19.3). */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  await settled(page);
  const found = await axeViolations(page);
  if (found.length > 0) throw new Error(`axe: ${state} has ${found.length} serious/critical WCAG 2.1 AA violations:\n${JSON.stringify(found, null, 2)}`);
}
