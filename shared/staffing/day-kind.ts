/**
 * Kinds of day for the call forecast (issue 18.1): an ordinary day is its weekday; a holiday and a
 * make-up working day (调休) are their own kinds, from our working-day calendar — a Saturday worked
 * for the National Day does not ring like a Saturday, and the Wednesday of the holiday week does
 * not ring like a Wednesday.
 */
import { addCalendarDays, weekdayOf } from '../calendar/shanghai';
import type { WorkCalendar } from '../calendar/types';

/** `mon`…`sun` for ordinary days, then `holiday` and `makeup`. */
export const DAY_KINDS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'makeup'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

const ORDINARY: readonly DayKind[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const isWeekend = (date: string) => {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
};

/**
 * The kind of a Shanghai date. A day off on a weekday is a holiday, and so is every weekend day in
 * the same run of days off (the Saturday inside the National Day week); a worked weekend day is a
 * make-up day.
 */
export function dayKind(date: string, calendar: WorkCalendar): DayKind {
  const working = calendar.isWorkingDay(date);
  if (isWeekend(date)) {
    if (working) return 'makeup';
    // Walk the run of days off around this weekend day: any weekday in it makes it a holiday run.
    for (const step of [-1, 1]) {
      for (let d = addCalendarDays(date, step), i = 0; i < 14 && !calendar.isWorkingDay(d); d = addCalendarDays(d, step), i += 1) {
        if (!isWeekend(d)) return 'holiday';
      }
    }
    return ORDINARY[weekdayOf(date)] ?? 'sun';
  }
  return working ? (ORDINARY[weekdayOf(date)] ?? 'mon') : 'holiday';
}
