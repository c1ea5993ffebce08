/**
 * R14 units ranked by satisfaction, R15 bottom three for three months running (000 二(九):
 * "满意率连续3个月排名后3位的由主要领导约谈"). Pure; definitions in docs/REPORTS.md.
 */
import { boundsOf, contains, type ReportPeriod } from '../../shared/reports/period';
import type { UnitRow } from '../../shared/schemas/reports';
import { allClocks, evaluationRates, evaluationsIn, rate, settledLate, stageClocks, type ReportData } from './figures';

/** Fewer ranked units than this and nobody is "bottom three" (everyone would be). */
export const MIN_UNITS_FOR_BOTTOM_THREE = 4;

export function unitRows(data: ReportData, period: ReportPeriod): UnitRow[] {
  const b = boundsOf(period);
  const clocks = allClocks(data).filter((c) => c.settledAt && contains(b, c.settledAt));
  const handlings = data.tickets.flatMap((t) => t.history.handlings).filter((h) => contains(b, h.startedAt));
  const { counted } = evaluationsIn(data, b);
  const returns = data.tickets.flatMap((t) => t.history.returns).filter((r) => contains(b, r.at));
  const late = settledLate(allClocks(data), b).filter((c) => c.kind !== 'revisit');
  // 001 五.1 "未按时先行接单的四级承办部门".
  const acceptanceLate = settledLate(stageClocks(data), b).filter((c) => c.kind === 'acceptance');
  const ids = new Set<number>([
    ...handlings.map((h) => h.unitId),
    ...clocks.filter((c) => c.kind !== 'revisit').map((c) => c.unitId),
    ...counted.map((e) => e.unitId),
    ...returns.map((r) => r.unitId),
  ]);
  const rows: UnitRow[] = [...ids].map((unitId) => {
    const mine = clocks.filter((c) => c.unitId === unitId);
    const onTime = (kind: 'first_contact' | 'reply') => {
      const k = mine.filter((c) => c.kind === kind);
      return rate(k.filter((c) => c.status === 'on_time').length, k.length);
    };
    const evaluations = counted.filter((e) => e.unitId === unitId);
    return {
      unitId,
      unitName: data.units.get(unitId)?.name ?? `#${unitId}`,
      dispatched: handlings.filter((h) => h.unitId === unitId).length,
      firstContactOnTime: onTime('first_contact'),
      replyOnTime: onTime('reply'),
      evaluations: evaluations.length,
      ...evaluationRates(evaluations),
      // 003 二(二)3 "统计不满意件数较多的承办部门": the count beside the rate.
      acceptanceLate: acceptanceLate.filter((c) => c.unitId === unitId).length,
      dissatisfied: evaluations.filter((e) => e.satisfaction === 'dissatisfied').length,
      returnsRequested: returns.filter((r) => r.unitId === unitId).length,
      overdue: late.filter((c) => c.unitId === unitId).length,
      rank: null,
      bottomThree: false,
    };
  });
  return rankUnits(rows);
}

/** Higher satisfaction first, then higher resolution; equal on both → the same rank (1, 2, 2, 4). */
function compare(a: UnitRow, b: UnitRow): number {
  return (b.satisfactionRate.rate ?? 0) - (a.satisfactionRate.rate ?? 0) || (b.resolutionRate.rate ?? 0) - (a.resolutionRate.rate ?? 0);
}

export function rankUnits(rows: UnitRow[]): UnitRow[] {
  const ranked = rows.filter((r) => r.evaluations > 0).sort((a, b) => compare(a, b) || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  const unranked = rows.filter((r) => r.evaluations === 0).sort((a, b) => b.dispatched - a.dispatched || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank = prev && compare(prev, r) === 0 ? prev.rank : i + 1;
  });
  if (ranked.length >= MIN_UNITS_FOR_BOTTOM_THREE) {
    // The third-worst unit sets the line; units tied with it are in the bottom three too.
    const line = ranked.at(-3);
    if (line) for (const r of ranked) r.bottomThree = compare(r, line) >= 0;
  }
  return [...ranked, ...unranked];
}

export function bottomThreeIds(rows: readonly UnitRow[]): Set<number> {
  return new Set(rows.filter((r) => r.bottomThree).map((r) => r.unitId));
}
