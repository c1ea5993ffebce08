/**
 * PRODUCT.md §5 "Suggestion": from the description (and address) the ranked categories, each with the
 * lead and assisting units of the rule table in force, the community of the address as the
 * territorial fallback (003 第八条), and the emergency flag (110/119/120: the caller must dial it
 * at once, 003 第五条(三)). Pure over its inputs, so the API and the command line agree.
 */
import { resolveAddress } from '../../shared/address/address-book';
import type { AddressBook } from '../../shared/address/types';
import { findEmergency, type EmergencyNumber } from '../../shared/classify/emergency';
import type { Classifier } from '../../shared/classify/ngram-classifier';
import type { CategoryCode } from '../../shared/domain';
import { translate, type MessageKey } from '../../shared/i18n';
import type { RuleTableView, RuleUnit } from './rule-table';

export interface UnitRef {
  id: number;
  name: string;
}

export interface SuggestedCategory {
  code: CategoryCode;
  /** Probability of the category given the text (0–1). */
  score: number;
  /** Chinese label (派单规则 name). */
  label: string;
  /** null when the rule says "territorial" and the address did not resolve to a community. */
  lead: UnitRef | null;
  assist: UnitRef[];
  /** The lead is the address's community because the rule names no department. */
  territorial: boolean;
}

export interface ResolvedAddressView {
  entryId: string;
  name: string;
  address: string;
  community: { code: string; name: string; unitId: number | null };
  grid: { code: string; name: string };
  score: number;
}

export interface SuggestAnswer {
  top: SuggestedCategory[];
  emergency: EmergencyNumber | null;
  /** The words that flagged the emergency, so the operator sees why. */
  emergencyPhrase: string | null;
  address: ResolvedAddressView | null;
  ruleVersion: number;
}

export interface SuggestDeps {
  classifier: Classifier;
  table: RuleTableView;
  book: AddressBook;
}

export interface SuggestRequest {
  text: string;
  address?: string | undefined;
  /** How many categories (default 3). */
  k?: number;
}

export const categoryLabel = (code: CategoryCode, locale: 'zh-CN' | 'en' = 'zh-CN') => translate(locale, `category.${code}` as MessageKey);

export function suggest(deps: SuggestDeps, req: SuggestRequest): SuggestAnswer {
  const { classifier, table, book } = deps;
  const resolved = req.address ? resolveAddress(req.address, book) : null;
  const community = resolved ? (table.communities.get(resolved.community.code) ?? null) : null;
  const ref = (u: RuleUnit): UnitRef => ({ id: u.id, name: u.name });
  const top = classifier.rank(req.text, req.k ?? 3).map(({ code, score }): SuggestedCategory => {
    const rule = table.rules.get(code);
    const named = rule?.leadUnitId != null ? table.units.get(rule.leadUnitId) : undefined;
    const territorial = !named;
    const lead = named ?? community ?? null;
    const assist = (rule?.assistUnitIds ?? []).flatMap((id) => {
      const unit = table.units.get(id);
      return unit && unit.id !== lead?.id ? [ref(unit)] : [];
    });
    return { code, score, label: categoryLabel(code), lead: lead ? ref(lead) : null, assist, territorial };
  });
  const emergency = req.text ? findEmergency(req.text) : null;
  return {
    top,
    emergency: emergency?.number ?? null,
    emergencyPhrase: emergency?.phrase ?? null,
    address: resolved
      ? {
          entryId: resolved.entry.id,
          name: resolved.entry.name,
          address: resolved.entry.address,
          community: { code: resolved.community.code, name: resolved.community.name, unitId: community?.id ?? null },
          grid: { code: resolved.grid.code, name: resolved.grid.name },
          score: round(resolved.score),
        }
      : null,
    ruleVersion: table.version,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
