/**
 * Free text of a ticket as a viewer who may not see the caller's number reads it (issue 14 item 7,
 * docs/decisions/privacy.md): every number of 7 or more digits in any notation masked
 * (`maskNumbers`) in the fields people type — the description, notes, facts, closing reports,
 * reasons, the citizen's words at the revisit, supervision texts. A caller's number typed into
 * the description is the caller's number: those who may not see it in the contact field may not
 * read it there either (PIPL 第六条, minimum necessary; GB/T 35273 7.2 展示限制).
 *
 * One walk over any presented value (a ticket summary, its snapshot, a timeline entry, an event
 * payload, a supervision sheet, a decision item): the fields are found by name wherever they
 * nest, so a note in a reply inside a pending request inside an event is masked as one on the
 * ticket. Structural strings (ticket and sheet numbers, times, codes, ids) are never touched:
 * `ZX20261123-0004` keeps its digits.
 */
import { maskNumbers } from './mask-numbers';

/**
 * Names of the fields that hold free text people typed, wherever they nest. A new free-text
 * field is added here (`mask-free-text.test.ts` walks the event catalogue and fails on a string
 * field it does not know).
 */
export const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set([
  // The intake record (PRODUCT.md §2).
  'description',
  // Ticket life (PRODUCT.md §3): first contact, site visit, notes, urges, decisions, attempts.
  'note',
  'facts',
  'report',
  'reason',
  'words',
  // The unit head named on a closing report's sign-off (issue 15.8): typed, so masked like the rest.
  'signer',
  // Supervision sheets (004): situation, opinion, the unit's reply, the outcome, the instruction.
  'situation',
  'opinion',
  'content',
  'outcome',
  'outcomeNote',
  'instruction',
  // 004 附件2 on-site notice (the coordinator's own contact fields are staff's, not a citizen's).
  'subject',
  'procedure',
  'remarks',
]);

/**
 * `value` with the numbers in its free-text fields masked; everything else as it was. Nothing to
 * mask: `value` itself (the same reference), so a caller can tell that every reader may get it.
 */
export function maskFreeText<T>(value: T): T {
  return walk(value, false) as T;
}

function walk(value: unknown, freeText: boolean): unknown {
  if (typeof value === 'string') return freeText ? maskNumbers(value) : value;
  if (Array.isArray(value)) {
    const out = value.map((v) => walk(v, freeText));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = walk(v, FREE_TEXT_FIELDS.has(key));
    if (out[key] !== v) changed = true;
  }
  return changed ? out : value;
}
