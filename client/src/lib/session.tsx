import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type { TSessionUser } from '../../../shared/schemas/auth';
import { logIn, logOut, sessionQuery } from '../api/session';
import { clearAllDrafts } from './draft-storage';

export type User = TSessionUser;

interface SessionState {
  user: User | null;
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery(sessionQuery);

  const login = useCallback(async (username: string, password: string) => void (await logIn(qc, { username, password })), [qc]);

  const logout = useCallback(() => logOut(qc, clearAllDrafts), [qc]);

  const value = useMemo(() => ({ user: query.data ?? null, loading: query.isPending, login, logout }), [query.data, query.isPending, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
