/**
 * Issue 15 item 11: a supervisor renames a unit, or deactivates it (never deleted: its tickets,
 * history and liaisons stay) or makes it active again. A unit still named in the current dispatch
 * rule table (000 四) cannot be deactivated: the table would send new tickets to a unit no one
 * offers — change the table first.
 */
import { desc, eq } from 'drizzle-orm';
import { dispatchRules, units } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';

export type UnitChange = { kind: 'rename'; name: string } | { kind: 'active'; active: boolean };

export interface ChangeUnitOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  unitId: number;
  change: UnitChange;
}

export async function changeUnit(opts: ChangeUnitOptions) {
  const { actor, now, unitId, change } = opts;
  return withTransaction(opts, async (tx, emit) => {
    const [before] = await tx.select().from(units).where(eq(units.id, unitId)).for('update');
    if (!before) throw new AppError('not_found', '单位不存在');
    const base = { actorId: actor.id, actorRole: 'supervisor' as const, at: now, rooms: [roleRoom('supervisor')] };
    if (change.kind === 'rename') {
      if (change.name === before.name) throw new AppError('validation_failed', '输入有误：名称没有修改', { name: '名称没有修改' });
      const row = await updated(tx.update(units).set({ name: change.name }).where(eq(units.id, unitId)).returning());
      emit({ ...base, type: 'unit.renamed', payload: { unitId, before: before.name, after: change.name } });
      return row;
    }
    if (change.active === before.active) throw new AppError('invalid_state', change.active ? '该单位已是启用状态' : '该单位已停用');
    if (!change.active) {
      const [latest] = await tx.select({ version: dispatchRules.version }).from(dispatchRules).orderBy(desc(dispatchRules.version)).limit(1);
      const rules = latest ? await tx.select().from(dispatchRules).where(eq(dispatchRules.version, latest.version)) : [];
      const named = rules.filter((r) => r.leadUnitId === unitId || r.assistUnitIds.includes(unitId));
      if (named.length > 0) {
        throw new AppError('invalid_state', `该单位仍在派单规则中（${named.length}个问题分类），请先在派单规则中改派其他单位再停用`);
      }
    }
    const row = await updated(tx.update(units).set({ active: change.active }).where(eq(units.id, unitId)).returning());
    if (change.active) emit({ ...base, type: 'unit.reactivated', payload: { unitId } });
    else emit({ ...base, type: 'unit.deactivated', payload: { unitId } });
    return row;
  });
}

/** The one row an UPDATE by primary key returned (the row was read under lock just before). */
async function updated<R>(query: Promise<R[]>): Promise<R> {
  const [row] = await query;
  if (!row) throw new Error('update by id returned no row');
  return row;
}
