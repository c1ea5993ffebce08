/**
 * The client: gzip sizes of the built assets (what the first visit downloads, and the lazy
 * chunks), and the operator page's first load in headless Chromium — from navigation to the
 * intake form taking keystrokes, and to the live feed being connected — on the built client
 * served by the console, with an empty browser cache each time.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { REPO, spawnServer } from '../../test/faults/processes';
import { CLIENT_DIST } from '../app';
import { ConsoleClient } from '../demo/console-client';
import { distribution, round, type Distribution } from './stats';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  initial: boolean;
}

export interface ClientFigures {
  buildSeconds: number | null;
  assets: AssetSize[];
  initial: { bytes: number; gzipBytes: number };
  total: { bytes: number; gzipBytes: number };
  firstLoad: {
    interactive: Distribution;
    live: Distribution;
    /** Bytes on the wire (headers and encoded bodies) from navigation to live, in KiB. */
    transferredKiB: Distribution;
    requests: number;
    runs: number;
    /** The last counted load's largest responses (path without its hash, KiB on the wire). */
    largest: { file: string; kib: number }[];
  } | null;
  firstLoadSkipped?: string;
}

interface FirstLoadWindow {
  __firstLoad?: { interactive?: number; live?: number };
}

/**
 * Timed in the page, not through Playwright's polling (which adds a round trip or two through the
 * DevTools protocol — 300–400 ms on a busy 2-core machine): "interactive" is the first task after
 * the one in which the intake form's first field took the focus (React's commit, autoFocus), i.e.
 * the moment a keystroke typed then is handled; "live" the moment the header's status turned live.
 */
const FIRST_LOAD_MARKS = `(() => {
  const marks = {};
  const done = () => { if (marks.interactive !== undefined && marks.live !== undefined) window.__firstLoad = marks; };
  document.addEventListener('focusin', (e) => {
    if (e.target.id !== 'contactName' || marks.interactive !== undefined) return;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { marks.interactive = performance.now(); done(); };
    channel.port2.postMessage(0);
  }, true);
  new MutationObserver(() => {
    if (marks.live === undefined && document.querySelector('[data-testid="live-status"][data-status="live"]')) { marks.live = performance.now(); done(); }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
})();`;

