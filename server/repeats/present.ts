/** What leaves the server about clusters and supervision candidates: no phone numbers, ever (PRODUCT.md §9). */
import type { clusters, supervisionCandidates } from '../../db/schema';
import { isCategoryCode } from '../../shared/classify/labelled-examples';
import type { CandidateView, ClusterView, TicketRef } from '../../shared/events/views';
import { categoryLabel } from '../classify/suggest';

export type { CandidateView, ClusterView, TicketRef } from '../../shared/events/views';

type ClusterRow = typeof clusters.$inferSelect;
type CandidateRow = typeof supervisionCandidates.$inferSelect;

const labelOf = (code: string) => (isCategoryCode(code) ? categoryLabel(code) : code);

export function presentCluster(row: ClusterRow, windowMs: number, now: Date): ClusterView {
  const until = new Date(row.lastAt.getTime() + windowMs);
  return {
    id: row.id,
    categoryCode: row.categoryCode,
    categoryLabel: labelOf(row.categoryCode),
    place: { key: row.placeKey, name: row.placeName, communityUnitId: row.communityUnitId },
    callerCount: row.callerCount,
    ticketIds: row.ticketIds,
    firstAt: row.firstAt.toISOString(),
    lastAt: row.lastAt.toISOString(),
    alertedAt: row.alertedAt.toISOString(),
    active: until.getTime() > now.getTime(),
    activeUntil: until.toISOString(),
  };
}

export function presentCandidate(row: CandidateRow, tickets: TicketRef[], address: string | null): CandidateView {
  const byId = new Map(tickets.map((t) => [t.id, t] as const));
  return {
    id: row.id,
    ticketId: row.ticketId,
    categoryCode: row.categoryCode,
    categoryLabel: labelOf(row.categoryCode),
    repeatCount: row.repeatCount,
    // The references only: the caller of the candidates' list also read each ticket's address.
    tickets: row.ticketIds.flatMap((id) => {
      const t = byId.get(id);
      return t ? [{ id: t.id, number: t.number, state: t.state }] : [];
    }),
    address,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
