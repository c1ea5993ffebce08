/**
 * What the intake form asks while the operator types (PRODUCT.md §5): suggested categories with their
 * units and the emergency flag, address list entries, the caller's history. The form debounces
 * what it asks; a late answer to an older question never shows (each question is its own key).
 */
import { queryOptions } from '@tanstack/react-query';
import type { TAddressOption, TCallerHistory, TSuggestion } from '../../../shared/schemas/suggest';
import { api } from '../lib/api';
import { keys } from './keys';

/** A URL holds ≈1,700 Chinese characters; longer descriptions go as a body (same answer). */
const LONG_TEXT = 1200;

/** Every category ranked (k=19), so any choice the operator makes comes with its units. Read again when the rule table changes. */
export const suggestionQuery = (text: string, address: string) =>
  queryOptions({
    queryKey: keys.suggest.categories(text, address),
    queryFn: () => {
      if (text.length > LONG_TEXT) return api<TSuggestion>('POST', '/api/suggest', { text, ...(address ? { address } : {}), k: 19 });
      return api<TSuggestion>('GET', `/api/suggest?${new URLSearchParams({ text, ...(address ? { address } : {}), k: '19' })}`);
    },
    gcTime: 60_000,
  });

export const addressOptionsQuery = (q: string) =>
  queryOptions({
    queryKey: keys.suggest.addresses(q),
    queryFn: () => api<TAddressOption[]>('GET', `/api/addresses/suggest?${new URLSearchParams({ q, limit: '8' })}`),
    gcTime: 60_000,
  });

/** New tickets change a caller's history: asked again each time (the last answer shows meanwhile). */
export const callerHistoryQuery = (phone: string | null, address: string | null) =>
  queryOptions({
    queryKey: keys.suggest.callerHistory(phone, address),
    queryFn: () => {
      const q = new URLSearchParams({ limit: '20' });
      if (phone) q.set('phone', phone);
      if (address) q.set('address', address);
      return api<TCallerHistory>('GET', `/api/callers/history?${q}`);
    },
    staleTime: 0,
    gcTime: 60_000,
  });
