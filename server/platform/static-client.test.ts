/**
 * Issue 17 item 6: the built client goes out precompressed with the encoding the browser takes,
 * hashed assets cached as immutable with only the headers a script uses, the page itself
 * revalidated behind the page-level headers. Over real HTTP on loopback, against a folder laid out
 * as `npm run build` writes it (file, file.br, file.gz), mounted as server/app.ts mounts it.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashedAssets, staticClient } from './static-client';

describe('the built client over HTTP', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'hotline-static-'));
  const script = 'console.log("操作员页面");'.repeat(200);
  let url = '';
  let close: () => void = () => undefined;

  beforeAll(async () => {
    mkdirSync(path.join(root, 'assets'));
    for (const [file, body] of [
      ['assets/app-AbC123.js', script],
      ['index.html', '<!doctype html><div id="root"></div>'.repeat(40)],
    ] as const) {
      writeFileSync(path.join(root, file), body);
      writeFileSync(path.join(root, `${file}.br`), brotliCompressSync(body));
      writeFileSync(path.join(root, `${file}.gz`), gzipSync(body));
    }
    const app = express();
    app.use('/assets', hashedAssets(root));
    // Stands for helmet, which server/app.ts mounts between the two.
    app.use((_req, res, next) => {
      res.setHeader('Content-Security-Policy', "default-src 'self'");
      next();
    });
    app.use(staticClient(root));
    app.use((_req, res) => res.status(404).json({ error: { code: 'not_found' } }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => {
    close();
    rmSync(root, { recursive: true, force: true });
  });

  // fetch would decode the body itself; read the raw bytes and headers with node's http instead.
  const get = async (file: string, acceptEncoding: string, method = 'GET') => {
    const http = await import('node:http');
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = http.request(`${url}${file}`, { method, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  };

  it('brotli when the browser takes it, gzip otherwise, the plain file for neither — cached for a year as immutable', async () => {
    const br = await get('/assets/app-AbC123.js', 'gzip, deflate, br');
    expect([br.status, br.headers['content-encoding'], br.headers['cache-control']]).toEqual([200, 'br', 'public, max-age=31536000, immutable']);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
    const gz = await get('/assets/app-AbC123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await get('/assets/app-AbC123.js', 'identity');
    expect([plain.headers['content-encoding'], plain.body.toString()]).toEqual([undefined, script]);
  });

  it("an asset carries what a script uses and nothing of a page's: no revalidation, no document policies", async () => {
    const { headers } = await get('/assets/app-AbC123.js', 'br');
    expect([headers['x-content-type-options'], headers['cross-origin-resource-policy']]).toEqual(['nosniff', 'same-origin']);
    for (const name of ['etag', 'last-modified', 'accept-ranges', 'content-security-policy']) expect(headers[name], name).toBeUndefined();
    const page = await get('/index.html', 'br');
    expect(page.headers['content-security-policy']).toBe("default-src 'self'");
    expect(page.headers.etag).toBeDefined();
  });

  it('the page is revalidated (a new build is seen at once); a missing asset and other methods fall through to the JSON 404', async () => {
    const page = await get('/index.html', 'br');
    expect([page.status, page.headers['content-encoding'], page.headers['cache-control']]).toEqual([200, 'br', 'no-cache']);
    const missing = await get('/assets/gone-XyZ.js', 'br');
    expect([missing.status, JSON.parse(missing.body.toString())]).toEqual([404, { error: { code: 'not_found' } }]);
    expect((await get('/assets/app-AbC123.js', 'br', 'DELETE')).status).toBe(404);
    expect((await get('/assets', 'br')).status).toBe(404);
  });
});
