/**
 * Issue 15 item 11: an admin changes an account — name, roles and unit; enabled or disabled; a new
 * password. Nothing is deleted. Any change to what a session was built from (roles, unit, active,
 * password) ends the person's sessions in the same transaction and closes their sockets after
 * commit (../../platform/auth/end-sessions.ts: their rooms came from them; they log in again).
 */
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import { revokeAllSessions, type SessionUser } from '../../platform/auth/sessions';
import { roleRoom, userRoom } from '../../platform/live/rooms';
import { withTransaction, type Emit, type UnitOfWorkDeps } from '../../platform/unit-of-work';
import { checkUnitForRoles } from '../account-rules';
import { accountOf } from '../present-user';
import type { TUpdateUserInput } from '../schemas';

export type UserChange =
  | { kind: 'update'; input: TUpdateUserInput }
  | { kind: 'active'; active: boolean }
  | { kind: 'password'; /** argon2id hash of the new password. */ passwordHash: string };

export interface ChangeUserOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  userId: number;
  change: UserChange;
}

export async function changeUser(opts: ChangeUserOptions) {
  const { actor, now, userId, change } = opts;
  const result = await withTransaction(opts, async (tx, emit) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw new AppError('not_found', '用户不存在');
    const audit = (type: Parameters<Emit>[0]['type'], payload: Record<string, unknown>) =>
      emit({ type, actorId: actor.id, actorRole: 'admin', at: now, payload: { userId, ...payload }, rooms: [roleRoom('admin')] } as Parameters<Emit>[0]);
    const endSessions = () => revokeAllSessions(tx, userId, now);

    if (change.kind === 'update') {
      const next = { ...accountOf(before), ...definedOf(change.input) };
      const rolesChanged = [...next.roles].sort().join() !== [...before.roles].sort().join();
      if (next.displayName === before.displayName && !rolesChanged && next.unitId === before.unitId) {
        throw new AppError('validation_failed', '输入有误：没有要修改的内容');
      }
      if (userId === actor.id && !next.roles.includes('admin')) throw new AppError('invalid_state', '不能取消自己的管理员角色');
      await checkUnitForRoles(tx, next.roles, next.unitId);
      const row = await updated(tx.update(users).set(next).where(eq(users.id, userId)).returning());
      // A name alone changes no room; roles or unit do.
      const sessionsEnded = rolesChanged || next.unitId !== before.unitId ? await endSessions() : 0;
      audit('user.updated', { before: accountOf(before), after: accountOf(next), sessionsEnded });
      return { row: row, sessionsEnded };
    }
    if (change.kind === 'active') {
      if (change.active === before.active) throw new AppError('invalid_state', change.active ? '该账号已是启用状态' : '该账号已停用');
      if (userId === actor.id) throw new AppError('invalid_state', '不能停用自己的账号');
      const row = await updated(tx.update(users).set({ active: change.active }).where(eq(users.id, userId)).returning());
      if (change.active) {
        audit('user.enabled', {});
        return { row: row, sessionsEnded: 0 };
      }
      const sessionsEnded = await endSessions();
      audit('user.disabled', { sessionsEnded });
      return { row: row, sessionsEnded };
    }
    const row = await updated(tx.update(users).set({ passwordHash: change.passwordHash }).where(eq(users.id, userId)).returning());
    const sessionsEnded = userId === actor.id ? 0 : await endSessions();
    audit('user.password_reset', { sessionsEnded });
    return { row: row, sessionsEnded };
  });
  // After commit: the revoked sessions' sockets close on every process.
  if (result.sessionsEnded > 0) await opts.live.disconnect([userRoom(userId)]);
  return result.row;
}

function definedOf(input: TUpdateUserInput) {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<ReturnType<typeof accountOf>>;
}

/** The one row an UPDATE by primary key returned (the row was read under lock just before). */
async function updated<R>(query: Promise<R[]>): Promise<R> {
  const [row] = await query;
  if (!row) throw new Error('update by id returned no row');
  return row;
}
