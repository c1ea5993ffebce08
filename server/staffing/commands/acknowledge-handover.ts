/**
 * Issue 18.5: the next shift's supervisor acknowledges the handover; `handover.acknowledged`. Once,
 * by someone other than its writer, on the version read (UPDATE … WHERE version = $v AND not yet
 * acknowledged: two supervisors acknowledging at once, one wins).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { handovers } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';

export interface AcknowledgeHandoverOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  handoverId: number;
  version: number;
}

export async function acknowledgeHandover(opts: AcknowledgeHandoverOptions) {
  const { actor, now, handoverId, version } = opts;
  return withTransaction(opts, async (tx, emit) => {
    const [found] = await tx.select().from(handovers).where(eq(handovers.id, handoverId)).limit(1);
    if (!found) throw new AppError('not_found', '没有这份交接记录');
    if (found.writtenBy === actor.id) throw new AppError('invalid_state', '交班人不能自己接班：请由下一班值班长确认');
    if (found.acknowledgedAt) throw new AppError('invalid_state', '这份交接已被确认');
    const [row] = await tx
      .update(handovers)
      .set({ acknowledgedBy: actor.id, acknowledgedAt: now, version: sql`${handovers.version} + 1` })
      .where(and(eq(handovers.id, handoverId), eq(handovers.version, version), isNull(handovers.acknowledgedAt)))
      .returning();
    if (!row) throw new AppError('version_conflict', '交接记录已被更新，请刷新后再确认');
    emit({
      type: 'handover.acknowledged',
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      payload: { handoverId, writtenBy: found.writtenBy },
      rooms: [roleRoom('supervisor')],
    });
    return row;
  });
}
