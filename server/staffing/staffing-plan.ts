/**
 * The staffing figures of a period from the database (issue 18): the call history before it, the
 * measured handle time and patience, the forecast and the requirement per half-hour.
 */
import type { Queryable } from '../../db/client';
import { addCalendarDays, startOfShanghaiDay } from '../../shared/calendar/shanghai';
import type { WorkCalendar } from '../../shared/calendar/types';
import { backtest, forecastDays, type Backtest, type DayForecast } from '../../shared/staffing/forecast';
import { slotRequirements, type SlotRequirement, type StaffingSettings } from '../../shared/staffing/plan';
import { fillQuietDays, loadCallHistory, measureAhtSeconds, measurePatienceSeconds } from './call-history';

/** How far back the forecast reads: enough for 8 of each weekday and the last holidays. */
export const HISTORY_DAYS = 120;

export type StaffingPlan = {
  from: string;
  ahtSeconds: number;
  /** Mean patience when abandonments allow Erlang A; absent: Erlang C. */
  patienceSeconds?: number;
  days: (DayForecast & { requirement: SlotRequirement[] })[];
};

export type PlanOptions = { from: string; days: number; calendar: WorkCalendar; settings: StaffingSettings; wrapUpSeconds: number };

export async function staffingPlan(db: Queryable, o: PlanOptions): Promise<StaffingPlan> {
  const historyFrom = addCalendarDays(o.from, -HISTORY_DAYS);
  const history = fillQuietDays(await loadCallHistory(db, historyFrom, o.from), historyFrom, o.from, (d) => addCalendarDays(d, 1));
  const since = startOfShanghaiDay(addCalendarDays(o.from, -28));
  const until = startOfShanghaiDay(o.from);
  const ahtSeconds = await measureAhtSeconds(db, since, until, o.wrapUpSeconds);
  const patienceSeconds = await measurePatienceSeconds(db, since, until);
  const days = forecastDays(history, o.from, o.days, o.calendar).map((d) => ({
    ...d,
    requirement: slotRequirements(d, ahtSeconds, o.settings, patienceSeconds),
  }));
  return { from: o.from, ahtSeconds, ...(patienceSeconds === undefined ? {} : { patienceSeconds }), days };
}

/** The last four weeks' forecasts against what came, each day forecast from the days before it. */
export async function forecastAccuracy(db: Queryable, today: string, calendar: WorkCalendar): Promise<Backtest> {
  const historyFrom = addCalendarDays(today, -(HISTORY_DAYS + 28));
  const history = fillQuietDays(await loadCallHistory(db, historyFrom, today), historyFrom, today, (d) => addCalendarDays(d, 1));
  return backtest(history, addCalendarDays(today, -28), addCalendarDays(today, -1), calendar);
}
