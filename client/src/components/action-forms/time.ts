/**
 * Times in the workspaces: always shown in Asia/Shanghai whatever the device's zone (PRODUCT.md §7),
 * and typed in Shanghai time too (a datetime-local value gets +08:00, China has no DST).
 */
import { useEffect, useState } from 'react';
import { formatShanghai } from '../../../../shared/calendar/shanghai';
import type { MessageKey } from '../../../../shared/i18n';

/** 2026-11-24 09:05 */
export const fullTime = (iso: string | Date): string => formatShanghai(iso, 'minute');

/** 11-24 09:05 */
export const shortTime = (iso: string | Date): string => formatShanghai(iso, 'short');

/** 2026-11-24 */
export const dateOnly = (iso: string | Date): string => formatShanghai(iso, 'date');

/**
 * The value of an <input type="datetime-local" step="1"> showing `d` in Shanghai time, to the
 * second: a default of "now" must not fall before the dispatch a few seconds earlier.
 */
export const toLocalInput = (d: Date): string => formatShanghai(d, 'input');

/** A datetime-local value read as Shanghai time → ISO 8601 with offset; undefined when empty. */
export function fromLocalInput(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return `${value.length === 16 ? `${value}:00` : value}+08:00`;
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** "2天3小时", "45分钟": the biggest two units of a duration. */
export function spanText(ms: number, t: T): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return t('deadline.days', { n: days }) + (hours ? t('deadline.hours', { n: hours }) : '');
  if (hours > 0) return t('deadline.hours', { n: hours }) + (mins ? t('deadline.minutes', { n: mins }) : '');
  return t('deadline.minutes', { n: mins });
}

/**
 * How far the server's clock is ahead of this device's (a tablet's clock may be off by
 * minutes): learnt from every ticket the server sends, used for countdowns and "now" defaults,
 * so the screen agrees with the lights the server computes and the times it accepts.
 */
let serverSkewMs = 0;

export function learnServerTime(serverIso: string, receivedAt: number): void {
  const server = new Date(serverIso).getTime();
  if (!Number.isNaN(server)) serverSkewMs = server - receivedAt;
}

/** The server's "now" as best known. */
export function serverNow(): Date {
  return new Date(Date.now() + serverSkewMs);
}

/**
 * "Now" for a record of the handling: never before this round's dispatch. The skew learnt from a
 * slow answer lags the server by the answer's latency, and a visit typed a second after the
 * dispatch would otherwise be refused as earlier than it.
 */
export function handlingNowInput(dispatchedAt: string | null): string {
  // The input shows whole seconds: the dispatch's second rounded up, so the time sent is not before it.
  const start = dispatchedAt === null ? 0 : Math.ceil(new Date(dispatchedAt).getTime() / 1000) * 1000;
  return toLocalInput(new Date(Math.max(serverNow().getTime(), start)));
}

/** The current (server) time; re-renders every `everyMs` so countdowns move without a reload. */
export function useNow(everyMs = 30_000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return serverNow().getTime();
}
