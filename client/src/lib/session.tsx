import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Role } from '../../../shared/domain';
import { api, setCsrfToken } from './api';
import { clearAllDrafts } from './intake-draft';

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: number | null;
}

interface SessionState {
  user: User | null;
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

interface AuthAnswer {
  csrfToken: string;
  user: User;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    api<AuthAnswer>('GET', '/api/auth/me')
      .then((a) => {
        setCsrfToken(a.csrfToken);
        setUser(a.user);
      })
      .catch(() => setUser(null))
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const a = await api<AuthAnswer>('POST', '/api/auth/login', { username, password });
    setCsrfToken(a.csrfToken);
    setUser(a.user);
  }, []);

  const logout = useCallback(async () => {
    await api('POST', '/api/auth/logout').catch(() => undefined);
    clearAllDrafts();
    setCsrfToken(null);
    setUser(null);
  }, []);

  return <SessionContext.Provider value={{ user, loading, login, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
