/**
 * Issue 14 item 6: which pages may open the live socket. A browser always sends `Origin` on a
 * WebSocket handshake and on a cross-origin request, and a page cannot choose it; the session
 * cookie (SameSite=Lax) still goes with a handshake from another origin of the same site (another
 * port or subdomain of the intranet host), so without this check such a page could read the live
 * feed as the signed-in operator.
 *
 * Allowed: the console's own origin — the host the browser connected to (the request's Host; a
 * page from another origin cannot make its Origin match it, and a DNS-rebound name carries none
 * of the console's cookies), and PUBLIC_BASE_URL when set (behind a proxy Host may not be what the
 * browser used) — plus ALLOWED_ORIGINS. No Origin at all is a client that is not a browser (the
 * bench, the tests' socket.io-client, a same-origin long-polling GET): it still needs a session
 * cookie, and cross-site request forgery needs a browser.
 */
import type { Config } from '../config';

export type OriginCheck = (origin: string | undefined, host: string | undefined) => boolean;

export function allowedOrigins(config: Pick<Config, 'PUBLIC_BASE_URL' | 'ALLOWED_ORIGINS'>): OriginCheck {
  const listed = new Set(config.ALLOWED_ORIGINS);
  if (config.PUBLIC_BASE_URL) listed.add(new URL(config.PUBLIC_BASE_URL).origin);
  return (origin, host) => {
    if (origin === undefined) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // "null" (sandboxed frames, files) and anything unparsable
    }
    if (url.origin === 'null') return false;
    if (listed.has(url.origin)) return true;
    if (!host) return false;
    try {
      // The scheme is the page's (behind a TLS proxy the request itself is plain HTTP); host and
      // port must be the ones the browser connected to.
      return new URL(`${url.protocol}//${host}`).host === url.host;
    } catch {
      return false;
    }
  };
}
