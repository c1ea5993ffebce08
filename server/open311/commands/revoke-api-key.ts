/** PRODUCT.md §11: an admin revokes an Open311 API key (a column set once; nothing deleted). Audited as `api_key.revoked`. */
import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../../../db/schema';
import { AppError } from '../../../shared/errors';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';
import type { ApiKeyRow } from '../api-keys';

export interface RevokeApiKeyOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  apiKeyId: number;
}

export async function revokeApiKey(opts: RevokeApiKeyOptions): Promise<ApiKeyRow> {
  const { actor, now } = opts;
  return withTransaction(opts, async (tx, emit) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: now, revokedBy: actor.id })
      .where(and(eq(apiKeys.id, opts.apiKeyId), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) {
      const [exists] = await tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, opts.apiKeyId));
      throw exists ? new AppError('invalid_state', '该密钥已停用') : new AppError('not_found', '密钥不存在');
    }
    emit({
      type: 'api_key.revoked',
      actorId: actor.id,
      actorRole: 'admin',
      at: now,
      payload: { apiKeyId: row.id, name: row.name, keyPrefix: row.keyPrefix },
      rooms: [roleRoom('admin')],
    });
    return row;
  });
}
