/** The live call store (PRODUCT.md §8): waiting, active and to-call-back calls, kept current on the tab's one connection. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { CallView } from '../../../shared/schemas/call';
import { callListQuery, callsOf } from '../api/calls';

export interface LiveCalls {
  calls: CallView[];
}

export function useLiveCalls(enabled = true): LiveCalls {
  const query = useQuery({ ...callListQuery, enabled });
  const calls = useMemo(() => callsOf(query.data), [query.data]);
  return { calls };
}

/** Waiting for an operator: inbound, not ended, nobody took it yet. */
export const isWaiting = (c: CallView) => c.direction === 'inbound' && !c.endedAt && c.claimedBy === null;
/** The user's own live call (taken, or placed by them). */
export const isMine = (c: CallView, userId: number) => !c.endedAt && (c.claimedBy === userId || c.requestedBy === userId);
/** An abandoned call nobody has called back yet. */
export const needsCallback = (c: CallView) => c.status === 'abandoned' && c.callbackCallId === null;
