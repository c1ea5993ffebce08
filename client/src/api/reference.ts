/** Reference data read once per tab: units, the server's clock, SLA policies. */
import { queryOptions } from '@tanstack/react-query';
import type { THealthAnswer } from '../../../shared/schemas/health';
import type { TPolicyRow } from '../../../shared/schemas/policies';
import type { TUnit } from '../../../shared/schemas/units';
import { learnServerTime } from '../components/action-forms/time';
import { api } from '../lib/api';
import { keys } from './keys';

export const unitsQuery = queryOptions({
  queryKey: keys.units,
  queryFn: () => api<TUnit[]>('GET', '/api/units'),
});

/** The server's clock (GET /api/health): countdowns and "today" follow it, not the device's. */
export const serverTimeQuery = queryOptions({
  queryKey: keys.serverTime,
  queryFn: async () => {
    const sent = Date.now();
    const health = await api<THealthAnswer>('GET', '/api/health');
    learnServerTime(health.time, (sent + Date.now()) / 2);
    return health.time;
  },
  // "Today" moves on: a screen opened later reads the clock again.
  staleTime: 10 * 60_000,
});

export const policiesQuery = queryOptions({
  queryKey: keys.policies,
  queryFn: () => api<TPolicyRow[]>('GET', '/api/policies'),
});
