/**
 * The built client (dist/client): each file sent precompressed when the browser takes it (brotli
 * first, then gzip; written at build by vite-plugin-compression2), with `Vary: Accept-Encoding`.
 * Files under /assets carry a content hash in their name, so they are cached for a year as
 * immutable; everything else (index.html, icons) is revalidated, so a new build is seen at once.
 * No directory redirects: serve-static would answer /assets with an HTML "Redirecting" page.
 */
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';

const YEAR_SECONDS = 365 * 24 * 3600;

export function staticClient(root: string): RequestHandler {
  const files = expressStaticGzip(root, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      redirect: false,
      setHeaders: (res: ServerResponse, file: string) => {
        const hashed = path.relative(root, file).split(path.sep)[0] === 'assets';
        res.setHeader('Cache-Control', hashed ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
      },
    },
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
