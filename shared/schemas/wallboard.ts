/** Issue 4 (PRODUCT.md §7): the supervisor wallboard's snapshot, every figure derived from the database. */
import { z } from 'zod';
import { OTHER_QUEUES, TICKET_QUEUES } from '../console/queues';
import { ZCallStatsSchema } from './call';
import { PRESENCE_STATUSES, ZPresenceViewSchema } from './presence';

const count = z.number().int().min(0);

export const ZSatisfactionFiguresSchema = z.object({
  /** Revisits recorded in the period, not counting tickets excluded from evaluation (002). */
  evaluated: count,
  satisfied: count,
  basicallySatisfied: count,
  dissatisfied: count,
  /** (satisfied + basically satisfied) / evaluated; null with none. */
  rate: z.number().nullable(),
});
export type SatisfactionFigures = z.output<typeof ZSatisfactionFiguresSchema>;

export const ZClusterAlertViewSchema = z.object({
  id: z.number().int(),
  categoryCode: z.string(),
  categoryLabel: z.string(),
  placeName: z.string(),
  callerCount: count,
  lastAt: z.string(),
  activeUntil: z.string(),
});
export type ClusterAlertView = z.output<typeof ZClusterAlertViewSchema>;

/** Issue 18.4: operators on the phones now against those this half-hour needs; today's forecast against today's calls. */
export const ZStaffingNowSchema = z.object({
  /** This half-hour (0 = 00:00–00:30 Shanghai). */
  slot: z.number().int(),
  /** Operators signed in and on the phones: available, on a call or in wrap-up. */
  operatorsNow: count,
  /** Of them, free to take the next call. */
  availableNow: count,
  /** Operators this half-hour's forecast needs on the phones (Erlang C, or A with abandonment data). */
  requiredNow: z.number(),
  /** Calls forecast for this half-hour. */
  forecastNow: z.number(),
  /** Today's forecast calls: the whole day, and up to now. */
  forecastToday: z.number(),
  forecastSoFar: z.number(),
  /** Calls offered today so far. */
  actualToday: count,
  ahtSeconds: z.number(),
  /** Per half-hour: today's forecast (48) and today's calls so far. */
  forecastSlots: z.array(z.number()),
  actualSlots: z.array(z.number()),
});
export type StaffingNow = z.output<typeof ZStaffingNowSchema>;

/** GET /api/wallboard. */
export const ZWallboardSnapshotSchema = z.object({
  /** The server's clock: screens tick the longest wait from it. */
  asOf: z.string(),
  /** The Shanghai day the "today" figures count (YYYY-MM-DD). */
  day: z.string(),
  /** The event stream position the snapshot reflects. */
  seq: z.number().int().min(0),
  /** Years whose holidays are computed and whose published schedule supervisors should confirm now (issue 15). */
  calendarAwaiting: z.array(z.number().int()),
  calls: ZCallStatsSchema.extend({ oldestQueuedAt: z.string().nullable() }),
  operators: z.object({ counts: z.record(z.enum(PRESENCE_STATUSES), count), list: z.array(ZPresenceViewSchema) }),
  tickets: z.object({
    /** Open tickets by state. */
    byState: z.record(z.enum(['registered', 'dispatched', 'in_progress', 'replied']), count),
    /** Open tickets with a running clock by its light (overdue when past due now). */
    byLight: z.record(z.enum(['normal', 'warning', 'yellow', 'red', 'overdue']), count),
    /** Today's records; `fromCalls` of them taken from a call, the rest typed in (walk-ins, 12345, Open311, no call linked). */
    today: z.object({ registered: count, fromCalls: count, dispatched: count, closedOnCall: count, archived: count }),
  }),
  queues: z.record(z.enum([...TICKET_QUEUES, ...OTHER_QUEUES]), count),
  /** Open tickets past their running clock's due time, by lead unit, most first. */
  overdueByUnit: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), count })),
  revisit: z.object({ backlog: count, overdue: count }),
  satisfaction: z.object({ today: ZSatisfactionFiguresSchema, month: ZSatisfactionFiguresSchema }),
  clusters: z.array(ZClusterAlertViewSchema),
  staffing: ZStaffingNowSchema,
});
export type WallboardSnapshot = z.output<typeof ZWallboardSnapshotSchema>;

/** Event types that move a wallboard figure (the client re-reads the snapshot on them). */
export const WALLBOARD_EVENT_PREFIXES = ['ticket.', 'call.', 'presence.', 'cluster.', 'supervision.', 'calendar.'] as const;
