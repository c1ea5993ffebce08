/**
 * The line's call history as the forecast reads it (issue 18.1): inbound calls offered per Shanghai
 * date and half-hour, and the average handle time measured from answered calls (talk + wrap-up).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../../db/client';
import { startOfShanghaiDay } from '../../shared/calendar/shanghai';
import { SLOTS_PER_DAY, type CallHistory } from '../../shared/staffing/forecast';

/** Offered inbound calls per half-hour of each Shanghai date in [from, to) ('YYYY-MM-DD'). */
export async function loadCallHistory(db: Queryable, from: string, to: string): Promise<Map<string, number[]>> {
  const rows = await rowsOf<{ d: string; s: number | string; n: number | string }>(
    db,
    sql`select to_char(queued_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as d,
               (extract(hour from queued_at at time zone 'Asia/Shanghai') * 2 + floor(extract(minute from queued_at at time zone 'Asia/Shanghai') / 30))::int as s,
               count(*) as n
        from calls
        where direction = 'inbound' and queued_at >= ${startOfShanghaiDay(from).toISOString()}::timestamptz
          and queued_at < ${startOfShanghaiDay(to).toISOString()}::timestamptz
        group by 1, 2`,
  );
  const history = new Map<string, number[]>();
  for (const r of rows) {
    const day = history.get(r.d) ?? new Array<number>(SLOTS_PER_DAY).fill(0);
    day[Number(r.s)] = Number(r.n);
    history.set(r.d, day);
  }
  return history;
}

/** Days between the first and the last date with calls are days of the line: a day with none is a day of zeros, not a gap. */
export function fillQuietDays(history: Map<string, number[]>, from: string, to: string, addDay: (d: string) => string): CallHistory {
  const dates = [...history.keys()].sort();
  const first = dates[0];
  if (!first) return history;
  for (let d = first < from ? from : first; d < to; d = addDay(d)) if (!history.has(d)) history.set(d, new Array<number>(SLOTS_PER_DAY).fill(0));
  return history;
}

/** Average handle time: mean talk of answered inbound calls in [since, until) + the wrap-up; `fallback` when none. */
export async function measureAhtSeconds(db: Queryable, since: Date, until: Date, wrapUpSeconds: number, fallback = 240): Promise<number> {
  const [r] = await rowsOf<{ talk: string | number | null; n: string | number }>(
    db,
    sql`select avg(talk_seconds) as talk, count(*) as n from calls
        where direction = 'inbound' and answered_at is not null and talk_seconds is not null
          and queued_at >= ${since.toISOString()}::timestamptz and queued_at < ${until.toISOString()}::timestamptz`,
  );
  if (!r || Number(r.n) === 0 || r.talk === null) return fallback;
  return Math.round(Number(r.talk) + wrapUpSeconds);
}

/** Mean patience for Erlang A: all waiting time ÷ abandoned calls (none abandoned: undefined, Erlang C). */
export async function measurePatienceSeconds(db: Queryable, since: Date, until: Date): Promise<number | undefined> {
  const [r] = await rowsOf<{ wait: string | number | null; abandoned: string | number }>(
    db,
    sql`select sum(wait_seconds) as wait, count(*) filter (where status = 'abandoned') as abandoned from calls
        where direction = 'inbound' and queued_at >= ${since.toISOString()}::timestamptz and queued_at < ${until.toISOString()}::timestamptz`,
  );
  const abandoned = Number(r?.abandoned ?? 0);
  const wait = Number(r?.wait ?? 0);
  return abandoned > 0 && wait > 0 ? wait / abandoned : undefined;
}
