/** The working-day calendar in force: the official schedule plus supervisors' corrections. */
import { asc } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { calendarDays } from '../../db/schema';
import { officialCalendar } from '../../shared/calendar/official-calendar';
import type { OfficialWorkCalendar } from '../../shared/calendar/types';

export async function loadCalendar(db: Queryable): Promise<OfficialWorkCalendar> {
  // Rows are append-only; in id order the newest row for a date is applied last and wins.
  const rows = await db.select().from(calendarDays).orderBy(asc(calendarDays.id));
  return officialCalendar(rows.map((r) => ({ date: r.date, working: r.working, ...(r.note ? { note: r.note } : {}) })));
}
