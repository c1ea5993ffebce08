/**
 * PRODUCT.md §9: the caller's full number, revealed on request and logged by the server. What one
 * reveal returned is kept in this tab's cache (per ticket) until log-out, so the ticket reloading
 * after a live event does not hide it again, and the call button and the fields show the same number.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ContactReveal, TRevealContactInput } from '../../../shared/schemas/contact';
import { revealContact, revealedContactQuery } from '../api/tickets';

/** Reveals the number (every call is one logged reveal). */
export function useRevealContact(): (ticketId: number, purpose?: TRevealContactInput['purpose']) => Promise<ContactReveal> {
  const qc = useQueryClient();
  return useCallback((ticketId, purpose = 'view') => revealContact(qc, ticketId, purpose), [qc]);
}

/** The number this tab revealed for the ticket, or null (shown masked). */
export function useRevealedContact(ticketId: number): ContactReveal | null {
  return useQuery(revealedContactQuery(ticketId)).data ?? null;
}
