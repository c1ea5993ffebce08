/**
 * The dispatch rule table (派单规则, 000 四) as the suggester reads it: one version of the rules
 * with the units they name, and the community units for the territorial fallback (003 第八条).
 */
import { asc, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { JIUTING_COMMUNITIES } from '../../db/data/jiuting-addresses';
import { dispatchRules, units } from '../../db/schema';
import { DEPARTMENTS, DISPATCH_RULES } from '../../db/seed/town';
import { isCategoryCode } from '../../shared/classify/labelled-examples';
import { CATEGORY_CODES, type CategoryCode } from '../../shared/domain';
import { cachedReference } from '../platform/reference-data';

export interface RuleUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export interface RuleEntry {
  /** null: the community of the address (属地托管). */
  leadUnitId: number | null;
  assistUnitIds: number[];
}

export interface RuleTableView {
  version: number;
  rules: ReadonlyMap<CategoryCode, RuleEntry>;
  /** Active units by id. */
  units: ReadonlyMap<number, RuleUnit>;
  /** Community and village units by their code (c_yiting), the codes of the address list. */
  communities: ReadonlyMap<string, RuleUnit>;
}

export function latestRuleVersion(q: Queryable): Promise<number> {
  return cachedReference(q, 'rules', 'latest-version', async (db) => {
    const [latest] = await db.select({ version: dispatchRules.version }).from(dispatchRules).orderBy(desc(dispatchRules.version)).limit(1);
    return latest?.version ?? 0;
  });
}

/** One version of the table (the latest when none is given) with today's active units. */
export async function loadRuleTable(q: Queryable, version?: number): Promise<RuleTableView> {
  const v = version ?? (await latestRuleVersion(q));
  const rows = await q.select().from(dispatchRules).where(eq(dispatchRules.version, v));
  const unitRows = await q
    .select({ id: units.id, code: units.code, name: units.name, kind: units.kind })
    .from(units)
    .where(eq(units.active, true))
    .orderBy(asc(units.id));
  return buildView(
    v,
    rows.flatMap((r) => (isCategoryCode(r.categoryCode) ? [[r.categoryCode, { leadUnitId: r.leadUnitId, assistUnitIds: r.assistUnitIds }] as const] : [])),
    unitRows,
  );
}

/** The table the demo town ships with (db/seed/town.ts), for the command line without a database. */
export function shippedRuleTable(): RuleTableView {
  const all = [...DEPARTMENTS, ...JIUTING_COMMUNITIES.map((c) => ({ code: c.code, name: c.name, kind: c.kind }))];
  const unitRows = all.map((u, i) => ({ id: i + 1, ...u }));
  const idOf = new Map(unitRows.map((u) => [u.code, u.id] as const));
  const entries = CATEGORY_CODES.map((code) => {
    const rule = DISPATCH_RULES[code];
    return [code, { leadUnitId: rule.lead ? (idOf.get(rule.lead) ?? null) : null, assistUnitIds: rule.assist.flatMap((c) => idOf.get(c) ?? []) }] as const;
  });
  return buildView(1, entries, unitRows);
}

function buildView(version: number, entries: (readonly [CategoryCode, RuleEntry])[], unitRows: RuleUnit[]): RuleTableView {
  const byId = new Map(unitRows.map((u) => [u.id, u] as const));
  const communities = new Map(unitRows.filter((u) => u.kind === 'community' || u.kind === 'village').map((u) => [u.code, u] as const));
  return { version, rules: new Map(entries), units: byId, communities };
}
