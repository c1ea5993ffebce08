/** SLA policies in the database: versioned rows; a ticket keeps the version it started with. */
import { and, desc, eq } from 'drizzle-orm';
import { databaseOf, type Queryable } from '../../db/client';
import { slaPolicies } from '../../db/schema';
import { DEFAULT_POLICIES } from '../../shared/clock/default-policies';
import { ZSlaPolicySchema, type TSlaPolicy } from '../../shared/clock/policy-schema';
import { cachedReference } from '../platform/reference-data';

/** Ships the default policies (version 1 of each) into a database that lacks them. */
export async function ensureDefaultPolicies(db: Queryable): Promise<void> {
  await db
    .insert(slaPolicies)
    .values(Object.values(DEFAULT_POLICIES).map((p) => ({ code: p.code, version: p.version, definition: p })))
    .onConflictDoNothing();
}

/** The newest version of a policy, through the reference cache (issue 17.3): shared, read-only. */
export function latestPolicy(db: Queryable, code: string): Promise<TSlaPolicy> {
  return cachedReference(db, 'policies', code, async (q) => {
    const [row] = await q.select().from(slaPolicies).where(eq(slaPolicies.code, code)).orderBy(desc(slaPolicies.version)).limit(1);
    if (!row) throw new Error(`no SLA policy ${code}`);
    return ZSlaPolicySchema.parse(row.definition);
  });
}

/**
 * Policies never change under a version, so a process may keep them once read — per database: two
 * databases may hold different policies under one code and version (each test file has its own).
 */
const caches = new WeakMap<Queryable, Map<string, TSlaPolicy>>();

export async function policyVersion(db: Queryable, code: string, version: number): Promise<TSlaPolicy> {
  const owner = databaseOf(db);
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  const key = `${code}@${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [row] = await db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.code, code), eq(slaPolicies.version, version)))
    .limit(1);
  if (!row) throw new Error(`no SLA policy ${key}`);
  const policy = ZSlaPolicySchema.parse(row.definition);
  cache.set(key, policy);
  return policy;
}
