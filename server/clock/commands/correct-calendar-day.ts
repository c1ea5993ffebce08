/**
 * PRODUCT.md §4: a supervisor adds or corrects a day of the working-day calendar. The row is
 * append-only (the newest row for a date wins, docs/decisions/audit.md) and audited as
 * `calendar.day_set`. Open tickets' due times are not recomputed here: the correction queues a
 * recompute (`clock_recomputes`) in the same transaction, and the recompute job
 * (../recompute-dues.ts) moves the dues after the request has answered.
 */
import { calendarDays, clockRecomputes } from '../../../db/schema';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';

export interface CorrectCalendarDayOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  /** YYYY-MM-DD (Shanghai). */
  date: string;
  working: boolean;
  /** Why (required by the route: at least two characters). */
  note: string;
}

/** Returns the stored correction; its id names the recompute it queued. */
export async function correctCalendarDay(opts: CorrectCalendarDayOptions) {
  const { actor, now, date, working, note } = opts;
  return withTransaction(opts, async (tx, emit) => {
    const [row] = await tx.insert(calendarDays).values({ date, working, note, createdAt: now, createdBy: actor.id }).returning();
    if (!row) throw new Error('calendar insert returned no row');
    await tx.insert(clockRecomputes).values({ calendarDayId: row.id, requestedAt: now });
    emit({
      type: 'calendar.day_set',
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      payload: { date, working, note, id: row.id },
      rooms: [roleRoom('supervisor')],
    });
    return row;
  });
}
