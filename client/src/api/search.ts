/**
 * Issue 16.6: the header search (POST /api/search: the query stays out of URLs and request logs).
 * Each query is asked once: a phone search is logged on the server, so nothing refetches it.
 */
import { queryOptions } from '@tanstack/react-query';
import type { SearchAnswer } from '../../../shared/schemas/search';
import { api } from '../lib/api';
import { keys } from './keys';

export const searchQuery = (q: string) =>
  queryOptions({
    queryKey: keys.search(q),
    queryFn: () => api<SearchAnswer>('POST', '/api/search', { q }),
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
