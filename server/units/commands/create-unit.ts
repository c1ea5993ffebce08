/** Issue 15 item 11 (PRODUCT.md §1: supervisors edit units): a supervisor adds a handling unit. Audited as `unit.created`. */
import { units } from '../../../db/schema';
import type { UnitKind } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';

export interface CreateUnitOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  code: string;
  name: string;
  kind: UnitKind;
}

export async function createUnit(opts: CreateUnitOptions) {
  const { actor, now, code, name, kind } = opts;
  return withTransaction(opts, async (tx, emit) => {
    const [row] = await tx.insert(units).values({ code, name, kind, createdAt: now }).onConflictDoNothing().returning();
    if (!row) throw new AppError('validation_failed', '输入有误：单位代码已被使用', { code: '单位代码已被使用' });
    emit({
      type: 'unit.created',
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      payload: { unitId: row.id, code, name, kind },
      rooms: [roleRoom('supervisor')],
    });
    return row;
  });
}
