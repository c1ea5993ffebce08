/**
 * What the intake form asks while the operator types (PRODUCT.md §5): suggested categories with their
 * units and the emergency flag (POST /api/suggest), address list entries (POST
 * /api/addresses/suggest), and the caller's history (POST /api/callers/history) — each asked a
 * moment after the typing stops; a late answer to an older question never overwrites a newer one
 * (each question is its own query), and the last answer stays until the next one arrives.
 */
import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { parsePhone } from '../../../shared/phone';
import type { TAddressOption, TCallerHistory, TSuggestedCategory, TSuggestion } from '../../../shared/schemas/suggest';
import { addressOptionsQuery, callerHistoryQuery, suggestionQuery } from '../api/suggest';

export type SuggestedCategory = TSuggestedCategory;
export type Suggestion = TSuggestion;
export type AddressOption = TAddressOption;
export type CallerHistory = TCallerHistory;

/**
 * The answer to the latest `key` (null while it is null), asked `delayMs` after it last changed.
 * The previous answer stays until the new one arrives; an answer to a key no longer current never shows.
 */
function useAnswer<T, K extends QueryKey>(key: string | null, delayMs: number, query: (key: string) => UseQueryOptions<T, Error, T, K>): T | null {
  const [asked, setAsked] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(key), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  const answer = useQuery({ ...query(asked ?? ''), enabled: asked !== null }).data;
  // What shows is kept from render to render (React's "information from previous renders").
  const [shown, setShown] = useState<T | null>(null);
  if (key === null && shown !== null) setShown(null);
  if (key !== null && asked === key && answer !== undefined && answer !== shown) setShown(answer);
  return key === null ? null : asked === key && answer !== undefined ? answer : shown;
}

/** Every category ranked (k=19), so any choice the operator makes comes with its units. */
export function useSuggestion(text: string, address: string): Suggestion | null {
  const key = text.trim().length >= 2 || address.trim().length >= 2 ? JSON.stringify([text.trim(), address.trim()]) : null;
  return useAnswer(key, 250, (k) => {
    const [t, a] = k ? (JSON.parse(k) as [string, string]) : ['', ''];
    return suggestionQuery(t, a);
  });
}

const NO_OPTIONS: AddressOption[] = [];

export function useAddressOptions(address: string): AddressOption[] {
  const q = address.trim();
  return useAnswer(q.length >= 2 ? q : null, 200, addressOptionsQuery) ?? NO_OPTIONS;
}

/** The number as the API stores it (shared/phone.ts); null while incomplete or not a Chinese number. */
export function usablePhone(raw: string): string | null {
  return parsePhone(raw)?.local ?? null;
}

export function useCallerHistory(phone: string, address: string): CallerHistory | null {
  const p = usablePhone(phone);
  const a = address.trim().length >= 4 ? address.trim() : null;
  const key = p || a ? JSON.stringify([p, a]) : null;
  return useAnswer(key, 300, (k) => {
    const [ph, ad] = k ? (JSON.parse(k) as [string | null, string | null]) : [null, null];
    return callerHistoryQuery(ph, ad);
  });
}
