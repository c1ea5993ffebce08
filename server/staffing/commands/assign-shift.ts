/** Issue 18.3: a supervisor puts a person on a shift of a day, or takes them off; `shift.assigned` / `shift.unassigned`. */
import { and, eq } from 'drizzle-orm';
import { shiftAssignments, shifts, users } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import type { ZShiftAssignmentInputSchema } from '../../../shared/schemas/staffing';
import { supervisorChangeEvent, type SupervisorChangeOptions } from '../../platform/supervisor-change';
import { withTransaction } from '../../platform/unit-of-work';

export type AssignShiftOptions = SupervisorChangeOptions<typeof ZShiftAssignmentInputSchema>;

export async function assignShift(opts: AssignShiftOptions) {
  const { actor, now, input } = opts;
  return withTransaction(opts, async (tx, emit) => {
    // Shared with a retirement in flight (which locks the row): one of the two waits for the other.
    const [shift] = await tx.select({ id: shifts.id, retiredAt: shifts.retiredAt }).from(shifts).where(eq(shifts.id, input.shiftId)).for('share');
    if (!shift) throw new AppError('validation_failed', '输入有误：没有这个班次', { shiftId: '没有这个班次' });
    // Taking someone off a retired shift's past day stays possible (a correction); putting anyone on it is not.
    if (shift.retiredAt && !input.remove) throw new AppError('invalid_state', '这个班次已停用');
    const [person] = await tx.select({ roles: users.roles, active: users.active }).from(users).where(eq(users.id, input.userId)).limit(1);
    if (!person?.active || !person.roles.some((r) => r === 'operator' || r === 'supervisor'))
      throw new AppError('validation_failed', '输入有误：只能排话务员或值班长', { userId: '只能排话务员或值班长' });
    const where = and(eq(shiftAssignments.date, input.date), eq(shiftAssignments.shiftId, input.shiftId), eq(shiftAssignments.userId, input.userId));
    if (input.remove) {
      const [gone] = await tx.delete(shiftAssignments).where(where).returning();
      if (!gone) throw new AppError('not_found', '此人不在这个班次上');
      emit(supervisorChangeEvent(opts, 'shift.unassigned', { assignmentId: gone.id, date: gone.date, shiftId: gone.shiftId, userId: gone.userId }));
      return { id: gone.id, date: gone.date, shiftId: gone.shiftId, userId: gone.userId, removed: true };
    }
    const [row] = await tx
      .insert(shiftAssignments)
      .values({ date: input.date, shiftId: input.shiftId, userId: input.userId, createdAt: now, createdBy: actor.id })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('invalid_state', '此人已在这个班次上');
    emit(supervisorChangeEvent(opts, 'shift.assigned', { assignmentId: row.id, date: row.date, shiftId: row.shiftId, userId: row.userId }));
    return { id: row.id, date: row.date, shiftId: row.shiftId, userId: row.userId, removed: false };
  });
}
