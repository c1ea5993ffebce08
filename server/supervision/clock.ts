/**
 * The supervision reply clock (PRODUCT.md §4 table: "written supervision reply — supervision opened —
 * 5 working days (004)"), from the ticket's SLA policy version; derived from stored timestamps.
 */
import type { Queryable } from '../../db/client';
import type { WorkCalendar } from '../../shared/calendar/types';
import { clockDue, computeClock } from '../../shared/clock/clocks';
import { DEFAULT_POLICIES } from '../../shared/clock/default-policies';
import type { TSlaPolicy } from '../../shared/clock/policy-schema';
import type { Light } from '../../shared/domain';
import { policyVersion } from '../clock/policies';

/**
 * The policy the sheet's clock follows: the ticket's version, or the line's default when a
 * supervisor's custom policy has no supervision clock (004 三(一)2 applies to every sheet).
 */
export async function supervisionPolicy(db: Queryable, code: string, version: number): Promise<TSlaPolicy> {
  const policy = await policyVersion(db, code, version);
  return policy.clocks.supervision_reply ? policy : DEFAULT_POLICIES.hotline_default;
}

export function supervisionDue(startedAt: Date, policy: TSlaPolicy, calendar: WorkCalendar): Date {
  return clockDue({ kind: 'supervision_reply', startedAt, policy, calendar });
}

export interface SupervisionClockRow {
  state: string;
  startedAt: Date;
  dueAt: Date;
  firstRepliedAt: Date | null;
  closedAt: Date | null;
}

/**
 * The light now, or frozen once the unit answered (or the sheet ended without an answer).
 * `firstRepliedAt` is the answer that stands: a reply that is a result, not 正在处置, and not
 * sent back since (a sent-back sheet runs again against the same due time). onTime: that answer
 * came by the due time; null while it may still.
 */
export function supervisionClock(row: SupervisionClockRow, policy: TSlaPolicy, calendar: WorkCalendar, now: Date): { light: Light; onTime: boolean | null } {
  const stoppedAt = row.firstRepliedAt ?? (row.state === 'open' || row.state === 'replied' ? null : row.closedAt);
  const clock = computeClock({ kind: 'supervision_reply', startedAt: row.startedAt, policy, calendar, now, extendedDue: row.dueAt, stoppedAt });
  const onTime = row.firstRepliedAt ? row.firstRepliedAt.getTime() <= row.dueAt.getTime() : now.getTime() > row.dueAt.getTime() ? false : null;
  return { light: clock.light, onTime };
}
