/** Open311 API keys (PRODUCT.md §11), admins only. */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { TApiKey, TApiKeyListAnswer, TIssueApiKeyInput, TIssuedApiKey } from '../../../shared/schemas/api-keys';
import { api } from '../lib/api';
import { keys } from './keys';

export const apiKeysQuery = queryOptions({
  queryKey: keys.apiKeys,
  queryFn: () => api<TApiKeyListAnswer>('GET', '/api/api-keys'),
});

/** POST /api/api-keys: the key is in this answer only. */
export async function issueApiKey(qc: QueryClient, input: TIssueApiKeyInput): Promise<TIssuedApiKey> {
  const issued = await api<TIssuedApiKey>('POST', '/api/api-keys', input);
  void qc.invalidateQueries({ queryKey: keys.apiKeys });
  return issued;
}

export async function revokeApiKey(qc: QueryClient, id: number): Promise<TApiKey> {
  const revoked = await api<TApiKey>('POST', `/api/api-keys/${id}/revoke`);
  void qc.invalidateQueries({ queryKey: keys.apiKeys });
  return revoked;
}
