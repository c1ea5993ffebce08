import { pino, type DestinationStream, type Logger } from 'pino';
import { serializeError } from './redact-error';

export type { Logger };

/**
 * The console's one logger. What it may carry is in docs/decisions/privacy.md: ids, codes and
 * route patterns, never a citizen's name, number, address or words. Every `err` field, whoever
 * logs it, passes through `serializeError` (no parameters, no detail, no quoted values).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'hotline' },
    serializers: { err: serializeError },
    // Request lines carry no headers (cookies, tokens, referrers with queries): whoever logs one, it goes.
    redact: { paths: ['headers', 'req.headers', 'res.headers'], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}
