/**
 * A supervisor retires a shift pattern no longer worked (one defined by mistake, or a rota that
 * changed); `shift.retired`. Nothing is deleted: the days it was worked keep it in the roster, and
 * it is offered for no new day. A shift someone is still on from today on is refused: take them
 * off (or put them on another shift) first, so no future day loses its staff unseen.
 */
import { and, eq, gte, isNull } from 'drizzle-orm';
import { shiftAssignments, shifts } from '../../../db/schema';
import { shanghaiDate } from '../../../shared/calendar/shanghai';
import { AppError } from '../../../shared/errors';
import type { SessionUser } from '../../platform/auth/sessions';
import { supervisorChangeEvent } from '../../platform/supervisor-change';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';

export interface RetireShiftOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  shiftId: number;
}

export async function retireShift(opts: RetireShiftOptions) {
  const { actor, now, shiftId } = opts;
  return withTransaction(opts, async (tx, emit) => {
    // Under its row lock: an assignment made meanwhile waits for this to commit (and is then refused).
    const [row] = await tx.select().from(shifts).where(eq(shifts.id, shiftId)).for('update');
    if (!row) throw new AppError('not_found', '没有这个班次');
    if (row.retiredAt) throw new AppError('invalid_state', '这个班次已停用');
    const [ahead] = await tx
      .select({ date: shiftAssignments.date })
      .from(shiftAssignments)
      .where(and(eq(shiftAssignments.shiftId, shiftId), gte(shiftAssignments.date, shanghaiDate(now))))
      .orderBy(shiftAssignments.date)
      .limit(1);
    if (ahead) throw new AppError('invalid_state', `这个班次${ahead.date}起仍有人员排班，请先调整排班再停用`);
    const [retired] = await tx
      .update(shifts)
      .set({ retiredAt: now, retiredBy: actor.id })
      .where(and(eq(shifts.id, shiftId), isNull(shifts.retiredAt)))
      .returning();
    if (!retired) throw new Error('shift retirement updated no row');
    const shift = { id: retired.id, name: retired.name, startMinute: retired.startMinute, durationMinutes: retired.durationMinutes };
    emit(supervisorChangeEvent(opts, 'shift.retired', { shift }));
    return { ...shift, retired: true };
  });
}
