/** Headless Debian Chromium driven by playwright-core, and the built client it loads. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { CLIENT_DIST } from '../../server/app';

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
  if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts'], { stdio: 'inherit' });
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
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
}

export const screenshotPath = (name: string) => path.join(ARTIFACTS, `${name}.png`);

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

/** A new browser context (its own cookies) at the desk, logged in as `username`. */
export async function loginAs(browser: Browser, url: string, username: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...DESK, ...options });
  // The machine running the suite may be busy: give the console time rather than flake.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await logIn(page, url, username);
  return page;
}
