/**
 * The intake form's kept draft (lib/intake-draft): restored once when the form mounts, written on
 * every change, dropped when the record is saved. The operator page restores the call the draft
 * names; `isRestoredCall` tells the form not to prefill that call's number over what was typed.
 */
import type { FormInstance } from 'antd';
import { useEffect, useRef, type RefObject } from 'react';
import type { LinkedCall } from '../components/incoming-calls';
import { clearDraft, loadDraft, saveDraft } from '../lib/intake-draft';
import { useSession } from '../lib/session';

interface Touched {
  units: boolean;
  category: boolean;
}

export interface KeptDraft<V> {
  keep(values: V, startedAt: Date | null, call: LinkedCall | null): void;
  clear(): void;
  /** The kept draft still names a call (to drop it when the operator lets go of the call). */
  linksCall(): boolean;
  isRestoredCall(callId: number): boolean;
}

/** What a restored draft gives back to the form, which sets its own refs from it. */
export interface RestoredDraft {
  startedAt: Date | null;
  key: string;
  touched: Touched;
}

export function useKeptDraft<V extends object>(
  form: FormInstance<V>,
  refs: { key: RefObject<string>; touched: RefObject<Touched> },
  onRestored: (restored: RestoredDraft) => void,
): KeptDraft<V> {
  const { user } = useSession();
  const userId = user?.id ?? 0;
  const restoredCall = useRef<number | null>(null);
  useEffect(() => {
    const draft = loadDraft(userId);
    if (!draft) return;
    restoredCall.current = draft.call?.id ?? null;
    form.setFieldsValue(draft.values as Parameters<FormInstance<V>['setFieldsValue']>[0]);
    onRestored({ startedAt: draft.startedAt ? new Date(draft.startedAt) : null, key: draft.key, touched: draft.touched });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId]);
  return {
    keep: (values, startedAt, call) =>
      saveDraft(userId, {
        values: { ...values } as Record<string, unknown>,
        key: refs.key.current,
        startedAt: startedAt?.toISOString() ?? null,
        touched: { ...refs.touched.current },
        call,
      }),
    clear: () => clearDraft(userId),
    linksCall: () => Boolean(loadDraft(userId)?.call),
    isRestoredCall: (callId) => callId === restoredCall.current,
  };
}
