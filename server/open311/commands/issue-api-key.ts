/** PRODUCT.md §11: an admin issues an Open311 API key. Only its hash is kept; the key is in the answer only. Audited as `api_key.issued`. */
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';
import { insertApiKey, type ApiKeyRow } from '../api-keys';

export interface IssueApiKeyCommandOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  /** Who the key is for (使用单位). */
  name: string;
}

export async function issueApiKey(opts: IssueApiKeyCommandOptions): Promise<{ row: ApiKeyRow; key: string }> {
  const { actor, now, name } = opts;
  return withTransaction(opts, async (tx, emit) => {
    const issued = await insertApiKey(tx, { name, createdBy: actor.id, now });
    emit({
      type: 'api_key.issued',
      actorId: actor.id,
      actorRole: 'admin',
      at: now,
      payload: { apiKeyId: issued.row.id, name, keyPrefix: issued.row.keyPrefix },
      rooms: [roleRoom('admin')],
    });
    return issued;
  });
}
