/** Issue 18: the staffing plan, the roster and the handover; writes invalidate the staffing family. */
import { queryOptions } from '@tanstack/react-query';
import type { HandoverAnswer, RosterAnswer, StaffingPlanAnswer } from '../../../shared/schemas/staffing';
import { api } from '../lib/api';
import { keys } from './keys';

export const staffingPlanQuery = (query: string) =>
  queryOptions({ queryKey: keys.staffing.plan(query), queryFn: () => api<StaffingPlanAnswer>('GET', `/api/staffing/plan?${query}`) });

export const rosterQuery = (query: string) =>
  queryOptions({ queryKey: keys.staffing.roster(query), queryFn: () => api<RosterAnswer>('GET', `/api/staffing/roster?${query}`) });

export const handoverQuery = () =>
  // Re-read every 15 s too: the next supervisor's screen shows an acknowledgement without a reload.
  queryOptions({ queryKey: keys.staffing.handover, queryFn: () => api<HandoverAnswer>('GET', '/api/staffing/handover'), refetchInterval: 15_000 });

export const defineShift = (input: { name: string; start: string; hours: number }) => api<{ id: number }>('POST', '/api/staffing/shifts', input);
export const assignShift = (input: { date: string; shiftId: number; userId: number; remove?: boolean }) => api('POST', '/api/staffing/assignments', input);
export const writeHandover = (note: string) => api<{ id: number }>('POST', '/api/staffing/handover', { note });
export const acknowledgeHandover = (id: number, version: number) => api('POST', `/api/staffing/handover/${id}/acknowledge`, { version });
