/** Row ⇄ snapshot: the columns queues need, the rest of the domain core's snapshot in `detail`. */
import type { tickets } from '../../db/schema';
import type { TicketSource, TicketState, TicketType } from '../../shared/domain';
import { newTicketSnapshot, type TicketSnapshot } from '../../shared/ticket/snapshot';

type TicketRow = typeof tickets.$inferSelect;
/** The columns a snapshot is read from. */
export type SnapshotRow = Pick<TicketRow, 'id' | 'type' | 'source' | 'detail' | 'createdAt' | 'state' | 'version' | 'round' | 'leadUnitId' | 'assistUnitIds'>;

export function snapshotOf(row: SnapshotRow): TicketSnapshot {
  const base = newTicketSnapshot({ id: row.id, type: row.type as TicketType, source: row.source as TicketSource });
  return {
    ...base,
    ...(row.detail as Partial<TicketSnapshot>),
    id: row.id,
    registeredAt: row.createdAt.toISOString(),
    state: row.state as TicketState,
    version: row.version,
    round: row.round,
    leadUnitId: row.leadUnitId,
    assistUnitIds: row.assistUnitIds,
  };
}

/** The columns a snapshot sets; `detail` keeps the whole snapshot for the core to reload. */
export function columnsOf(next: TicketSnapshot) {
  return {
    state: next.state,
    version: next.version,
    round: next.round,
    leadUnitId: next.leadUnitId,
    assistUnitIds: next.assistUnitIds,
    detail: next,
  };
}
