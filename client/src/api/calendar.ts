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

export async function confirmCalendarYear(qc: QueryClient, year: number, input: TConfirmCalendarYearInput): Promise<TConfirmCalendarYearAnswer> {
  const answer = await api<TConfirmCalendarYearAnswer>('POST', `/api/calendar/years/${year}/confirmation`, input);
  await Promise.all([qc.invalidateQueries({ queryKey: ['calendar'] }), qc.invalidateQueries({ queryKey: keys.wallboard })]);
  return answer;
}
