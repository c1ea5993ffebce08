/**
 * The built client (dist/client): each file sent precompressed when the browser takes it (brotli
 * first, then gzip; written at build by vite-plugin-compression2), with `Vary: Accept-Encoding`.
 * No directory redirects: serve-static would answer /assets with an HTML "Redirecting" page.
 *
 * Two mounts. Files under /assets carry a content hash in their name: `hashedAssets` sends them
 * cached for a year as immutable, with only the headers a script or stylesheet uses — no ETag or
 * Last-Modified (never revalidated) and none of the page-level security headers (helmet's CSP,
 * frame and opener policies bind documents; a script's response is not one). A cold operator page
 * fetches some fifty of them: helmet's kilobyte of headers on each was a tenth of its bytes
 * (issue 17 item 6). Everything else (index.html, icons) goes through `staticClient`, behind
 * helmet, and is revalidated, so a new build is seen at once.
 */
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';

const YEAR_SECONDS = 365 * 24 * 3600;

type ServeStaticOptions = NonNullable<NonNullable<Parameters<typeof expressStaticGzip>[1]>['serveStatic']>;

/** The hashed files of dist/client/assets, for `app.use('/assets', …)` ahead of helmet. */
export function hashedAssets(root: string): RequestHandler {
  return precompressed(path.join(root, 'assets'), {
    etag: false,
    lastModified: false,
    acceptRanges: false,
    setHeaders: (res: ServerResponse) => {
      res.setHeader('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`);
      // What still binds a subresource: no MIME sniffing, no embedding by another origin.
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    },
  });
}

/** The client's other files (the page, icons), revalidated on every load; never /assets. */
export function staticClient(root: string): RequestHandler {
  const files = precompressed(root, {
    setHeaders: (res: ServerResponse) => res.setHeader('Cache-Control', 'no-cache'),
  });
  return (req, res, next) => {
    if (req.path === '/assets' || req.path.startsWith('/assets/')) return next();
    files(req, res, next);
  };
}

function precompressed(root: string, serveStatic: ServeStaticOptions): RequestHandler {
  const files = expressStaticGzip(root, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: { index: false, redirect: false, ...serveStatic },
  });
  // express-static-gzip answers a malformed path with a text/plain 400 of its own; no file has
  // such a name, so it falls through to what follows, as with serve-static (JSON errors only).
  return (req, res, next) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      next();
      return;
    }
    files(req, res, next);
  };
}
