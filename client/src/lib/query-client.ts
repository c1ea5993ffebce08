/**
 * The tab's query cache (@tanstack/react-query): every read of the API goes through it, keyed per
 * resource (client/src/api/keys.ts). Live events keep it current (lib/live/live-cache.ts), so
 * nothing is refetched on a timer or on focus: data is fresh until an event, a mutation or a
 * reconnect says otherwise.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/** Refusals (4xx) are answers, not failures: asking again would get the same one. */
const retry = (failures: number, error: unknown) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry,
        retryDelay: (n) => Math.min(500 * 2 ** n, 5000),
      },
      mutations: { retry: false },
    },
  });
}

export const queryClient = createQueryClient();
