/**
 * 003 二(二)3 每周召开热线工作分析研判会: the week's dissatisfied tickets and the issues citizens
 * raised most (rising against the week before), with repeats. Phone numbers masked, and every
 * number in the description and the citizen's words too: the list goes to leaders (issue 14 item 7).
 */
import type { Queryable } from '../../db/client';
import { maskNumbers } from '../../shared/privacy/mask-numbers';
import { boundsOf, contains, previousPeriod, type ReportPeriod } from '../../shared/reports/period';
import type { DissatisfiedRow, WeeklyReview } from '../../shared/schemas/reports';
import { maskPhone } from '../../shared/schemas/ticket';
import { computeFigures, hotSpots, repeatsIn } from './figures';
import { categoryName } from './labels';
import { loadReportData } from './load';

export async function buildWeeklyReview({ db, period, asOf }: { db: Queryable; period: ReportPeriod; asOf: Date }): Promise<WeeklyReview> {
  const before = previousPeriod(period);
  const data = await loadReportData({ db, from: boundsOf(before).start, to: boundsOf(period).end, asOf });
  const b = boundsOf(period);
  const dissatisfied: DissatisfiedRow[] = [];
  for (const t of data.tickets) {
    for (const e of t.history.evaluations) {
      if (!contains(b, e.at) || e.satisfaction !== 'dissatisfied') continue;
      dissatisfied.push({
        ticketId: t.id,
        ticketNumber: t.number,
        revisitedAt: e.at.toISOString(),
        categoryCode: t.categoryCode,
        categoryLabel: categoryName(t.categoryCode),
        unitName: data.units.get(e.unitId)?.name ?? `#${e.unitId}`,
        address: t.address,
        description: maskNumbers(t.description),
        words: maskNumbers(e.words),
        phoneMasked: maskPhone(t.contactPhone),
        resolved: e.resolved,
        excluded: t.excluded,
      });
    }
  }
  dissatisfied.sort((x, y) => x.revisitedAt.localeCompare(y.revisitedAt));
  const current = computeFigures(data, period);
  const previous = computeFigures(data, before);
  return {
    generatedAt: asOf.toISOString(),
    period,
    dissatisfied,
    hotSpots: {
      categories: hotSpots(
        current.byCategory.filter((r) => r.key !== 'uncategorised'),
        previous.byCategory,
      ),
      places: hotSpots(
        current.byCommunity.filter((r) => r.key !== 'unresolved' && r.key !== 'no_address'),
        previous.byCommunity,
      ),
    },
    repeats: repeatsIn(data.tickets, b),
    received: current.received,
    previousReceived: previous.received,
  };
}
