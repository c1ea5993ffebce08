/** Issue 18.5: the supervisor on duty writes the handover note, with what is open now; `handover.written`. */
import { desc, sql } from 'drizzle-orm';
import { handovers } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';
import { openCounts, openItems } from '../open-items';

/** First key of the advisory lock that serialises handover notes (beside the other 62112345… locks). */
const HANDOVER_LOCK = 62112350;

export interface WriteHandoverOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  note: string;
  /** The latest note the writer read, or null: another written since is a version_conflict. */
  previousId: number | null;
  /** The end of the next shift: what falls due before it is listed. */
  nextHandoverAt: Date;
}

export async function writeHandover(opts: WriteHandoverOptions) {
  const { actor, now, note, nextHandoverAt } = opts;
  return withTransaction(opts, async (tx, emit) => {
    // One writer at a time, so two supervisors who read the same note cannot both write after it.
    await tx.execute(sql`select pg_advisory_xact_lock(${HANDOVER_LOCK})`);
    const [latest] = await tx.select({ id: handovers.id }).from(handovers).orderBy(desc(handovers.writtenAt), desc(handovers.id)).limit(1);
    if ((latest?.id ?? null) !== opts.previousId) {
      throw new AppError('version_conflict', '已有新的交接记录，请刷新阅读后再写', { previousId: '已有新的交接记录' });
    }
    const open = await openItems(tx, now, nextHandoverAt);
    const [row] = await tx.insert(handovers).values({ note, open, nextHandoverAt, writtenBy: actor.id, writtenAt: now }).returning();
    if (!row) throw new Error('handover insert returned no row');
    emit({
      type: 'handover.written',
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      payload: { handoverId: row.id, nextHandoverAt: nextHandoverAt.toISOString(), open: openCounts(open) },
      rooms: [roleRoom('supervisor')],
    });
    return row;
  });
}
