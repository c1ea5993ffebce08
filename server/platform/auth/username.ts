/**
 * Issue 14 item 4: one account, one spelling. The username is normalised before it is looked up
 * and before failures are counted, with the same function, so every spelling that reaches an
 * account is counted against that account: " liaison-c-laifang", "ＬＩＡＩＳＯＮ-c-laifang" and
 * "Liaison-C-Laifang" are all "liaison-c-laifang". Usernames are stored in this form.
 */

/** Trim, NFKC (full-width letters and digits, ideographic spaces), then case-fold. */
export function normalizeUsername(typed: string): string {
  // NFKC first so full-width capitals fold too; again after lower-casing, which can leave
  // sequences NFKC would compose differently (e.g. "İ" → "i̇").
  return typed.normalize('NFKC').trim().toLowerCase().normalize('NFKC');
}
