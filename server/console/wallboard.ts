/**
 * The supervisor wallboard (PRODUCT.md §7), computed from the database on every request: nothing is
 * accumulated in a browser or in memory, so a board left open all day (or a second server
 * process) always shows the same numbers. "Today" and "this month" are Shanghai days
 * (shared/calendar/shanghai.ts), whatever the server's zone.
 */
import { desc, sql } from 'drizzle-orm';
import { recordTransactionOwner, rowsOf, type Db, type Queryable } from '../../db/client';
import { clusters } from '../../db/schema';
import { yearsAwaitingSchedule } from '../../shared/calendar/schedule-notice';
import { shanghaiDate, startOfShanghaiDay } from '../../shared/calendar/shanghai';
import { PRESENCE_STATUSES, type PresenceStatus } from '../../shared/schemas/presence';
import type { SatisfactionFigures, WallboardSnapshot } from '../../shared/schemas/wallboard';
import { OPEN_STATES } from '../../shared/ticket/machine';
import { loadCalendar } from '../clock/calendar';
import { presentCluster } from '../repeats/present';
import { currentRepeatSettings, MINUTE_MS } from '../repeats/settings';
import { staffingNow } from '../staffing/staffing-now';
import { callStats } from '../telephony/call-stats';
import { listPresence } from './presence';
import { abandonedToCallBack, openSupervisions, ticketQueueCounts } from './queue-counts';

type Row = Record<string, string | number | null>;
const n = (v: string | number | null | undefined) => Number(v ?? 0);

/** How long one snapshot serves every screen that asks, while no event has happened since. */
export const WALLBOARD_REUSE_MS = 2000;

interface Cached {
  db: Db;
  asOf: number;
  seq: number;
  snapshot: Promise<WallboardSnapshot>;
}
let cached: Cached | null = null;

/**
 * The snapshot, shared by every wallboard that asks within 2 s with no new event: all screens
 * re-read at once after an event, and the board holds nothing per user, so N screens cost one
 * read (≈0.2 s on PGlite with 200,000 events), not N.
 */
export async function sharedWallboardSnapshot(db: Db, now: Date): Promise<WallboardSnapshot> {
  const [pos] = await rowsOf<{ seq: string | number | null }>(db, sql`select max(seq) as seq from events`);
  const seq = n(pos?.seq);
  const c = cached;
  if (c && c.db === db && c.seq === seq && Math.abs(now.getTime() - c.asOf) < WALLBOARD_REUSE_MS) return c.snapshot;
  const snapshot = wallboardSnapshot(db, now);
  cached = { db, asOf: now.getTime(), seq, snapshot };
  snapshot.catch(() => {
    if (cached?.snapshot === snapshot) cached = null;
  });
  return snapshot;
}

