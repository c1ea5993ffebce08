/**
 * Issue 15: a supervisor confirms a year's published State Council schedule. Until then the year
 * counts the statutory holidays computed from the regulation (shared/calendar/statutory-holidays.ts);
 * afterwards it is Monday–Friday plus the schedule's days, stored as calendar_days rows naming
 * the confirmation (append-only like every correction; later single-day corrections still win).
 * One recompute is queued, on the schedule's last row, so the job (../recompute-dues.ts) moves
 * each open ticket once for the whole schedule. Audited as `calendar.year_confirmed`.
 */
import { calendarConfirmations, calendarDays, clockRecomputes } from '../../../db/schema';
import type { SessionUser } from '../../platform/auth/sessions';
import { roleRoom } from '../../platform/live/rooms';
import { withTransaction, type UnitOfWorkDeps } from '../../platform/unit-of-work';

export interface ConfirmCalendarYearOptions extends UnitOfWorkDeps {
  actor: SessionUser;
  now: Date;
  year: number;
  /** How the supervisor entered it. */
  source: 'paste' | 'ics';
  /** Days off of the schedule, checked by the route (in the year, no overlap with makeUpDays). */
  daysOff: string[];
  /** 调休 working days. */
  makeUpDays: string[];
  /** Which notice (e.g. 国办发明电〔2026〕x号). */
  note: string;
}

export async function confirmCalendarYear(opts: ConfirmCalendarYearOptions) {
  const { actor, now, year, source, daysOff, makeUpDays, note } = opts;
  return withTransaction(opts, async (tx, emit) => {
    // The unique year refuses a second confirmation (the route checks first for a clear message).
    const [confirmation] = await tx.insert(calendarConfirmations).values({ year, source, note, createdAt: now, createdBy: actor.id }).returning();
    if (!confirmation) throw new Error('calendar confirmation insert returned no row');
    const days = [...daysOff.map((date) => ({ date, working: false })), ...makeUpDays.map((date) => ({ date, working: true }))].sort((a, b) =>
      a.date < b.date ? -1 : 1,
    );
    const rows = await tx
      .insert(calendarDays)
      .values(days.map((d) => ({ ...d, note, createdAt: now, createdBy: actor.id, confirmationId: confirmation.id })))
      .returning();
    const last = rows.reduce((max, r) => Math.max(max, r.id), 0);
    await tx.insert(clockRecomputes).values({ calendarDayId: last, requestedAt: now });
    emit({
      type: 'calendar.year_confirmed',
      actorId: actor.id,
      actorRole: 'supervisor',
      at: now,
      payload: { year, id: confirmation.id, source, daysOff, makeUpDays, note },
      rooms: [roleRoom('supervisor')],
    });
    return confirmation;
  });
}
