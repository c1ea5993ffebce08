import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EVENT_CATALOGUE } from '../events/catalogue';
import { FREE_TEXT_FIELDS, maskFreeText } from './mask-free-text';

/**
 * Strings of the event catalogue that are not free text: names of staff and units, codes, states,
 * numbers of tickets and sheets, masked numbers, the address (the place of the matter, shown to
 * every reader of the ticket), knowledge articles (written by the centre, not by callers).
 */
const STRUCTURAL_FIELDS = new Set([
  // Issue 15.11: a staff account's username, and a unit's name before and after a rename (unit.renamed).
  'username',
  'before',
  'after',
  // A knowledge article's details: the office's own public hours, documents and service line, written by staff.
  'office',
  'hours',
  'documents',
  'phone',
  'address',
  'answer',
  'body',
  'categoryCode',
  'categoryLabel',
  'citizenPhoneMasked',
  'claimedByName',
  'clockKind',
  'code',
  'contactName',
  'contactPhoneMasked',
  'displayName',
  'headName',
  'key',
  'keyPrefix',
  'keywords',
  'kind',
  'label',
  'leader',
  'light',
  'name',
  'nextNumber',
  'number',
  'pending',
  'policyCode',
  'ref',
  'requestId',
  'source',
  'state',
  'ticketNumber',
  'title',
  'type',
  'updatedByName',
]);

/** Names of the plain-string fields (not formats such as instants, not enums) of a zod schema. */
function stringFields(schema: z.ZodType, key: string, into: Set<string>): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'string':
      if (!def.format) into.add(key);
      break;
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) stringFields(v, k, into);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      stringFields(def.innerType as z.ZodType, key, into);
      break;
    case 'array':
      stringFields(def.element as z.ZodType, key, into);
      break;
    case 'union':
      for (const o of def.options as z.ZodType[]) stringFields(o, key, into);
      break;
    case 'pipe':
      stringFields(def.in as z.ZodType, key, into);
      break;
  }
  return into;
}

describe('maskFreeText', () => {
  it('masks numbers in free-text fields at any depth, and nothing else', () => {
    const ticket = {
      number: 'ZX20261123-0004',
      callAt: '2026-11-23T01:00:00.000Z',
      contactPhoneMasked: '138****5678',
      address: '涞坊路1111弄12号',
      description: '我电话13912345678，也可打139 1234 5678，身份证310104199001011234',
      detail: {
        firstContact: { at: '2026-11-23T02:00:00.000Z', channel: 'phone', note: '已联系 +86 139-1234-5678' },
        reply: { outcome: 'resolved', facts: '业主（１３９１２３４５６７８）称已整改', report: '回电一三九一二三四五六七八' },
        revisitAttempts: [{ at: '2026-11-24T01:00:00.000Z', reached: false, note: '打13912345678未接' }],
        revisit: { words: '满意，号码13912345678', resolved: true },
        pendingRequests: [{ id: 'return-3', kind: 'return', reason: '非本单位，业主电话021-62112345' }],
      },
    };
    const masked = maskFreeText(ticket);
    expect(masked).toEqual({
      number: 'ZX20261123-0004',
      callAt: '2026-11-23T01:00:00.000Z',
      contactPhoneMasked: '138****5678',
      address: '涞坊路1111弄12号',
      description: '我电话***********，也可打*** **** ****，身份证******************',
      detail: {
        firstContact: { at: '2026-11-23T02:00:00.000Z', channel: 'phone', note: '已联系 +** ***-****-****' },
        reply: { outcome: 'resolved', facts: '业主（***********）称已整改', report: '回电***********' },
        revisitAttempts: [{ at: '2026-11-24T01:00:00.000Z', reached: false, note: '打***********未接' }],
        revisit: { words: '满意，号码***********', resolved: true },
        pendingRequests: [{ id: 'return-3', kind: 'return', reason: '非本单位，业主电话***-********' }],
      },
    });
    // A copy: the value presented to those who may see it is not changed.
    expect(ticket.description).toContain('13912345678');
    expect(masked.detail.revisit).not.toBe(ticket.detail.revisit);
  });

  it('returns the value itself when there is nothing to mask', () => {
    const summary = { number: 'ZX20261123-0004', description: '油烟扰民，2026-11-23起每晚', detail: { notes: [{ note: '3号楼' }] } };
    expect(maskFreeText(summary)).toBe(summary);
  });

  it('leaves values without free text as they are', () => {
    expect(maskFreeText(null)).toBeNull();
    expect(maskFreeText('13912345678')).toBe('13912345678');
    expect(maskFreeText({ id: 7, ids: [1, 2], ok: true, at: new Date(0) })).toEqual({ id: 7, ids: [1, 2], ok: true, at: new Date(0) });
  });

  it('knows every string field of the event catalogue as free text or as structural', () => {
    const fields = new Set<string>();
    for (const schema of Object.values(EVENT_CATALOGUE)) stringFields(schema as z.ZodType, '(payload)', fields);
    const unknown = [...fields].filter((f) => !FREE_TEXT_FIELDS.has(f) && !STRUCTURAL_FIELDS.has(f));
    // A new string field in an event: add it to FREE_TEXT_FIELDS if people type it, or to STRUCTURAL_FIELDS above.
    expect(unknown).toEqual([]);
  });
});
