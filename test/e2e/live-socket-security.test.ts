/**
 * Issue 14 items 6 and 10 in a real browser: the console's own page opens its live WebSocket under
 * a CSP whose connect-src is only 'self' (no violation, frames flow); a page of another origin on
 * the same host — which gets the console's cookie, since cookies ignore ports — cannot open it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, loginAs } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

/** A page on another port of 127.0.0.1 that tries to read the console's live feed. */
function otherOriginPage(consolePort: number): string {
  return `<!doctype html><meta charset="utf-8"><title>elsewhere</title><script>
    window.__frames = [];
    const ws = new WebSocket('ws://127.0.0.1:${consolePort}/socket.io/?EIO=4&transport=websocket');
    ws.onmessage = (m) => {
      const data = String(m.data);
      window.__frames.push(data);
      if (data.startsWith('0')) ws.send('40');
      if (data === '2') ws.send('3');
    };
    ws.onerror = () => window.__frames.push('error');
    ws.onclose = () => window.__frames.push('closed');
  </script>`;
}

describe.skipIf(!browserAvailable())('the live socket in a browser: CSP and Origin', () => {
  let t: TestServer;
  let browser: Browser;
  let elsewhere: Server;
  let elsewherePort: number;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    elsewhere = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(otherOriginPage(t.server.port));
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    elsewherePort = (elsewhere.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => elsewhere?.close(r));
    await t?.close();
  });

  it("the console's page opens its WebSocket under connect-src 'self' with no violation", async () => {
    const violations: string[] = [];
    const page = await loginAs(browser, t.url, 'supervisor');
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const live: { url: string; frames: number }[] = [];
    page.on('websocket', (ws) => {
      const entry = { url: ws.url(), frames: 0 };
      live.push(entry);
      ws.on('framereceived', () => entry.frames++);
    });
    await page.context().addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { __csp?: string[] };
        (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const csp = (await page.request.get(`${t.url}/supervisor`)).headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    await page.goto(`${t.url}/supervisor`);
    await page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();
    // The live connection is a WebSocket (not the long-polling fallback) and it carries frames.
    await expect
      .poll(() => live.filter((s) => s.url.includes('/socket.io/') && s.url.includes('transport=websocket') && s.frames > 0).length)
      .toBeGreaterThan(0);
    // connect-src only: a bundled library probes `eval` once (script-src, blocked and harmless).
    const reported = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    expect(reported.filter((v) => v.startsWith('connect-src'))).toEqual([]);
    expect(violations.filter((v) => /connect-src/.test(v))).toEqual([]);
    await page.context().close();
  });

  it('a page of another origin on the same host, carrying the console’s cookie, cannot open the live socket', async () => {
    const page = await loginAs(browser, t.url, 'supervisor');
    const cookies = await page.context().cookies(`http://127.0.0.1:${elsewherePort}`);
    // The precondition of the attack: the browser does send the session cookie to that socket.
    expect(cookies.map((c) => c.name)).toContain('hotline_sid');
    const other = await page.context().newPage();
    await other.goto(`http://127.0.0.1:${elsewherePort}/`);
    await expect
      .poll(() => other.evaluate(() => (window as unknown as { __frames: string[] }).__frames.some((f) => f === 'closed' || f.startsWith('42'))))
      .toBe(true);
    const frames = await other.evaluate(() => (window as unknown as { __frames: string[] }).__frames);
    expect(frames.filter((f) => f.startsWith('40') || f.startsWith('42'))).toEqual([]);
    await page.context().close();
  });
});
