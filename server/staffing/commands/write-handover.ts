/** Issue 18.5: the supervisor on duty writes the handover note, with what is open now; `handover.written`. */
import { handovers } from '../../../db/schema';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';
import { openCounts, openItems } from '../open-items';

export interface WriteHandoverOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  note: string;
  /** The end of the next shift: what falls due before it is listed. */
  nextHandoverAt: Date;
}

export async function writeHandover(opts: WriteHandoverOptions) {
  const { actor, now, note, nextHandoverAt } = opts;
  return withTransaction(opts, async (tx, emit) => {
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
