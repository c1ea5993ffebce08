/**
 * What each browser page of a test asked of the API and showed, for the report of a test that
 * fails (test/support/e2e-setup.ts prints it). A browser test that times out waiting for the screen
 * says only what it waited for; two CI runs timed out after an antd confirmation's OK (a shift's
 * retirement, a rule's publication) and could not be reproduced — the report says whether the
 * request left, what it answered, and what was on screen.
 *
 * Only what carries no citizen's data: API method, path and status (paths hold ids, never a
 * number or a name), page errors, and the texts of messages and open dialogs with every run of
 * digits longer than six masked.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

const KEPT = 30;
const journals = new WeakMap<Page, string[]>();
const browsers = new Set<Browser>();

const masked = (s: string, max = 160) =>
  s
    .replace(/\d{7,}/g, (d) => '#'.repeat(d.length))
    .replace(/\s+/g, ' ')
    .slice(0, max);

function keepJournal(page: Page): void {
  const lines: string[] = [];
  journals.set(page, lines);
  const t0 = Date.now();
  const add = (s: string) => {
    lines.push(`+${((Date.now() - t0) / 1000).toFixed(1)}s ${s}`);
    if (lines.length > KEPT) lines.shift();
  };
  const apiPath = (url: string) => {
    const u = new URL(url);
    return u.pathname.startsWith('/api/') ? u.pathname : null;
  };
  page.on('request', (r) => {
    const p = apiPath(r.url());
    if (p && r.method() !== 'GET') add(`${r.method()} ${p} sent`);
  });
  page.on('response', (r) => {
    const p = apiPath(r.url());
    if (p) add(`${r.request().method()} ${p} → ${r.status()}`);
  });
  page.on('requestfailed', (r) => {
    const p = apiPath(r.url());
    if (p) add(`${r.method()} ${p} failed: ${r.failure()?.errorText ?? '?'}`);
  });
  page.on('pageerror', (e) => add(`page error: ${masked(e.message)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') add(`console error: ${masked(m.text())}`);
  });
}

/** Every page of every context `browser` opens from now on keeps a journal. */
export function journalPages(browser: Browser): void {
  browsers.add(browser);
  browser.on('disconnected', () => browsers.delete(browser));
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
    const context = await newContext(...args);
    context.on('page', keepJournal);
    return context;
  };
}

const within = <T>(p: Promise<T>, fallback: T) => Promise.race([p.catch(() => fallback), new Promise<T>((r) => setTimeout(() => r(fallback), 3000))]);

async function onScreen(page: Page): Promise<string[]> {
  const texts = (selector: string) => within(page.locator(selector).allInnerTexts(), [] as string[]);
  const out: string[] = [];
  for (const [label, selector] of [
    ['message', '.ant-message-notice'],
    ['dialog', '.ant-modal-wrap:not([style*="display: none"]) .ant-modal'],
    ['popover', '.ant-popover:not(.ant-popover-hidden)'],
  ] as const) {
    for (const t of await texts(selector)) out.push(`${label}: ${masked(t)}`);
  }
  return out;
}

/** The open pages of the tests' browsers: where each is, what it asked of the API last, what it shows. */
export async function describeOpenPages(): Promise<string> {
  const parts: string[] = [];
  for (const browser of browsers) {
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        if (page.isClosed()) continue;
        const where = new URL(page.url() || 'about:blank');
        parts.push(
          [
            `[e2e] page ${where.pathname}:`,
            ...(journals.get(page) ?? ['(no journal)']).map((l) => `    ${l}`),
            ...(await onScreen(page)).map((l) => `    on screen, ${l}`),
          ].join('\n'),
        );
      }
    }
  }
  return parts.join('\n');
}
