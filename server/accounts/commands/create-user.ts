/** Issue 15 item 11 (PRODUCT.md §1 admin: users, roles): an admin opens an account. Audited as `user.created`. */
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';
import { checkUnitForRoles } from '../account-rules';
import { accountOf } from '../present-user';
import type { TCreateUserInput } from '../schemas';

export interface CreateUserOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  input: Omit<TCreateUserInput, 'password'>;
  /** argon2id hash of the initial password (hashed before the transaction: it takes ~50 ms). */
  passwordHash: string;
}

export async function createUser(opts: CreateUserOptions) {
  const { actor, now, input, passwordHash } = opts;
  return withTransaction(opts, async (tx, emit) => {
    await checkUnitForRoles(tx, input.roles, input.unitId);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (taken) throw new AppError('validation_failed', '输入有误：用户名已被使用', { username: '用户名已被使用' });
    const [row] = await tx
      .insert(users)
      .values({ username: input.username, displayName: input.displayName, passwordHash, roles: input.roles, unitId: input.unitId, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('validation_failed', '输入有误：用户名已被使用', { username: '用户名已被使用' });
    emit({
      type: 'user.created',
      actorId: actor.id,
      actorRole: 'admin',
      at: now,
      payload: { userId: row.id, username: row.username, account: accountOf(row) },
      rooms: [roleRoom('admin')],
    });
    return row;
  });
}
