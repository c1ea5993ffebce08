/** Issue 4 (PRODUCT.md §7): the supervisor wallboard's snapshot, every figure derived from the database. */
import type { QueueKey } from '../console/queues';
import type { CallStats } from './call';
import type { PresenceStatus, PresenceView } from './presence';

export interface SatisfactionFigures {
  /** Revisits recorded in the period, not counting tickets excluded from evaluation (002). */
  evaluated: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  /** (satisfied + basically satisfied) / evaluated; null with none. */
  rate: number | null;
}

export interface ClusterAlertView {
  id: number;
  categoryCode: string;
  categoryLabel: string;
  placeName: string;
  callerCount: number;
  lastAt: string;
  activeUntil: string;
}

export interface WallboardSnapshot {
  /** The server's clock: screens tick the longest wait from it. */
  asOf: string;
  /** The Shanghai day the "today" figures count (YYYY-MM-DD). */
  day: string;
  /** The event stream position the snapshot reflects. */
  seq: number;
  /** Years whose holidays are computed and whose published schedule supervisors should confirm now (issue 15). */
  calendarAwaiting: number[];
  calls: CallStats & { oldestQueuedAt: string | null };
  operators: { counts: Record<PresenceStatus, number>; list: PresenceView[] };
  tickets: {
    /** Open tickets by state. */
    byState: Record<'registered' | 'dispatched' | 'in_progress' | 'replied', number>;
    /** Open tickets with a running clock by its light (overdue when past due now). */
    byLight: Record<'normal' | 'warning' | 'yellow' | 'red' | 'overdue', number>;
    /** Today's records; `fromCalls` of them taken from a call, the rest typed in (walk-ins, 12345, Open311, no call linked). */
    today: { registered: number; fromCalls: number; dispatched: number; closedOnCall: number; archived: number };
  };
  queues: Record<QueueKey, number>;
  /** Open tickets past their running clock's due time, by lead unit, most first. */
  overdueByUnit: { unitId: number; unitName: string; count: number }[];
  revisit: { backlog: number; overdue: number };
  satisfaction: { today: SatisfactionFigures; month: SatisfactionFigures };
  clusters: ClusterAlertView[];
  staffing: StaffingNow;
}

/** Issue 18.4: operators on the phones now against those this half-hour needs; today's forecast against today's calls. */
export interface StaffingNow {
  /** This half-hour (0 = 00:00–00:30 Shanghai). */
  slot: number;
  /** Operators signed in and on the phones: available, on a call or in wrap-up. */
  operatorsNow: number;
  /** Of them, free to take the next call. */
  availableNow: number;
  /** Operators this half-hour's forecast needs on the phones (Erlang C, or A with abandonment data). */
  requiredNow: number;
  /** Calls forecast for this half-hour. */
  forecastNow: number;
  /** Today's forecast calls: the whole day, and up to now. */
  forecastToday: number;
  forecastSoFar: number;
  /** Calls offered today so far. */
  actualToday: number;
  ahtSeconds: number;
  /** Per half-hour: today's forecast (48) and today's calls so far. */
  forecastSlots: number[];
  actualSlots: number[];
}

/** Event types that move a wallboard figure (the client re-reads the snapshot on them). */
export const WALLBOARD_EVENT_PREFIXES = ['ticket.', 'call.', 'presence.', 'cluster.', 'supervision.', 'calendar.'] as const;
