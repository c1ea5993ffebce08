/** Issue 4 (SPEC 7): operator presence, set by the operator and derived from their console's connections. */
import { z } from 'zod';

/** SPEC 7 "operators by status". `offline` is never chosen: it is having no console open. */
export const PRESENCE_STATUSES = ['available', 'on_call', 'wrap_up', 'break', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];
export const CHOSEN_STATUSES = ['available', 'on_call', 'wrap_up', 'break'] as const;
export type ChosenStatus = (typeof CHOSEN_STATUSES)[number];

export const ZPresenceInputSchema = z.object({
  status: z.enum(CHOSEN_STATUSES, { error: '状态应为：空闲、通话中、话后处理或小休' }),
});

export interface PresenceView {
  userId: number;
  displayName: string;
  status: PresenceStatus;
  since: string;
  version: number;
}

export const PRESENCE_CHANGED_EVENT = 'presence.changed';
