/** Issue 18: the staffing plan, the roster and the handover; writes invalidate the staffing family. */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../../shared/live/feed';
import type { HandoverAnswer, RosterAnswer, StaffingPlanAnswer } from '../../../shared/schemas/staffing';
import { api } from '../lib/api';
import { keys } from './keys';

export const staffingPlanQuery = (query: string) =>
  queryOptions({ queryKey: keys.staffing.plan(query), queryFn: () => api<StaffingPlanAnswer>('GET', `/api/staffing/plan?${query}`) });

export const rosterQuery = (query: string) =>
  queryOptions({ queryKey: keys.staffing.roster(query), queryFn: () => api<RosterAnswer>('GET', `/api/staffing/roster?${query}`), meta: { live: 'refetch' } });

export const handoverQuery = () =>
  queryOptions({ queryKey: keys.staffing.handover, queryFn: () => api<HandoverAnswer>('GET', '/api/staffing/handover'), meta: { live: 'refetch' } });

/** A shift defined or staffed, a handover written or acknowledged (supervisors' room): read the roster and the handover again. */
export function staffingOnEvent(qc: QueryClient, e: LiveEvent): void {
  if (e.type.startsWith('shift.')) void qc.invalidateQueries({ queryKey: ['staffing', 'roster'] });
  if (e.type.startsWith('handover.')) void qc.invalidateQueries({ queryKey: keys.staffing.handover });
}

export const defineShift = (input: { name: string; start: string; hours: number }) => api<{ id: number }>('POST', '/api/staffing/shifts', input);
export const retireShift = (id: number) => api('POST', `/api/staffing/shifts/${id}/retire`, {});
export const assignShift = (input: { date: string; shiftId: number; userId: number; remove?: boolean }) => api('POST', '/api/staffing/assignments', input);
export const writeHandover = (note: string, previousId: number | null) => api<{ id: number }>('POST', '/api/staffing/handover', { note, previousId });
export const acknowledgeHandover = (id: number, version: number) => api('POST', `/api/staffing/handover/${id}/acknowledge`, { version });
