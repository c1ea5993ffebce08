/**
 * API keys for Open311 (PRODUCT.md §11): issued by admins, shown once, stored only as a SHA-256. Keys
 * are 256 random bits, so a plain hash is enough (no password KDF needed); revoking is a column
 * update and an event (nothing deleted).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { apiKeys } from '../../db/schema';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

declare module 'express-serve-static-core' {
  interface Request {
    /** The caller's active Open311 API key, once the POST's api_key has been checked. */
    open311Key?: ApiKeyRow;
  }
}

/** The key the demo town issues to its sample city platform (README). */
export const DEMO_OPEN311_KEY = 'demo-open311-key';

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** `o311_` + 43 url-safe characters. */
export function generateApiKey(): string {
  return `o311_${randomBytes(32).toString('base64url')}`;
}

export interface IssueApiKeyOptions {
  name: string;
  createdBy: number | null;
  now: Date;
  /** A chosen key (the demo seed's `demo-open311-key`); otherwise a random one. */
  key?: string;
}

export async function insertApiKey(db: Queryable, opts: IssueApiKeyOptions): Promise<{ row: ApiKeyRow; key: string }> {
  const key = opts.key ?? generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ name: opts.name, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 9), createdBy: opts.createdBy, createdAt: opts.now })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return { row, key };
}

/** The active key matching `key`, or null (missing, wrong or revoked). */
export async function findActiveApiKey(db: Queryable, key: string | undefined): Promise<ApiKeyRow | null> {
  if (!key || key.length > 200) return null;
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row ?? null;
}
