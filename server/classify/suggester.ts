/**
 * What `/api/suggest` needs on every keystroke, kept in memory: the process's classifier and the
 * rule table in force. The table is re-read at most once a second (another process may publish
 * a version) and at once after this process publishes one.
 */
import type { Db } from '../../db/client';
import { JIUTING_ADDRESS_BOOK } from '../../db/data/jiuting-addresses';
import { classifierFor } from './classifier-service';
import { loadRuleTable, type RuleTableView } from './rule-table';
import { suggest, type SuggestAnswer, type SuggestRequest } from './suggest';

const TABLE_TTL_MS = 1000;

interface CachedTable {
  table: Promise<RuleTableView>;
  loadedAt: number;
}

const tables = new WeakMap<Db, CachedTable>();

export function currentRuleTable(db: Db): Promise<RuleTableView> {
  const cached = tables.get(db);
  if (cached && Date.now() - cached.loadedAt < TABLE_TTL_MS) return cached.table;
  const table = loadRuleTable(db);
  tables.set(db, { table, loadedAt: Date.now() });
  // A failed read is not cached: the next request tries again.
  table.catch(() => tables.delete(db));
  return table;
}

/** Called after a new rule version commits in this process. */
export function forgetRuleTable(db: Db): void {
  tables.delete(db);
}

export async function suggestFor(db: Db, req: SuggestRequest): Promise<SuggestAnswer> {
  const [classifier, table] = await Promise.all([classifierFor(db).classifier(), currentRuleTable(db)]);
  return suggest({ classifier, table, book: JIUTING_ADDRESS_BOOK }, req);
}