export async function benchClient(opts: { databaseUrl: string; build: boolean; runs: number; log: (s: string) => void }): Promise<ClientFigures> {
  const { log } = opts;
  let buildSeconds: number | null = null;
  if (opts.build || !existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    log('  building the client (vite build) …');
    const t0 = performance.now();
    await run('npx', ['vite', 'build', '--config', 'client/vite.config.ts'], { cwd: REPO, maxBuffer: 64 * 1024 * 1024 });
    buildSeconds = round((performance.now() - t0) / 1000, 1);
  }
  const html = readFileSync(path.join(CLIENT_DIST, 'index.html'), 'utf8');
  const initialFiles = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1]!));
  const assets: AssetSize[] = readdirSync(path.join(CLIENT_DIST, 'assets'))
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => {
      const buf = readFileSync(path.join(CLIENT_DIST, 'assets', f));
      return {
        file: `assets/${f}`,
        bytes: statSync(path.join(CLIENT_DIST, 'assets', f)).size,
        gzipBytes: gzipSync(buf).length,
        initial: initialFiles.has(`assets/${f}`),
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const sum = (list: AssetSize[]) => ({ bytes: list.reduce((s, a) => s + a.bytes, 0), gzipBytes: list.reduce((s, a) => s + a.gzipBytes, 0) });
  const initial = sum(assets.filter((a) => a.initial));
  const total = sum(assets);
  log(
    `  bundle: first visit ${round(initial.gzipBytes / 1024)} KiB gzip (${assets.filter((a) => a.initial).length} files), all assets ${round(total.gzipBytes / 1024)} KiB gzip`,
  );

  if (!existsSync(CHROMIUM)) {
    return { buildSeconds, assets, initial, total, firstLoad: null, firstLoadSkipped: `no Chromium at ${CHROMIUM}` };
  }
  const { chromium } = await import('playwright-core');
  const server = await spawnServer({ env: { DATABASE_URL: opts.databaseUrl, LOG_LEVEL: 'warn' } });
  mkdirSync(path.join(REPO, 'test', 'artifacts'), { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const op = await ConsoleClient.login(server.url, 'operator', 'hotline-demo');
    const [name, value] = op.sessionCookie.split('=') as [string, string];
    const interactive: number[] = [];
    const live: number[] = [];
    const transferred: number[] = [];
    let requests = 0;
    let largest: { file: string; kib: number }[] = [];
    const loadedAssets = new Set<string>();
    for (let i = 0; i < opts.runs + 1; i++) {
      // A new context each time: empty HTTP cache, as on a fresh workstation.
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      await context.addCookies([{ name, value, url: server.url }]);
      await context.addInitScript(FIRST_LOAD_MARKS);
      const page = await context.newPage();
      // What the first load costs on the wire: every response's headers and encoded body.
      const sizes: Promise<number>[] = [];
      const urls: string[] = [];
      page.on('requestfinished', (r) => {
        urls.push(new URL(r.url()).pathname);
        sizes.push(
          r.sizes().then(
            (s) => s.responseHeadersSize + s.responseBodySize,
            () => 0,
          ),
        );
      });
      await page.goto(`${server.url}/operator`, { waitUntil: 'commit' });
      const field = page.locator('#contactName');
      await field.waitFor({ state: 'visible', timeout: 60_000 }).catch(async (err: Error) => {
        const shot = path.join(REPO, 'test', 'artifacts', 'bench-first-load-failure.png');
        await page.screenshot({ path: shot }).catch(() => undefined);
        throw new Error(`the intake form never showed at ${page.url()} (screenshot: ${path.relative(REPO, shot)}): ${err.message.split('\n')[0]}`);
      });
      await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 60_000 });
      const marks =
        (await page.waitForFunction(() => (window as unknown as FirstLoadWindow).__firstLoad, undefined, { timeout: 10_000 }).then((h) => h.jsonValue())) ?? {};
      const tInteractive = marks.interactive ?? -1;
      const tLive = marks.live ?? -1;
      await page.waitForLoadState('networkidle');
      const each = await Promise.all(sizes);
      const bytes = each.reduce((a, b) => a + b, 0);
      // What "interactive" looked like (the last run), for whoever reads the figures.
      if (i === opts.runs) await page.screenshot({ path: path.join(REPO, 'test', 'artifacts', 'bench-operator-first-load.png') }).catch(() => undefined);
      // The first run warms the server (and the OS file cache); it is not counted.
      if (i > 0 && tInteractive > 0 && tLive > 0) {
        interactive.push(tInteractive);
        live.push(tLive);
        transferred.push(bytes / 1024);
        requests = urls.length;
        largest = urls
          .map((u, k) => ({ file: u.replace(/-[\w-]{8}(?=\.\w+$)/, ''), kib: round((each[k] ?? 0) / 1024) }))
          .sort((a, b) => b.kib - a.kib)
          .slice(0, 8);
        for (const u of urls) if (u.startsWith('/assets/')) loadedAssets.add(u.slice(1));
      }
      await context.close();
    }
    const figures = {
      interactive: distribution(interactive),
      live: distribution(live),
      transferredKiB: distribution(transferred),
      requests,
      runs: interactive.length,
      largest,
    };
    log(
      `  operator page first load: intake form interactive after ${round(figures.interactive.p50)} ms (median of ${figures.runs}), live after ${round(figures.live.p50)} ms; ${round(figures.transferredKiB.p50)} KiB transferred in ${requests} requests`,
    );
    log(`  largest: ${largest.map((l) => `${l.file} ${l.kib} KiB`).join(', ')}`);
    // "First visit": what the operator page's first load fetched, as the browser asked for it.
    const loaded = assets.map((a) => ({ ...a, initial: loadedAssets.has(a.file) }));
    return { buildSeconds, assets: loaded, initial: sum(loaded.filter((a) => a.initial)), total, firstLoad: figures };
  } finally {
    await browser.close();
    await server.kill('SIGTERM');
  }
}
