/**
 * The live call store: a snapshot of waiting, active and to-call-back calls, then `call.*`
 * socket events applied by call version. Its own socket (the ticket store keeps its own), with
 * the same catch-up by sequence number on reconnect.
 */
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { LiveFeed, type LiveEvent } from '../../../shared/live/feed';
import type { CallListAnswer, CallView } from '../../../shared/schemas/call';
import { api } from './api';
import type { LiveStatus } from './live';

export interface LiveCalls {
  calls: CallView[];
  status: LiveStatus;
}

export function useLiveCalls(enabled = true): LiveCalls {
  const [calls, setCalls] = useState<Map<number, CallView>>(new Map());
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let feed = new LiveFeed(0);
    let socket: Socket | null = null;

    const apply = (call: CallView) =>
      setCalls((prev) => {
        const cur = prev.get(call.id);
        if (cur && cur.version >= call.version) return prev;
        const next = new Map(prev);
        next.set(call.id, call);
        return next;
      });

    const loadSnapshot = async () => {
      const snap = await api<CallListAnswer>('GET', '/api/calls');
      if (cancelled) return;
      feed = new LiveFeed(snap.seq);
      setCalls(new Map(snap.calls.map((c) => [c.id, c])));
    };

    void loadSnapshot()
      .catch(() => undefined)
      .then(() => {
        if (cancelled) return;
        socket = io({ transports: ['websocket', 'polling'], auth: (cb) => cb({ lastSeq: feed.lastSeq }), reconnectionDelay: 500, reconnectionDelayMax: 5000 });
        socket.on('ready', () => setStatus('live'));
        socket.on('disconnect', () => setStatus('reconnecting'));
        socket.on('connect_error', () => setStatus('reconnecting'));
        socket.on('resync', () => void loadSnapshot());
        socket.on('event', (e: LiveEvent<{ call?: CallView }>) => {
          if (!feed.accept(e) || !e.type.startsWith('call.') || !e.data?.call) return;
          apply(e.data.call);
        });
      });
    return () => {
      cancelled = true;
      socket?.close();
    };
  }, [enabled]);

  return { calls: [...calls.values()], status };
}

/** Waiting for an operator: inbound, not ended, nobody took it yet. */
export const isWaiting = (c: CallView) => c.direction === 'inbound' && !c.endedAt && c.claimedBy === null;
/** The user's own live call (taken, or placed by them). */
export const isMine = (c: CallView, userId: number) => !c.endedAt && (c.claimedBy === userId || c.requestedBy === userId);
/** An abandoned call nobody has called back yet. */
export const needsCallback = (c: CallView) => c.status === 'abandoned' && c.callbackCallId === null;