export async function wallboardSnapshot(db: Db, now: Date): Promise<WallboardSnapshot> {
  // One read-only transaction: every figure from the same moment of the database.
  return db.transaction(
    (tx) => {
      // The caches of reference data and today's staffing plan key on the database, not this transaction.
      recordTransactionOwner(tx, db);
      return snapshotIn(tx, now);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

async function snapshotIn(db: Queryable, now: Date): Promise<WallboardSnapshot> {
  // Read the stream position first: any event after it makes the screen read again.
  const [pos] = await rowsOf<{ seq: string | number | null }>(db, sql`select max(seq) as seq from events`);
  const day = shanghaiDate(now);
  const dayStart = startOfShanghaiDay(day);
  const monthStart = startOfShanghaiDay(`${day.slice(0, 7)}-01`);
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const since = (d: Date) => sql`${d.toISOString()}::timestamptz`;

  // Sequential: a transaction is one connection.
  const calls = await callStats(db, dayStart, now);
  const oldest = await rowsOf<{ at: string | Date | null }>(
    db,
    sql`select min(queued_at) as at from calls where direction = 'inbound' and status = 'queued' and queued_at <= ${nowSql}`,
  );
  const presence = await listPresence(db);
  const queues = await ticketQueueCounts(db);
  const abandoned = await abandonedToCallBack(db, now);
  const supervision = await openSupervisions(db);
  const states = await rowsOf<Row>(
    db,
    sql`select
          count(*) filter (where state = 'registered') as registered,
          count(*) filter (where state = 'dispatched') as dispatched,
          count(*) filter (where state = 'in_progress') as in_progress,
          count(*) filter (where state = 'replied') as replied,
          count(*) filter (where due_at is not null and due_at >= ${nowSql} and coalesce(light, 'normal') = 'normal') as normal,
          count(*) filter (where due_at is not null and due_at >= ${nowSql} and light = 'warning') as warning,
          count(*) filter (where due_at is not null and due_at >= ${nowSql} and light = 'yellow') as yellow,
          count(*) filter (where due_at is not null and due_at >= ${nowSql} and light in ('red', 'overdue')) as red,
          count(*) filter (where due_at is not null and due_at < ${nowSql}) as overdue,
          count(*) filter (where state = 'replied' and due_at < ${nowSql}) as revisit_overdue
        from tickets where state in ${[...OPEN_STATES]}`,
  );
  const today = await rowsOf<Row>(
    db,
    sql`select
          (select count(*) from tickets where created_at >= ${since(dayStart)} and created_at <= ${nowSql}) as registered,
          (select count(*) from tickets t where t.created_at >= ${since(dayStart)} and t.created_at <= ${nowSql}
             and exists (select 1 from calls c where c.ticket_id = t.id)) as from_calls,
          count(distinct ticket_id) filter (where type = 'ticket.dispatched') as dispatched,
          count(*) filter (where type = 'ticket.closed_on_call') as closed_on_call,
          count(*) filter (where to_state = 'archived' and from_state <> 'archived') as archived
        from events where at >= ${since(dayStart)} and at <= ${nowSql} and ticket_id is not null`,
  );
  const overdue = await rowsOf<{ unit_id: number; unit_name: string; n: string | number }>(
    db,
    sql`select t.lead_unit_id as unit_id, u.name as unit_name, count(*) as n
        from tickets t join units u on u.id = t.lead_unit_id
        where t.state in ('dispatched', 'in_progress') and t.due_at < ${nowSql}
        group by t.lead_unit_id, u.name order by n desc, u.name limit 12`,
  );
  // 002 不纳入测评 / 客观件: excluded from satisfaction figures.
  const satisfaction = await rowsOf<Row & { today: boolean | string }>(
    db,
    sql`select e.at >= ${since(dayStart)} as today, e.payload->'revisit'->>'satisfaction' as satisfaction, count(*) as n
        from events e join tickets t on t.id = e.ticket_id
        where e.type = 'ticket.revisited' and e.at >= ${since(monthStart)} and e.at <= ${nowSql}
          and coalesce(t.detail->'flags'->>'notCounted', 'false') <> 'true'
          and coalesce(t.detail->'flags'->>'objectiveCase', 'false') <> 'true'
        group by 1, 2`,
  );
  const clusterRows = await db.select().from(clusters).orderBy(desc(clusters.lastAt)).limit(50);
  const settings = await currentRepeatSettings(db);

  const s = states[0] ?? {};
  const d = today[0] ?? {};
  const counts = Object.fromEntries(PRESENCE_STATUSES.map((st) => [st, 0])) as Record<PresenceStatus, number>;
  for (const p of presence) counts[p.status]++;
  const windowMs = settings.settings.clusterWindowMinutes * MINUTE_MS;
  const oldestAt = oldest[0]?.at ? new Date(oldest[0].at) : null;

  const calendar = await loadCalendar(db);
  const staffing = await staffingNow(db, now, calendar, counts);
  return {
    asOf: now.toISOString(),
    day,
    calendarAwaiting: yearsAwaitingSchedule(now, calendar.yearStatus),
    seq: n(pos?.seq),
    calls: { ...calls, oldestQueuedAt: oldestAt?.toISOString() ?? null },
    operators: { counts, list: presence },
    tickets: {
      byState: { registered: n(s.registered), dispatched: n(s.dispatched), in_progress: n(s.in_progress), replied: n(s.replied) },
      byLight: { normal: n(s.normal), warning: n(s.warning), yellow: n(s.yellow), red: n(s.red), overdue: n(s.overdue) },
      today: {
        registered: n(d.registered),
        fromCalls: n(d.from_calls),
        dispatched: n(d.dispatched),
        closedOnCall: n(d.closed_on_call),
        archived: n(d.archived),
      },
    },
    queues: { ...queues, waiting_calls: calls.waitingNow, abandoned_calls: abandoned, supervision_open: supervision },
    overdueByUnit: overdue.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, count: n(r.n) })),
    revisit: { backlog: n(s.replied), overdue: n(s.revisit_overdue) },
    satisfaction: { today: figures(satisfaction.filter((r) => r.today === true || r.today === 't')), month: figures(satisfaction) },
    clusters: clusterRows
      .map((r) => presentCluster(r, windowMs, now))
      .filter((c) => c.active)
      .map((c) => ({
        id: c.id,
        categoryCode: c.categoryCode,
        categoryLabel: c.categoryLabel,
        placeName: c.place.name,
        callerCount: c.callerCount,
        lastAt: c.lastAt,
        activeUntil: c.activeUntil,
      })),
    staffing,
  };
}

function figures(rows: Row[]): SatisfactionFigures {
  const count = (k: string) => rows.filter((r) => r.satisfaction === k).reduce((sum, r) => sum + n(r.n), 0);
  const satisfied = count('satisfied');
  const basicallySatisfied = count('basically_satisfied');
  const dissatisfied = count('dissatisfied');
  const evaluated = satisfied + basicallySatisfied + dissatisfied;
  return { evaluated, satisfied, basicallySatisfied, dissatisfied, rate: evaluated === 0 ? null : (satisfied + basicallySatisfied) / evaluated };
}
