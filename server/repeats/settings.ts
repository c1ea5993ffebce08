/** The repeat and cluster settings in force (PRODUCT.md §5 "configurable"): the newest version, or the defaults. */
import { desc } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { repeatSettings } from '../../db/schema';
import { DEFAULT_REPEAT_SETTINGS, ZRepeatSettingsSchema, type TRepeatSettings } from '../../shared/schemas/rules';
import { cachedReference } from '../platform/reference-data';

export interface SettingsVersion {
  /** 0: nothing stored yet, the defaults apply. */
  version: number;
  settings: TRepeatSettings;
  createdAt: Date | null;
  createdBy: number | null;
}

/** The settings in force, through the reference cache (issue 17.3): shared, read-only. */
export function currentRepeatSettings(q: Queryable): Promise<SettingsVersion> {
  return cachedReference(q, 'repeatSettings', 'current', async (db) => {
    const [row] = await db.select().from(repeatSettings).orderBy(desc(repeatSettings.version)).limit(1);
    if (!row) return { version: 0, settings: DEFAULT_REPEAT_SETTINGS, createdAt: null, createdBy: null };
    // A stored version that no longer parses (a field added later) takes the defaults for what is missing.
    const settings = ZRepeatSettingsSchema.parse({ ...DEFAULT_REPEAT_SETTINGS, ...(row.definition as object) });
    return { version: row.version, settings, createdAt: row.createdAt, createdBy: row.createdBy };
  });
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;
