/**
 * Configuration from the environment, validated once at start. A bad value stops the process
 * with a message naming the variable.
 */
import { z } from 'zod';

const ZConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DEMO_PASSWORD: z.string().min(8, 'must have at least 8 characters').default('hotline-demo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Hours a session lives without use. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Set when served over HTTPS: secure cookies, HSTS, upgrade-insecure-requests. */
  HTTPS: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  NODE_ENV: z.string().default('production'),
  /** Failed logins at one username (normalised) from one address in 15 minutes before that login is refused for a while. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  /** Failed logins from one address across all usernames in 15 minutes before its logins are refused for a while. */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(50),
  /** Requests per minute per address on the telephony webhooks (and on Open311 unless OPEN311_RATE_LIMIT_PER_MINUTE is set). */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(600),
  /** Requests per minute per address under /open311; its own limiter, so Open311 readers never throttle Twilio. */
  OPEN311_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1000000).optional(),
  /** Open311 requests let in per second, all clients together; the rest wait their turn (server/open311/limits.ts). */
  OPEN311_MAX_REQUESTS_PER_SECOND: z.coerce.number().min(1).max(100000).default(50),
  /** Open311 filings (POST Service Request) per API key per hour. */
  OPEN311_KEY_REQUESTS_PER_HOUR: z.coerce.number().int().min(1).max(1000000).default(60),
  /**
   * Tests and drills only: the console's clock runs this many seconds ahead of (or behind) the
   * machine's, so a test can place "now" on a chosen weekday. Refused when NODE_ENV=production.
   */
  CLOCK_OFFSET_SECONDS: z.coerce.number().int().default(0),
  /** After-call work (wrap-up) ends by itself after this many seconds, on the server, whatever the operator's tab does. */
  WRAP_UP_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  /** How often the clock sweep looks for light changes and reminders; 0 turns it off. */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  // Telephony (PRODUCT.md §8). Without an account SID and auth token the console runs its simulator.
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'must have at least 16 characters').optional(),
  TWILIO_PHONE_NUMBER: z
    .string()
    .regex(/^\+?\d{5,15}$/, 'must be a phone number such as +862162112345')
    .optional(),
  /** The URL Twilio calls; webhook signatures are computed against it. */
  PUBLIC_BASE_URL: z.url({ error: 'must be a URL such as https://hotline.example.gov.cn' }).optional(),
  /**
   * Other origins whose pages may open the live socket, comma-separated (the console's own — the
   * request's Host, and PUBLIC_BASE_URL — always may).
   */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .refine((v) => splitList(v).every((o) => originOf(o) !== null), { error: 'must be origins such as https://hotline.example.gov.cn, comma-separated' })
    .transform((v) => splitList(v).map((o) => originOf(o) as string)),
  /**
   * How often open live connections are checked against their sessions: a revocation another
   * process could not relay, a user disabled or re-roled in the database, a clock that jumped.
   * Logout, logout everywhere and expiry close them at once without waiting for it.
   */
  LIVE_SESSION_CHECK_SECONDS: z.coerce.number().min(0.05).max(3600).default(30),
  TWILIO_API_KEY: z.string().optional(),
  TWILIO_API_SECRET: z.string().optional(),
  TWILIO_TWIML_APP_SID: z.string().optional(),
  /** Tests and the offline demo point the twilio REST client here (a fake API on loopback). */
  TWILIO_API_BASE_URL: z.url().optional(),
});

export type Config = z.infer<typeof ZConfigSchema>;

function splitList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `https://host[:port]` of an http(s) URL with nothing after the host, else null. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.pathname !== '/' || url.search || url.hash || url.username) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  if (parsed.data.CLOCK_OFFSET_SECONDS !== 0 && parsed.data.NODE_ENV === 'production') {
    throw new ConfigError('invalid configuration:\n  CLOCK_OFFSET_SECONDS: only for tests and drills (NODE_ENV=test); a shifted clock gives wrong deadlines');
  }
  return parsed.data;
}

/** The console's clock: the machine's, shifted by CLOCK_OFFSET_SECONDS (tests and drills). */
export function clockOf(config: Pick<Config, 'CLOCK_OFFSET_SECONDS'>): () => Date {
  const offsetMs = config.CLOCK_OFFSET_SECONDS * 1000;
  return offsetMs === 0 ? () => new Date() : () => new Date(Date.now() + offsetMs);
}
