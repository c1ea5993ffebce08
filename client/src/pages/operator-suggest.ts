/**
 * What the intake form asks while the operator types (SPEC 5): suggested categories with their
 * units and the emergency flag (GET /api/suggest), address list entries (GET
 * /api/addresses/suggest), and the caller's history (GET /api/callers/history) — each debounced,
 * and a late answer to an older question never overwrites a newer one.
 */
import { useEffect, useRef, useState } from 'react';
import { normalizePhone } from '../../../shared/schemas/ticket';
import { api } from '../lib/api';

export interface SuggestedUnit {
  id: number;
  name: string;
}

export interface SuggestedCategory {
  code: string;
  score: number;
  label: string;
  lead: SuggestedUnit | null;
  assist: SuggestedUnit[];
  territorial: boolean;
}

export interface Suggestion {
  top: SuggestedCategory[];
  emergency: '110' | '119' | '120' | null;
  emergencyPhrase: string | null;
  address: { name: string; community: { name: string; unitId: number | null }; grid: { name: string } } | null;
  ruleVersion: number;
}

export interface AddressOption {
  id: string;
  name: string;
  address: string;
  community: { name: string };
  grid: { name: string };
}

export interface HistoryTicket {
  id: number;
  number: string;
  state: string;
  type: string;
  categoryLabel: string | null;
  createdAt: string;
  address: string;
  description: string;
  reasons: ('same_phone' | 'same_address')[];
}

export interface CallerHistory {
  phoneMasked: string | null;
  windowDays: number;
  total: number;
  open: number;
  withoutProgress: number;
  tickets: HistoryTicket[];
}

/** The answer to the latest `key`, fetched `delayMs` after it last changed (null while empty). */
function useDebounced<T>(key: string | null, fetcher: (key: string) => Promise<T>, delayMs: number): T | null {
  const [value, setValue] = useState<T | null>(null);
  const latest = useRef<string | null>(null);
  const fetchRef = useRef(fetcher);
  fetchRef.current = fetcher;
  useEffect(() => {
    latest.current = key;
    if (key === null) {
      setValue(null);
      return;
    }
    const timer = setTimeout(() => {
      fetchRef
        .current(key)
        .then((v) => {
          if (latest.current === key) setValue(v);
        })
        .catch(() => undefined);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return value;
}

/** Every category ranked (k=19), so any choice the operator makes comes with its units. */
export function useSuggestion(text: string, address: string): Suggestion | null {
  const key = text.trim().length >= 2 || address.trim().length >= 2 ? JSON.stringify([text.trim(), address.trim()]) : null;
  return useDebounced(
    key,
    (k) => {
      const [t, a] = JSON.parse(k) as [string, string];
      const body = { text: t, ...(a ? { address: a } : {}), k: 19 };
      // A URL holds ≈1,700 Chinese characters; longer descriptions go as a body (same answer).
      if (t.length > 1200) return api<Suggestion>('POST', '/api/suggest', body);
      return api<Suggestion>('GET', `/api/suggest?${new URLSearchParams({ text: t, ...(a ? { address: a } : {}), k: '19' })}`);
    },
    250,
  );
}

export function useAddressOptions(query: string): AddressOption[] {
  const q = query.trim();
  return (
    useDebounced(q.length >= 2 ? q : null, (k) => api<AddressOption[]>('GET', `/api/addresses/suggest?${new URLSearchParams({ q: k, limit: '8' })}`), 200) ?? []
  );
}

/** Mainland mobile or landline, as the API accepts it; null while incomplete. */
export function usablePhone(raw: string): string | null {
  const p = normalizePhone(raw ?? '');
  return /^(1[3-9]\d{9}|(0\d{2,3})?[2-9]\d{6,7})$/.test(p) ? p : null;
}

export function useCallerHistory(phone: string, address: string): CallerHistory | null {
  const p = usablePhone(phone);
  const a = address.trim().length >= 4 ? address.trim() : null;
  const key = p || a ? JSON.stringify([p, a]) : null;
  return useDebounced(
    key,
    (k) => {
      const [ph, ad] = JSON.parse(k) as [string | null, string | null];
      const q = new URLSearchParams({ limit: '20' });
      if (ph) q.set('phone', ph);
      if (ad) q.set('address', ad);
      return api<CallerHistory>('GET', `/api/callers/history?${q}`);
    },
    300,
  );
}
