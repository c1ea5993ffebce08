/** Versions of the dispatch rule table (000 四) compared category by category. */
import type { dispatchRules } from '../../db/schema';
import { CATEGORY_CODES, type CategoryCode } from '../../shared/domain';

type RuleRow = typeof dispatchRules.$inferSelect;

export interface Rule {
  leadUnitId: number | null;
  assistUnitIds: number[];
}

export interface RuleChange {
  categoryCode: CategoryCode;
  before: Rule | null;
  after: Rule | null;
}

const sameRule = (a: Rule | undefined, b: Rule | undefined) =>
  (a?.leadUnitId ?? null) === (b?.leadUnitId ?? null) &&
  JSON.stringify([...(a?.assistUnitIds ?? [])].sort()) === JSON.stringify([...(b?.assistUnitIds ?? [])].sort());

/** Categories whose lead or assisting units differ between two versions, in CATEGORY_CODES order. */
export function changesBetween(before: Map<string, Rule>, after: Map<string, Rule>): RuleChange[] {
  return CATEGORY_CODES.filter((code) => !sameRule(before.get(code), after.get(code))).map((code) => ({
    categoryCode: code,
    before: before.get(code) ?? null,
    after: after.get(code) ?? null,
  }));
}

export const byCategory = (rows: RuleRow[]) =>
  new Map(rows.map((r) => [r.categoryCode, { leadUnitId: r.leadUnitId, assistUnitIds: r.assistUnitIds }] as const));
