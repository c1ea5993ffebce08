/**
 * SPEC 9: the caller's full number, revealed on request and logged by the server. What one
 * reveal returned is kept for this page's life (per ticket), so the ticket reloading after a
 * live event does not hide it again, and the call button and the fields show the same number.
 */
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ContactReveal, TRevealContactInput } from '../../../shared/schemas/contact';
import { api } from './api';

const revealed = new Map<number, ContactReveal>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** POST /api/tickets/:id/reveal-contact: every call is one logged reveal. */
export async function revealContact(ticketId: number, purpose: TRevealContactInput['purpose'] = 'view'): Promise<ContactReveal> {
  const contact = await api<ContactReveal>('POST', `/api/tickets/${ticketId}/reveal-contact`, { purpose });
  revealed.set(ticketId, contact);
  for (const l of listeners) l();
  return contact;
}

/** The number this page revealed for the ticket, or null (shown masked). */
export function useRevealedContact(ticketId: number): ContactReveal | null {
  const get = useCallback(() => revealed.get(ticketId) ?? null, [ticketId]);
  return useSyncExternalStore(subscribe, get, get);
}

/** Calls `callback` whenever this page reveals the ticket's number again (e.g. to reload its timeline). */
export function useAfterReveal(ticketId: number, callback: (() => void) | undefined): void {
  const contact = useRevealedContact(ticketId);
  const seen = useRef(contact);
  useEffect(() => {
    if (contact === seen.current) return;
    seen.current = contact;
    callback?.();
  }, [contact, callback]);
}
