/** The units dispatch may name today (active ones), read through the reference cache (issue 17.3). */
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { units } from '../../db/schema';
import { cachedReference } from '../platform/reference-data';

export interface ActiveUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export function activeUnits(q: Queryable): Promise<readonly ActiveUnit[]> {
  return cachedReference(q, 'units', 'active', (db) =>
    db.select({ id: units.id, code: units.code, name: units.name, kind: units.kind }).from(units).where(eq(units.active, true)).orderBy(asc(units.id)),
  );
}

/** The ids among `ids` that name an active unit. */
export async function activeUnitIds(q: Queryable, ids: readonly number[]): Promise<Set<number>> {
  const active = new Set((await activeUnits(q)).map((u) => u.id));
  return new Set(ids.filter((id) => active.has(id)));
}
