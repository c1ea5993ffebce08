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
 * `current`: the answer shown is the one to `key` (not the previous one, kept while the new one is on its way).
 */
function useAnswerOf<T, K extends QueryKey>(
  key: string | null,
  delayMs: number,
  query: (key: string) => UseQueryOptions<T, Error, T, K>,
): { answer: T | null; current: boolean } {
  const [asked, setAsked] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(key), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  const answer = useQuery({ ...query(asked ?? ''), enabled: asked !== null }).data;
  // What shows is kept from render to render (React's "information from previous renders").
  const [shown, setShown] = useState<T | null>(null);
  if (key === null && shown !== null) setShown(null);
  const current = key !== null && asked === key && answer !== undefined;
  if (current && answer !== shown) setShown(answer);
  return { answer: key === null ? null : current ? answer : shown, current };
}

function useAnswer<T, K extends QueryKey>(key: string | null, delayMs: number, query: (key: string) => UseQueryOptions<T, Error, T, K>): T | null {
  return useAnswerOf(key, delayMs, query).answer;
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

/**
 * The address list's entries for what is typed now. Only the answer to the current text counts
 * (`current` false while it is on its way): a list kept from the text before would change under
 * the operator's arrow keys when the answer lands (issue 16: ↓ Enter recorded the wrong address).
 */
export function useAddressOptions(address: string): { options: AddressOption[]; current: boolean } {
  const q = address.trim();
  const { answer, current } = useAnswerOf(q.length >= 2 ? q : null, 200, addressOptionsQuery);
  return { options: answer ?? NO_OPTIONS, current };
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
