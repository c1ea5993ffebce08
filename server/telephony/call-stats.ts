/**
 * The wallboard's call figures (PRODUCT.md §7): today's offered, answered and abandoned calls, the
 * service level (answered within 20 s), average speed of answer, and the queue right now.
 *
 * offered = inbound calls that reached the operators' queue in [dayStart, now); service level =
 * answered within the target / offered (abandoned calls count against it, as the line's
 * callers experience it).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../../db/client';
import type { CallStats } from '../../shared/schemas/call';

export const SERVICE_LEVEL_TARGET_SECONDS = 20;

interface Row {
  offered: string | number;
  answered: string | number;
  abandoned: string | number;
  within: string | number;
  asa: string | number | null;
  waiting: string | number;
  oldest: string | Date | null;
}

export async function callStats(db: Queryable, dayStart: Date, now: Date, targetSeconds = SERVICE_LEVEL_TARGET_SECONDS): Promise<CallStats> {
  const from = sql`${dayStart.toISOString()}::timestamptz`;
  const to = sql`${now.toISOString()}::timestamptz`;
  const today = sql`queued_at >= ${from} and queued_at < ${to}`;
  const [r] = await rowsOf<Row>(
    db,
    sql`select
          count(*) filter (where ${today}) as offered,
          count(*) filter (where ${today} and answered_at is not null) as answered,
          count(*) filter (where ${today} and status = 'abandoned') as abandoned,
          count(*) filter (where ${today} and answered_at is not null and wait_seconds <= ${targetSeconds}) as within,
          avg(wait_seconds) filter (where ${today} and answered_at is not null) as asa,
          count(*) filter (where status = 'queued' and queued_at <= ${to}) as waiting,
          min(queued_at) filter (where status = 'queued' and queued_at <= ${to}) as oldest
        from calls
        where direction = 'inbound'`,
  );
  const n = (v: string | number | null | undefined) => Number(v ?? 0);
  const offered = n(r?.offered);
  const within = n(r?.within);
  const oldest = r?.oldest ? new Date(r.oldest) : null;
  return {
    offered,
    answered: n(r?.answered),
    abandoned: n(r?.abandoned),
    answeredWithinTarget: within,
    serviceLevel: offered === 0 ? null : within / offered,
    averageSpeedOfAnswer: r?.asa === null || r?.asa === undefined ? null : Math.round(Number(r.asa) * 10) / 10,
    waitingNow: n(r?.waiting),
    longestWaitSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null,
    targetSeconds,
  };
}
