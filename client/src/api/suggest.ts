/**
 * What the intake form asks while the operator types (PRODUCT.md §5): suggested categories with their
 * units and the emergency flag, address list entries, the caller's history. The form debounces
 * what it asks; a late answer to an older question never shows (each question is its own key).
 * Every question is a POST body: what the citizen said never goes into a URL, where logs, proxies
 * and the browser's history keep it (docs/decisions/privacy.md).
 */
import { queryOptions } from '@tanstack/react-query';
import type { TAddressOption, TCallerHistory, TSuggestion } from '../../../shared/schemas/suggest';
import { api } from '../lib/api';
import { keys } from './keys';

/** Every category ranked (k=19), so any choice the operator makes comes with its units. Read again when the rule table changes. */
export const suggestionQuery = (text: string, address: string) =>
  queryOptions({
    queryKey: keys.suggest.categories(text, address),
    queryFn: () => api<TSuggestion>('POST', '/api/suggest', { text, ...(address ? { address } : {}), k: 19 }),
    gcTime: 60_000,
  });

export const addressOptionsQuery = (q: string) =>
  queryOptions({
    queryKey: keys.suggest.addresses(q),
    queryFn: () => api<TAddressOption[]>('POST', '/api/addresses/suggest', { q, limit: 8 }),
    gcTime: 60_000,
  });

/** New tickets change a caller's history: asked again each time (the last answer shows meanwhile). */
export const callerHistoryQuery = (phone: string | null, address: string | null) =>
  queryOptions({
    queryKey: keys.suggest.callerHistory(phone, address),
    queryFn: () => api<TCallerHistory>('POST', '/api/callers/history', { limit: 20, ...(phone ? { phone } : {}), ...(address ? { address } : {}) }),
    staleTime: 0,
    gcTime: 60_000,
  });
