/**
 * The two halves every write to a ticket shares: take the row's lock at the version the client
 * saw, and store the row's next snapshot with its clock recomputed, under that same version. The
 * machine's commands (run-ticket-command.ts) and the supervisor's corrections (call time, urgency)
 * and reviews go through here, so a stale screen is refused the same way everywhere and the
 * queue columns (clock, due, light, provisional) never disagree with the snapshot.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { tickets } from '../../../db/schema';
import type { WorkCalendar } from '../../../shared/calendar/types';
import type { TSlaPolicy } from '../../../shared/clock/policy-schema';
import { AppError } from '../../../shared/errors';
import type { TicketSnapshot } from '../../../shared/ticket/snapshot';
import { primaryClock, ticketClocks } from '../../clock/ticket-clocks';
import type { SessionUser } from '../../platform/auth/sessions';
import { canReadTicket } from '../policy';
import { columnsOf } from '../ticket-snapshot';

type TicketRow = typeof tickets.$inferSelect;
type TicketColumns = Partial<typeof tickets.$inferInsert>;

const STALE = '工单已被他人更新，请刷新后再操作';

/** Locks the ticket for this transaction; refuses one the actor may not read or a stale version. */
export async function lockTicketAt(tx: Tx, actor: SessionUser, ticketId: number, expectedVersion: number): Promise<TicketRow> {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
  if (!row || !canReadTicket(actor, row)) throw new AppError('not_found', '工单不存在');
  if (row.version !== expectedVersion) throw new AppError('version_conflict', STALE, { version: `当前版本为 ${row.version}` });
  return row;
}

export interface NextSnapshot {
  next: TicketSnapshot;
  policy: TSlaPolicy;
  calendar: WorkCalendar;
  now: Date;
  /** Columns outside the snapshot that change with it (call time, urgency, policy). */
  columns?: TicketColumns;
}

/** Writes the locked row's next snapshot and its primary clock, only over the version it was read at. */
export async function storeTicketSnapshot(tx: Tx, row: TicketRow, write: NextSnapshot): Promise<TicketRow> {
  const [updated] = await tx
    .update(tickets)
    .set(snapshotColumns(write))
    .where(and(eq(tickets.id, row.id), eq(tickets.version, row.version)))
    .returning();
  if (!updated) throw new AppError('version_conflict', STALE);
  return updated;
}

/** The columns a next snapshot sets: its own, its primary clock's, and the time of the write. */
export function snapshotColumns(write: NextSnapshot) {
  const clock = primaryClock(ticketClocks(write.next, write.policy, write.calendar, write.now));
  return {
    ...write.columns,
    ...columnsOf(write.next),
    clockKind: clock.clockKind,
    dueAt: clock.dueAt,
    light: clock.light,
    dueProvisional: clock.dueProvisional,
    updatedAt: write.now,
  };
}
