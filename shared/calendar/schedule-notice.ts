/**
 * Issue 15: from 1 November supervisors are warned that next year's schedule is not published
 * (the State Council usually publishes it in November), and the warning stays until they confirm
 * it — also into the year itself if nobody has. Pure: the clock is passed in.
 */
import { shanghaiDate } from './shanghai';
import type { CalendarYearStatus } from './types';

/** Month and day (Shanghai) from which next year's missing schedule is announced. */
export const NOTICE_FROM = '11-01';

/** Years whose holidays are still computed and that supervisors should be told about at `now`, ascending. */
export function yearsAwaitingSchedule(now: Date, yearStatus: (year: number) => CalendarYearStatus): number[] {
  const today = shanghaiDate(now);
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear];
  if (today.slice(5) >= NOTICE_FROM) years.push(thisYear + 1);
  return years.filter((y) => yearStatus(y) === 'computed');
}
