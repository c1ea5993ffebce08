/** Issue 18.3: a supervisor defines a shift pattern (e.g. three of 8 hours, or four of 6); `shift.defined`. */
import { shifts } from '../../../db/schema';
import type { TShiftInput } from '../../../shared/schemas/staffing';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';

export interface DefineShiftOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  input: TShiftInput;
}

export async function defineShift(opts: DefineShiftOptions) {
  const { actor, now, input } = opts;
  const [h, m] = input.start.split(':').map(Number);
  return withTransaction(opts, async (tx, emit) => {
    const [row] = await tx
      .insert(shifts)
      .values({ name: input.name, startMinute: (h ?? 0) * 60 + (m ?? 0), durationMinutes: Math.round(input.hours * 60), createdAt: now, createdBy: actor.id })
      .returning();
    if (!row) throw new Error('shift insert returned no row');
    const shift = { id: row.id, name: row.name, startMinute: row.startMinute, durationMinutes: row.durationMinutes };
    emit({ type: 'shift.defined', actorId: actor.id, actorRole: 'supervisor', at: now, payload: { shift }, rooms: [roleRoom('supervisor')] });
    return { ...shift, retired: false };
  });
}
