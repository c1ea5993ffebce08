/**
 * What the log may say about an error (issue 14 item 2; docs/decisions/privacy.md). A database
 * error carries the row it refused: drizzle's DrizzleQueryError has the query's `params` in its
 * message, pg's and PGlite's errors a `detail` such as `Key (contact_phone)=(139…)`, PGlite's
 * the `params` too, and some messages quote the value itself (`value "139…" is out of range`).
 * This keeps what finds the bug — the error's type, SQLSTATE code, constraint, table and column
 * names, the SQL with its placeholders, the stack frames — and never a value: no parameters, no
 * detail, no hint, no quoted literal that is not one of our own identifiers, no run of 7+ digits.
 * It is the `err` serializer of every logger (server/platform/logger.ts), so every `{ err }`
 * logged anywhere passes through it.
 */
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema';

export interface LoggedError {
  type: string;
  message: string;
  /** SQLSTATE (23505), a node errno code (ECONNREFUSED) or a carrier's numeric code. */
  code?: string | number;
  /** An HTTP status the error carries (body-parser, twilio's RestException). */
  status?: number;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  dataType?: string;
  routine?: string;
  /** The columns of a key violation, from `detail` ("Key (a, b)=(…)") without the values. */
  keyColumns?: string[];
  /** The SQL as sent: placeholders ($1…) instead of values; literals and long digit runs masked. */
  query?: string;
  stack?: string;
  cause?: LoggedError;
  errors?: LoggedError[];
}

const PG_TABLES: PgTable[] = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable => value instanceof PgTable);
const TABLES: readonly string[] = PG_TABLES.map((table) => getTableConfig(table).name);
/** Every table, column, index and constraint name of our schema: quoting these reveals nothing. */
const IDENTIFIERS: ReadonlySet<string> = new Set(
  PG_TABLES.flatMap((table): string[] => {
    const t = getTableConfig(table);
    return [
      t.name,
      ...t.columns.map((c) => c.name),
      ...t.indexes.flatMap((i) => (i.config.name ? [i.config.name] : [])),
      ...t.foreignKeys.map((fk) => fk.getName()),
      ...t.uniqueConstraints.map((u) => u.getName() ?? ''),
      ...t.primaryKeys.map((pk) => pk.getName()),
      ...t.checks.map((ch) => ch.name),
    ];
  }),
);
const IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;

function ownIdentifier(token: string, extra: ReadonlySet<string>): boolean {
  if (!IDENTIFIER.test(token)) return false;
  if (IDENTIFIERS.has(token) || extra.has(token)) return true;
  // PostgreSQL's own names for our objects: tickets_pkey, users_username_key, tickets_id_seq…
  return TABLES.some((t) => token.startsWith(`${t}_`));
}

/** A run of digits (ASCII or full-width) with the separators a number is written with. */
const DIGIT_RUN = /[+＋]?[0-9０-９](?:[\s\-–.()（）/]?[0-9０-９])*/g;

/**
 * A message or SQL text without values: single-quoted literals go, double-quoted tokens stay only
 * when they are our identifiers (or `extra`: the error's own constraint, table, column names), and
 * any number of 7 or more digits — a phone, an ID card, a landline in any notation — is masked.
 */
export function redactText(text: string, extra: ReadonlySet<string> = new Set()): string {
  return text
    .replace(/'(?:[^']|'')*'/g, "'…'")
    .replace(/"([^"]*)"/g, (whole, token: string) => (ownIdentifier(token, extra) ? whole : '"…"'))
    .replace(/“[^”]*”|「[^」]*」/g, '“…”')
    .replace(DIGIT_RUN, (run) => (run.replace(/[^0-9０-９]/g, '').length >= 7 ? '[number]' : run));
}

const MAX_MESSAGE = 2000;
const MAX_DEPTH = 4;

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function identifierField(e: Loose, key: string): string | undefined {
  const v = str(e[key]);
  return v && /^[\w$.-]{1,128}$/.test(v) ? v : undefined;
}

/** Only the frames: the first line of `stack` repeats the message, values and all. */
function frames(stack: unknown): string[] {
  return typeof stack === 'string' ? stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
}

export function serializeError(err: unknown, depth = 0): LoggedError {
  if (typeof err === 'string') return { type: 'string', message: redactText(err).slice(0, MAX_MESSAGE) };
  if (err === null || typeof err !== 'object') return { type: typeof err, message: redactText(String(err)).slice(0, MAX_MESSAGE) };
  const e = err as Loose;
  const type = (err instanceof Error ? err.constructor?.name || err.name : str(e.name)) ?? 'Object';
  const out: LoggedError = { type, message: '' };
  const code = e.code;
  if (typeof code === 'number' || (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/i.test(code))) out.code = code;
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number') out.status = status;
  for (const key of ['constraint', 'table', 'column', 'schema', 'dataType', 'routine'] as const) {
    const v = identifierField(e, key);
    if (v) out[key] = v;
  }
  const keyColumns = /^Key \(([^)]*)\)=/.exec(str(e.detail) ?? '')?.[1];
  if (keyColumns)
    out.keyColumns = keyColumns
      .split(',')
      .map((c) => c.trim().replace(/^"|"$/g, ''))
      .filter((c) => IDENTIFIER.test(c));
  const own = new Set([out.constraint, out.table, out.column, out.schema, out.dataType, ...(out.keyColumns ?? [])].filter((v): v is string => !!v));
  const query = str(e.query);
  if (query) out.query = redactText(query, own).slice(0, MAX_MESSAGE);
  // drizzle's message is "Failed query: <sql>\nparams: <every value>": only its first part is kept.
  const message = str(e.message) ?? '';
  const safe = query && message.startsWith('Failed query:') ? `Failed query: ${out.query}` : redactText(message.split('\nparams:')[0] ?? '', own);
  out.message = safe.slice(0, MAX_MESSAGE);
  const stack = frames(e.stack);
  if (stack.length) out.stack = [`${type}: ${out.message}`, ...stack].join('\n');
  if (depth < MAX_DEPTH) {
    if (e.cause !== undefined && e.cause !== err) out.cause = serializeError(e.cause, depth + 1);
    if (Array.isArray(e.errors)) out.errors = e.errors.slice(0, 5).map((x) => serializeError(x, depth + 1));
  }
  return out;
}
