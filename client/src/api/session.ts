/** Signing in and out. A log-out (or another user's log-in in this tab) drops every cached answer and the socket. */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { TAuthAnswer, TLoginInput, TSessionUser } from '../../../shared/schemas/auth';
import { api, setCsrfToken } from '../lib/api';
import { closeLiveConnection, openLiveConnection } from '../lib/live/connection';
import { keys } from './keys';

/** GET /api/auth/me: the signed-in user, or null (the login page). */
export const sessionQuery = queryOptions({
  queryKey: keys.session,
  queryFn: async (): Promise<TSessionUser | null> => {
    try {
      const a = await api<TAuthAnswer>('GET', '/api/auth/me');
      setCsrfToken(a.csrfToken);
      openLiveConnection();
      return a.user;
    } catch {
      return null;
    }
  },
  retry: false,
});

/** Nothing of the previous user stays in this tab: cached answers (revealed numbers too) and the socket go. */
function forgetEverything(qc: QueryClient): void {
  closeLiveConnection();
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
}

export async function logIn(qc: QueryClient, input: TLoginInput): Promise<TSessionUser> {
  const a = await api<TAuthAnswer>('POST', '/api/auth/login', input);
  setCsrfToken(a.csrfToken);
  forgetEverything(qc);
  openLiveConnection();
  qc.setQueryData(keys.session, a.user);
  return a.user;
}

/** `ended`: runs once the server ended the session, before this tab forgets it (drafts kept in the tab go). */
export async function logOut(qc: QueryClient, ended?: () => void): Promise<void> {
  // The socket goes first: the server closing it on log-out is not news to this tab.
  closeLiveConnection();
  await api('POST', '/api/auth/logout').catch(() => undefined);
  ended?.();
  setCsrfToken(null);
  // The screens go first (they follow the session), then what they held.
  qc.setQueryData(keys.session, null);
  forgetEverything(qc);
}

/**
 * The server closed the tab's socket: the session ended (log-out elsewhere, expiry) or the user's
 * roles changed. Ask who we are: signed out → the login page, with nothing of the session kept;
 * still signed in → connect again, into the rooms the new roles give.
 */
export async function afterServerClose(qc: QueryClient, connection: { reconnect(): void }): Promise<void> {
  const user = await qc.fetchQuery({ ...sessionQuery, staleTime: 0 });
  if (user) connection.reconnect();
  else forgetEverything(qc);
}
