import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client';
import { shanghaiDate } from '../../shared/calendar/shanghai';
import { SUPERVISION_PREFIX } from '../../shared/supervision/types';

/** DB2026-0012: one atomic upsert per sheet, so concurrent openings never share a number. */
export async function nextSupervisionNumber(tx: Tx, now: Date): Promise<string> {
  const year = shanghaiDate(now).slice(0, 4);
  const [row] = await rowsOf<{ last: number }>(
    tx,
    sql`insert into supervision_counters (year, last) values (${year}, 1)
        on conflict (year) do update set last = supervision_counters.last + 1
        returning last`,
  );
  if (!row) throw new Error('supervision counter returned no row');
  return `${SUPERVISION_PREFIX}${year}-${String(row.last).padStart(4, '0')}`;
}
