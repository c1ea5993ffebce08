/** Reports (PRODUCT.md §10): computed on the server for a period; read once per period asked. */
import { queryOptions } from '@tanstack/react-query';
import type { Report, WeeklyReview } from '../../../shared/schemas/reports';
import { api } from '../lib/api';
import { keys } from './keys';

/** GET /api/reports?month= (or week=, from=&to=). */
export const reportQuery = (query: string) =>
  queryOptions({
    queryKey: keys.reports.report(query),
    queryFn: () => api<Report>('GET', `/api/reports?${query}`),
  });

/** GET /api/reports/weekly?week=. */
export const weeklyReviewQuery = (week: string) =>
  queryOptions({
    queryKey: keys.reports.weekly(week),
    queryFn: () => api<WeeklyReview>('GET', `/api/reports/weekly?week=${week}`),
  });
