/**
 * PRODUCT.md §5 "configurable": a supervisor publishes new repeat and cluster settings as the next
 * version, audited as `repeat_settings.versioned` with the settings before and after.
 */
import { sql } from 'drizzle-orm';
import { repeatSettings } from '../../../db/schema';
import type { TRepeatSettings } from '../../../shared/schemas/rules';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';
import { currentRepeatSettings } from '../settings';

/** Serialises publishing, so two supervisors cannot both build on the same version. */
const SETTINGS_LOCK = 62112348;

export interface PublishRepeatSettingsOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  settings: TRepeatSettings;
}

/** Returns the new version's number. */
export async function publishRepeatSettings(opts: PublishRepeatSettingsOptions): Promise<number> {
  const { actor, now, settings } = opts;
  return withTransaction(opts, async (tx, emit) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETTINGS_LOCK})`);
    const { version: current, settings: before } = await currentRepeatSettings(tx);
    const version = current + 1;
    await tx.insert(repeatSettings).values({ version, definition: settings, createdAt: now, createdBy: actor.id });
    emit({
      type: 'repeat_settings.versioned',
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      payload: { version, before, after: settings },
      rooms: [roleRoom('supervisor')],
    });
    return version;
  });
}
