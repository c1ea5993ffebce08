/**
 * The search's plans on a table that looks like a line's history (the bench's generator), after
 * ANALYZE: a word in a fifth of all descriptions is answered by reading the newest tickets in order
 * and stopping at the page, not by collecting every match through the bigram index and sorting them
 * (0.5 s at 200,000 tickets). The index is partial (migration 0020) and PostgreSQL takes no
 * statistics from a partial index; the statistics object of migration 0022 gives the planner the
 * words' frequencies back. Without it this test fails. On both engines.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../db/client';
import { parseSearchQuery } from '../../shared/search/parse-query';
import { engineName, openTestDatabase } from '../../test/support/db';
import { GENERATE_TICKETS } from '../bench/million-tickets';
import { ensureDefaultPolicies } from '../clock/policies';
import { seedDemo } from '../demo/seed-demo';
import { searchStatement } from './search-tickets';

const operator = { id: 1, username: 'operator', displayName: '接线员', roles: ['operator' as const], unitId: null };

describe(`search plans on a line's history (${engineName()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { password: 'hotline-demo' });
    await ensureDefaultPolicies(database.db);
    await database.db.execute(sql.raw(GENERATE_TICKETS.replace('$1::int', '5000')));
    await database.db.execute(sql`analyze tickets`);
  });
  afterAll(() => database.close());

  const plan = async (q: string) => {
    const parsed = parseSearchQuery(q);
    if (parsed.kind === 'invalid') throw new Error(parsed.message);
    const rows = await rowsOf<{ 'QUERY PLAN': string }>(database.db, sql`explain ${searchStatement(database.db, operator, parsed, 20)}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  };

  it('reads the newest tickets in order for a common word, and uses the bigram index for a rare one', async () => {
    const [share] = await rowsOf<{ share: number }>(database.db, sql`select avg((strpos(description, '油烟') > 0)::int)::float as share from tickets`);
    expect(share!.share).toBeGreaterThan(0.1);
    const common = await plan('油烟');
    expect(common).toContain('tickets_pkey');
    expect(common).not.toContain('tickets_search_idx');
    expect(await plan('九亭镇涞坊路0弄0号')).toContain('tickets_search_idx');
  });
});
