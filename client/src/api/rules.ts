/**
 * The dispatch rule table (000 四) and the repeat / cluster settings (PRODUCT.md §5), versioned by
 * supervisors. The rules page decides itself what a newer version means for an open edit, so
 * events do not read these again; suggestions follow the table (they are read again).
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../../shared/live/feed';
import type {
  TDispatchRuleTableInput,
  TRepeatSettings,
  TRepeatSettingsAnswer,
  TRepeatSettingsPublishAnswer,
  TRulePublishAnswer,
  TRuleTableView,
  TRuleVersion,
} from '../../../shared/schemas/rules';
import { api } from '../lib/api';
import { keys } from './keys';

export const RULES_VERSIONED_EVENT = 'dispatch_rules.versioned';

export const ruleTableQuery = queryOptions({
  queryKey: keys.rules.latest,
  queryFn: () => api<TRuleTableView>('GET', '/api/dispatch-rules/versions/latest'),
});

export const ruleVersionsQuery = queryOptions({
  queryKey: keys.rules.versions,
  queryFn: () => api<TRuleVersion[]>('GET', '/api/dispatch-rules/versions'),
});

export const repeatSettingsQuery = queryOptions({
  queryKey: keys.rules.repeatSettings,
  queryFn: () => api<TRepeatSettingsAnswer>('GET', '/api/repeat-settings'),
});

export function rulesOnEvent(qc: QueryClient, e: LiveEvent): void {
  // The classifier suggests units from the table in force.
  if (e.type === RULES_VERSIONED_EVENT) void qc.invalidateQueries({ queryKey: keys.suggest.all });
}

/** Read the table and its history again (after a publish, a conflict, or when asked). */
export const reloadRules = (qc: QueryClient) => qc.invalidateQueries({ queryKey: keys.rules.all, predicate: (q) => q.queryKey[1] !== 'repeat-settings' });

/** POST /api/dispatch-rules: a new version, based on the one edited (409 when someone was faster). */
export async function publishRules(qc: QueryClient, input: TDispatchRuleTableInput): Promise<TRulePublishAnswer> {
  const answer = await api<TRulePublishAnswer>('POST', '/api/dispatch-rules', input);
  await reloadRules(qc);
  void qc.invalidateQueries({ queryKey: keys.suggest.all });
  return answer;
}

/** POST /api/repeat-settings. */
export async function publishRepeatSettings(qc: QueryClient, input: TRepeatSettings): Promise<TRepeatSettingsPublishAnswer> {
  const answer = await api<TRepeatSettingsPublishAnswer>('POST', '/api/repeat-settings', input);
  await qc.invalidateQueries({ queryKey: keys.rules.repeatSettings });
  return answer;
}
