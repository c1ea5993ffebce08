/** Display names of the people in a timeline (never usernames or anything else about them). */
import { inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { users } from '../../../db/schema';

export async function actorNames(db: Queryable, ids: readonly (number | null)[]): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return {};
  const rows = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, wanted));
  return Object.fromEntries(rows.map((r) => [String(r.id), r.displayName]));
}
