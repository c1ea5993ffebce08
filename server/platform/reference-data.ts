/**
 * Reference data kept in the process between requests (issue 17.3): units, the SLA policies and
 * their assignment table, the repeat settings, the dispatch rules' version and the working-day
 * calendar. Every request read them again; an intake spent 7 of its 14 statements on them.
 *
 * A cached value is used only while the database still holds what it was read from: one probe
 * statement per transaction tells — the six rows of `reference_versions`, counters that statement
 * triggers on the reference tables bump in the transaction that writes them (migration 0021; they
 * replaced counts, maxima and an md5 of `units` computed on every probe, ≈ 0.3 ms of PostgreSQL's
 * planning and execution per transaction). Why a probe and not only NOTIFY invalidation: a
 * deadline computed from a calendar another process corrected a moment ago is wrong for good, and a
 * probe is exact for any number of processes, for the CLI, and inside the transaction that wrote the
 * change (docs/decisions/reference-cache.md).
 */
import { sql } from 'drizzle-orm';
import { databaseOf, rowsOf, type Queryable } from '../../db/client';

/** The kinds of reference data, one `reference_versions` row each (migration 0021). */
const REFERENCE_KINDS = ['calendar', 'policies', 'assignments', 'repeatSettings', 'rules', 'units'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

type Fingerprints = Record<ReferenceKind, string>;

const FINGERPRINT = sql`select kind, version::text as version from reference_versions`;

/** The event types whose writes change reference data (a transaction that emits one reads past the cache). */
const REFERENCE_EVENT = /^(calendar|policy|dispatch_rules|repeat_settings|unit)\./;

interface Entry {
  fingerprint: string;
  value: Promise<unknown>;
}

/** Per database (each test file has its own): cached values by key. */
const caches = new WeakMap<Queryable, Map<string, Entry>>();
/** Per transaction: its probe, taken once. */
const probes = new WeakMap<Queryable, Promise<Fingerprints>>();
/** Transactions that wrote reference data: they read it from the database only. */
const writers = new WeakSet<Queryable>();

/**
 * `load(q)` through the cache: the value read earlier while the probe still matches, otherwise
 * read now (and kept). Callers must treat the value as read-only: it is shared.
 */
export async function cachedReference<T>(q: Queryable, kind: ReferenceKind, key: string, load: (q: Queryable) => Promise<T>): Promise<T> {
  if (writers.has(q)) return await load(q);
  const fingerprint = (await probe(q))[kind];
  const owner = databaseOf(q);
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  const name = `${kind}:${key}`;
  const hit = cache.get(name);
  if (hit && hit.fingerprint === fingerprint) return hit.value as Promise<T>;
  // A real promise, settled once: drizzle's query builders are thenables that run again on every await.
  const value = Promise.resolve(q).then(load);
  const entry = { fingerprint, value };
  cache.set(name, entry);
  // A failed read is not kept.
  value.catch(() => cache.get(name) === entry && cache.delete(name));
  return value;
}

/** Called by the unit of work for each event emitted in `tx`: a reference change stops the cache for it. */
export function noteReferenceWrite(tx: Queryable, eventType: string): void {
  if (REFERENCE_EVENT.test(eventType)) writers.add(tx);
}

function probe(q: Queryable): Promise<Fingerprints> {
  // Outside a transaction every read is its own: probe each time.
  if (databaseOf(q) === q) return readFingerprints(q);
  let p = probes.get(q);
  if (!p) probes.set(q, (p = readFingerprints(q)));
  return p;
}

async function readFingerprints(q: Queryable): Promise<Fingerprints> {
  const versions = new Map((await rowsOf<{ kind: string; version: string }>(q, FINGERPRINT)).map((r) => [r.kind, r.version]));
  const fingerprints = {} as Fingerprints;
  for (const kind of REFERENCE_KINDS) {
    const version = versions.get(kind);
    // A missing row would read as "unchanged" for ever: refuse to cache rather than go stale.
    if (version === undefined) throw new Error(`reference_versions has no row for ${kind}`);
    fingerprints[kind] = version;
  }
  return fingerprints;
}
