/** Supervision sheets (督办, 004): lists and one sheet, read again on `supervision.*` events; the commands on them. */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { supervisionCommandPath } from '../../../shared/api/command-paths';
import type { LiveEvent } from '../../../shared/live/feed';
import type {
  SUPERVISION_INPUT_SCHEMAS,
  SupervisionView,
  TOpenSupervisionInput,
  TSupervisionDetail,
  TSupervisionListAnswer,
} from '../../../shared/schemas/supervision';
import type { SupervisionCommand } from '../../../shared/supervision/machine';
import { api } from '../lib/api';
import { liveRead } from '../lib/live/snapshot';
import { keys } from './keys';

/** GET /api/supervisions?state= (`active`: open and replied, the server's default). */
export const supervisionListQuery = (state: 'active' | 'all' = 'active') =>
  queryOptions({
    queryKey: keys.supervisions.list(state),
    queryFn: (context) => liveRead(context, () => api<TSupervisionListAnswer>('GET', `/api/supervisions?state=${state}`)),
    meta: { live: 'refetch' },
  });

/** GET /api/supervisions/:id with its timeline (also on the print page, which holds no socket). */
export const supervisionQuery = (id: number) =>
  queryOptions({
    queryKey: keys.supervisions.detail(id),
    queryFn: (context) => liveRead(context, () => api<TSupervisionDetail>('GET', `/api/supervisions/${id}`)),
    meta: { live: 'refetch' },
  });

export function supervisionsOnEvent(qc: QueryClient, e: LiveEvent): void {
  if (e.type.startsWith('supervision.')) void qc.invalidateQueries({ queryKey: keys.supervisions.all });
}

async function post(qc: QueryClient, path: string, body: unknown): Promise<SupervisionView> {
  const view = await api<SupervisionView>('POST', path, body);
  await qc.invalidateQueries({ queryKey: keys.supervisions.all });
  return view;
}

/** POST /api/supervisions: a new sheet (lists and sheets are read again). */
export const openSupervision = (qc: QueryClient, input: TOpenSupervisionInput) => post(qc, '/api/supervisions', input);

export type TSupervisionCommandInput<C extends SupervisionCommand> = z.input<(typeof SUPERVISION_INPUT_SCHEMAS)[C]> & { version: number };

/** POST /api/supervisions/:id/<command> with the version the user saw. */
export const runSupervisionCommand = <C extends SupervisionCommand>(qc: QueryClient, sheet: { id: number }, command: C, input: TSupervisionCommandInput<C>) =>
  post(qc, supervisionCommandPath(command, sheet.id), input);
