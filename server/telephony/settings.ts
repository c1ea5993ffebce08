/**
 * Which telephony the console runs with, and the secrets and URLs webhooks are signed with.
 * Twilio mode needs an account SID and auth token; otherwise the built-in simulator plays
 * Twilio's part, signing its requests with the configured auth token or a local one.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Request } from 'express';
import { ensurePrivateDir, SIMULATOR_TOKEN_FILE } from '../../db/data-folder';
import type { Config } from '../platform/config';
import { DEFAULT_LINE_NUMBER } from './phone';

export type TelephonyMode = 'twilio' | 'simulator';

export function telephonyMode(config: Config): TelephonyMode {
  return config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN ? 'twilio' : 'simulator';
}

export function lineNumber(config: Config): string {
  const n = config.TWILIO_PHONE_NUMBER ?? DEFAULT_LINE_NUMBER;
  return n.startsWith('+') ? n : `+${n}`;
}

export { SIMULATOR_TOKEN_FILE };
const cachedTokens = new Map<string, string>();

/**
 * The auth token webhooks are signed with: Twilio's when configured, else a random token kept in
 * DATA_DIR (created on first use, mode 0600 in a 0700 DATA_DIR; one an earlier version left
 * readable by others is tightened) that `hotline simulate-call` on the same host reads.
 */
export function webhookAuthToken(config: Config): string {
  if (config.TWILIO_AUTH_TOKEN) return config.TWILIO_AUTH_TOKEN;
  const file = path.resolve(config.DATA_DIR, SIMULATOR_TOKEN_FILE);
  const cached = cachedTokens.get(file);
  if (cached) return cached;
  ensurePrivateDir(path.dirname(file));
  try {
    writeFileSync(file, randomBytes(24).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    try {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    } catch {
      // not ours to change (another user's file): reading it is all this needs
    }
  }
  const token = readFileSync(file, 'utf8').trim();
  if (token.length < 16) throw new Error(`${file} holds no usable simulator token`);
  cachedTokens.set(file, token);
  return token;
}

/**
 * The base URL Twilio was told to call; signatures are computed over it plus the path. Without
 * PUBLIC_BASE_URL (simulator, development) it is the URL the request came to.
 */
export function publicBaseUrl(config: Config, req: Pick<Request, 'protocol' | 'get'>): string {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/**
 * The base of URLs handed to the carrier from an API request (callback and action URLs): the
 * public URL when configured, else this server's own address, which the simulator can reach
 * and sign for exactly as its later webhook requests will be checked.
 */
export function carrierBaseUrl(config: Config, req: Request): string {
  return config.PUBLIC_BASE_URL ? config.PUBLIC_BASE_URL.replace(/\/+$/, '') : localBaseUrl(req);
}

/** The address this server answered the request on, for the simulator to call back over loopback. */
export function localBaseUrl(req: Request): string {
  const raw = req.socket.localAddress ?? '127.0.0.1';
  const v4 = raw.replace(/^::ffff:/, '');
  const host = v4.includes(':') ? `[${v4}]` : v4;
  return `http://${host}:${req.socket.localPort}`;
}
