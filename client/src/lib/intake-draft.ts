/**
 * The intake record being typed, kept in this tab's sessionStorage: a reload (F5, a page that
 * crashed, a deploy) must not lose a caller's words while they are still on the line. It keeps
 * the record's idempotency key too, so a save whose answer was lost, sent again after the
 * reload, finds the ticket it already made instead of making a second. sessionStorage, not
 * localStorage: the caller's number leaves with the tab (PRODUCT.md §9), and log-out clears it.
 */
import { z } from 'zod';
import { DRAFT_PREFIX, draftStorage } from './draft-storage';

const StoredDraft = z.object({
  values: z.record(z.string(), z.unknown()),
  key: z.string().min(8).max(100),
  startedAt: z.string().nullable(),
  touched: z.object({ units: z.boolean(), category: z.boolean() }),
  /** The call the record is taken from, so the ticket is still linked to it after the reload. */
  call: z.object({ id: z.number().int().positive(), phone: z.string().nullable() }).nullable().default(null),
});
export type StoredDraft = z.output<typeof StoredDraft>;

export function loadDraft(userId: number): StoredDraft | null {
  const raw = draftStorage()?.getItem(DRAFT_PREFIX + userId);
  if (!raw) return null;
  try {
    const parsed = StoredDraft.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveDraft(userId: number, draft: StoredDraft): void {
  try {
    draftStorage()?.setItem(DRAFT_PREFIX + userId, JSON.stringify(draft));
  } catch {
    /* storage full or refused: the form still works, only a reload would lose it */
  }
}

export function clearDraft(userId: number): void {
  draftStorage()?.removeItem(DRAFT_PREFIX + userId);
}
