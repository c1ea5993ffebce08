/**
 * PRODUCT.md §1: a unit liaison sees only the unit's tickets, so a liaison account names an active
 * unit; the other roles are the line's and the town's and have none. Checked inside the
 * transaction that writes the account.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { units } from '../../db/schema';
import type { Role } from '../../shared/domain';
import { AppError } from '../../shared/errors';

export async function checkUnitForRoles(tx: Tx, roles: readonly Role[], unitId: number | null): Promise<void> {
  if (roles.includes('liaison') && unitId === null)
    throw new AppError('validation_failed', '输入有误：联络人须选择所属单位', { unitId: '联络人须选择所属单位' });
  if (!roles.includes('liaison') && unitId !== null) {
    throw new AppError('validation_failed', '输入有误：只有联络人属于承办单位', { unitId: '只有联络人属于承办单位' });
  }
  if (unitId === null) return;
  const [unit] = await tx.select({ active: units.active }).from(units).where(eq(units.id, unitId));
  if (!unit) throw new AppError('validation_failed', '输入有误：单位不存在', { unitId: '单位不存在' });
  if (!unit.active) throw new AppError('validation_failed', '输入有误：单位已停用', { unitId: '单位已停用' });
}
