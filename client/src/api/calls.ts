/**
 * Calls (PRODUCT.md §8): waiting, active and to-call-back calls from GET /api/calls, then `call.*`
 * events applied by call version on the tab's one connection (lib/live/connection.ts); the
 * screen pop of a waiting call; taking, releasing and calling back.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../../shared/live/feed';
import {
  ZCallViewSchema,
  type CallDetail,
  type CallListAnswer,
  type CallView,
  type TCallAnswer,
  type TClaimCallAnswer,
  type TClaimCallInput,
  type TelephonyInfo,
  type TOutboundCallInput,
  type TSimulateCallInput,
} from '../../../shared/schemas/call';
import { api } from '../lib/api';
import { itemsOf, liveListOf, putFromEvent, putItem, type LiveList } from '../lib/live/live-list';
import { liveSnapshot } from '../lib/live/snapshot';
import { keys } from './keys';

export type CallList = LiveList<CallView>;

export function applyCallEvent(list: CallList, e: LiveEvent): CallList {
  const call = e.type.startsWith('call.') ? (e.data as { call?: CallView } | null)?.call : undefined;
  return call ? putFromEvent(list, call.id, call, e.seq, true) : list;
}

export const callListQuery = queryOptions({
  queryKey: keys.calls.list,
  queryFn: () =>
    liveSnapshot(
      async () => {
        const a = await api<CallListAnswer>('GET', '/api/calls');
        return liveListOf(a.seq, a.calls, (c) => c.id);
      },
      (list, events) => events.reduce(applyCallEvent, list),
    ),
  meta: { live: 'snapshot' },
});

export const callsOf = (list: CallList | undefined) => itemsOf(list);

export function callsOnEvent(qc: QueryClient, e: LiveEvent): void {
  const list = qc.getQueryData<CallList>(keys.calls.list);
  if (!list) return;
  const next = applyCallEvent(list, e);
  if (next !== list) qc.setQueryData(keys.calls.list, next);
}

const CALL_FIELDS = ZCallViewSchema.keyof().options;

/** An answer's call, shown at once (without the full number some answers carry). */
function callChanged(qc: QueryClient, call: CallView): void {
  const view: Record<string, unknown> = {};
  for (const f of CALL_FIELDS) view[f] = call[f];
  qc.setQueryData<CallList>(keys.calls.list, (list) => list && putItem(list, call.id, view as CallView, 0, 'any'));
}

/** The screen pop: the caller's full number and history, read once per call. */
export const callDetailQuery = (id: number) =>
  queryOptions({
    queryKey: keys.calls.detail(id),
    queryFn: () => api<CallDetail>('GET', `/api/calls/${id}`),
  });

/** Simulator or Twilio, with a Twilio token for the softphone: kept while a screen shows calls, read anew for the next (tokens expire). */
export const voiceTokenQuery = queryOptions({
  queryKey: keys.calls.voiceToken,
  queryFn: () => api<TelephonyInfo>('GET', '/api/calls/voice-token'),
  gcTime: 0,
});

export const fetchVoiceToken = () => api<TelephonyInfo>('GET', '/api/calls/voice-token');

/** Take a waiting call (only one operator can); the answer carries the caller's number. */
export async function claimCall(qc: QueryClient, id: number, input: TClaimCallInput): Promise<TClaimCallAnswer['call']> {
  const { call } = await api<TClaimCallAnswer>('POST', `/api/calls/${id}/claim`, input);
  callChanged(qc, call);
  return call;
}

/** Put a taken, unanswered call back in the queue. */
export async function releaseCall(qc: QueryClient, id: number): Promise<void> {
  const { call } = await api<TCallAnswer>('POST', `/api/calls/${id}/release`);
  callChanged(qc, call);
}

export async function callBack(qc: QueryClient, id: number): Promise<void> {
  const { call } = await api<TCallAnswer>('POST', `/api/calls/${id}/callback`, {});
  callChanged(qc, call);
}

/** Click to call (PRODUCT.md §8 outbound): the server looks the number up from the ticket. */
export async function placeCall(qc: QueryClient, input: TOutboundCallInput): Promise<CallView> {
  const { call } = await api<TCallAnswer>('POST', '/api/calls/outbound', input);
  callChanged(qc, call);
  return call;
}

/** The supervisors' simulator: a citizen dials in (the call arrives as a live event). */
export const simulateInboundCall = (input: TSimulateCallInput) => api<{ callSid: string }>('POST', '/api/calls/simulator/inbound', input);
