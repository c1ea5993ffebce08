/**
 * 000 四 派单规则: a supervisor publishes a new version of the whole dispatch rule table, built
 * on the version they edited (a stale base is refused). Every version is audited as
 * `dispatch_rules.versioned` with what changed; tickets keep the version their category was
 * confirmed under (tickets.rule_version).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { dispatchRules, units } from '../../../db/schema';
import { isCategoryCode } from '../../../shared/classify/labelled-examples';
import { CATEGORY_CODES, type CategoryCode } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { TDispatchRule } from '../../../shared/schemas/rules';
import { categoryLabel } from '../../classify/suggest';
import { forgetRuleTable } from '../../classify/suggester';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';
import { byCategory, changesBetween, type RuleChange } from '../rule-versions';

/** Serialises publishing, so two supervisors cannot both build on the same version. */
const RULES_LOCK = 62112347;

export interface PublishDispatchRulesOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  /** The version the supervisor edited; another one published meanwhile is a version conflict. */
  baseVersion: number;
  /** Every category exactly once (the shared input schema checks it). */
  rules: TDispatchRule[];
}

export async function publishDispatchRules(opts: PublishDispatchRulesOptions): Promise<{ version: number; changes: RuleChange[] }> {
  const { actor, now } = opts;
  const published = await withTransaction(opts, async (tx, emit) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${RULES_LOCK})`);
    const [latest] = await tx.select({ v: dispatchRules.version }).from(dispatchRules).orderBy(desc(dispatchRules.version)).limit(1);
    const current = latest?.v ?? 0;
    if (opts.baseVersion !== current) {
      throw new AppError('version_conflict', `派单规则已被他人更新为 v${current}，请刷新后再修改`, { baseVersion: `当前版本为 v${current}` });
    }
    await checkRuleUnits(tx, opts.rules);
    const before = byCategory(await tx.select().from(dispatchRules).where(eq(dispatchRules.version, current)));
    const after = new Map(opts.rules.map((r) => [r.categoryCode, { leadUnitId: r.leadUnitId, assistUnitIds: r.assistUnitIds }] as const));
    const changes = changesBetween(before, after);
    if (current > 0 && changes.length === 0) throw new AppError('validation_failed', '输入有误：派单规则没有修改', { rules: '没有修改' });
    const version = current + 1;
    await tx.insert(dispatchRules).values(
      CATEGORY_CODES.map((code) => {
        const rule = after.get(code);
        if (!rule) throw new Error(`rule table without ${code}`);
        return { version, categoryCode: code, leadUnitId: rule.leadUnitId, assistUnitIds: rule.assistUnitIds, createdAt: now, createdBy: actor.id };
      }),
    );
    emit({
      type: 'dispatch_rules.versioned',
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      payload: { version, previousVersion: current, changes },
      // Operators' intake forms suggest from the table; supervisors and leaders watch it.
      rooms: [roleRoom('supervisor'), roleRoom('operator'), roleRoom('leader')],
    });
    return { version, changes };
  });
  // The classifier's cached table is stale once the new version has committed.
  forgetRuleTable(opts.db);
  return published;
}

async function checkRuleUnits(tx: Tx, rules: TDispatchRule[]) {
  const ids = [...new Set(rules.flatMap((r) => [...(r.leadUnitId ? [r.leadUnitId] : []), ...r.assistUnitIds]))];
  const found = ids.length
    ? await tx
        .select({ id: units.id })
        .from(units)
        .where(and(inArray(units.id, ids), eq(units.active, true)))
    : [];
  const known = new Set(found.map((u) => u.id));
  const fields: Record<string, string> = {};
  rules.forEach((r, i) => {
    if (r.leadUnitId !== null && !known.has(r.leadUnitId)) fields[`rules.${i}.leadUnitId`] = '承办单位不存在';
    if (r.assistUnitIds.some((id) => !known.has(id))) fields[`rules.${i}.assistUnitIds`] = '协办单位不存在';
  });
  const first = Object.entries(fields)[0];
  if (first) {
    const code = rules[Number(first[0].split('.')[1])]?.categoryCode;
    throw new AppError('validation_failed', `输入有误：${code && isCategoryCode(code) ? `“${categoryLabel(code as CategoryCode)}”的` : ''}${first[1]}`, fields);
  }
}
