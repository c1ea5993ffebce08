/**
 * The working-day calendar in force: the official schedule, the computed holidays of later years
 * until their published schedule is confirmed, and supervisors' corrections (PRODUCT.md §4).
 */
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { calendarConfirmations, calendarDays } from '../../db/schema';
import { officialCalendar } from '../../shared/calendar/official-calendar';
import type { OfficialWorkCalendar } from '../../shared/calendar/types';
import { cachedReference } from '../platform/reference-data';

export interface CalendarRows {
  /** calendar_days in id order, each with the year of the confirmation it belongs to (if any). */
  days: { id: number; date: string; working: boolean; confirmedYear: number | null }[];
}

export async function loadCalendarRows(db: Queryable): Promise<CalendarRows> {
  const rows = await db
    .select({ id: calendarDays.id, date: calendarDays.date, working: calendarDays.working, confirmedYear: calendarConfirmations.year })
    .from(calendarDays)
    .leftJoin(calendarConfirmations, eq(calendarConfirmations.id, calendarDays.confirmationId))
    .orderBy(asc(calendarDays.id));
  return { days: rows };
}

/**
 * The calendar made of the rows with id ≤ `lastId`. Rows are append-only; in id order the
 * newest row for a date is applied last and wins. A year counts as confirmed once every row of
 * its confirmation is in (they are written in one transaction).
 */
export function calendarUpTo(rows: CalendarRows, lastId = Number.MAX_SAFE_INTEGER): OfficialWorkCalendar {
  const upTo = rows.days.filter((d) => d.id <= lastId);
  const pending = new Set(rows.days.filter((d) => d.id > lastId && d.confirmedYear !== null).map((d) => d.confirmedYear));
  const confirmedYears = [...new Set(upTo.flatMap((d) => (d.confirmedYear === null || pending.has(d.confirmedYear) ? [] : [d.confirmedYear])))];
  return officialCalendar(
    upTo.map((d) => ({ date: d.date, working: d.working })),
    { confirmedYears },
  );
}

/** The calendar in force, through the reference cache (issue 17.3): shared, read-only. */
export function loadCalendar(db: Queryable): Promise<OfficialWorkCalendar> {
  return cachedReference(db, 'calendar', 'in-force', async (q) => calendarUpTo(await loadCalendarRows(q)));
}
