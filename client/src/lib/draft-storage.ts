/**
 * Where the intake drafts live (lib/intake-draft.ts), without the schema that reads them back:
 * the session's log-out clears them, and the login page loads no zod (issue 17.6).
 */
export const DRAFT_PREFIX = 'hotline.intake-draft.';

export const draftStorage = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

/** Log-out: no record typed under one account is offered to the next person at this desk. */
export function clearAllDrafts(): void {
  const s = draftStorage();
  if (!s) return;
  for (const key of Object.keys(s)) if (key.startsWith(DRAFT_PREFIX)) s.removeItem(key);
}
