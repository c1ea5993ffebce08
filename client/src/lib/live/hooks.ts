/** React's view of the tab's live connection: its status, and events for a screen's own reactions. */
import { useCallback, useEffect, useEffectEvent, useSyncExternalStore } from 'react';
import type { LiveEvent } from '../../../../shared/live/feed';
import { liveConnection, type LiveStatus } from './connection';

/** The connection's status (opens the socket). */
export function useLiveStatus(): LiveStatus {
  const connection = liveConnection();
  useEffect(() => connection.start(), [connection]);
  const subscribe = useCallback((cb: () => void) => connection.onStatus(cb), [connection]);
  const status = useCallback(() => connection.status, [connection]);
  return useSyncExternalStore(subscribe, status, status);
}

/**
 * Calls `handler` with every new live event while the component is mounted (alerts, highlights,
 * a screen's own reactions). Caches follow events by themselves: this is for anything else.
 */
export function useLiveEvent(handler: (event: LiveEvent) => void): void {
  const onEvent = useEffectEvent(handler);
  useEffect(() => {
    const connection = liveConnection();
    connection.start();
    return connection.onEvent((e) => onEvent(e));
  }, []);
}
