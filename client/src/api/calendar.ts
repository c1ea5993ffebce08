/** The working-day calendar of a year and the confirmation of its published schedule (issue 15). */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { TCalendarYearView, TConfirmCalendarYearAnswer, TConfirmCalendarYearInput } from '../../../shared/schemas/calendar';
import { api } from '../lib/api';
import { keys } from './keys';

export const calendarQuery = (year: number) =>
  queryOptions({
    queryKey: keys.calendar(year),
    queryFn: () => api<TCalendarYearView>('GET', `/api/calendar?year=${year}`),
  });

/** PRODUCT.md §4: a supervisor marks one date as a day off or a working day, with a reason; open dues follow (a job). */
export async function correctCalendarDay(qc: QueryClient, input: { date: string; working: boolean; note: string }): Promise<{ id: number }> {
  const answer = await api<{ id: number }>('POST', '/api/calendar/days', input);
  await qc.invalidateQueries({ queryKey: ['calendar'] });
  return answer;
}

export async function confirmCalendarYear(qc: QueryClient, year: number, input: TConfirmCalendarYearInput): Promise<TConfirmCalendarYearAnswer> {
  const answer = await api<TConfirmCalendarYearAnswer>('POST', `/api/calendar/years/${year}/confirmation`, input);
  await Promise.all([qc.invalidateQueries({ queryKey: ['calendar'] }), qc.invalidateQueries({ queryKey: keys.wallboard })]);
  return answer;
}
