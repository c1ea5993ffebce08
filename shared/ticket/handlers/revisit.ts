/** Revisit (回访): unreachable attempts and the outcome (PRODUCT.md §3; 003, 001 二.1). */
import { DEFAULT_REVISIT_ATTEMPTS } from '../../clock/policy-schema';
import { leadUnitOf, revisitSucceeded } from '../rules';
import { restartHandling, ruleViolation, type Handler } from './handler';

/**
 * PRODUCT.md §3: unreachable after `maxRevisitAttempts` (3) attempts at different times → archived
 * as "unreachable". "Different times" = at least `revisitAttemptGapMinutes` (60) after the
 * previous attempt; the attempt's time is the server's `now`.
 */
export const recordRevisitAttempt: Handler<'record_revisit_attempt'> = ({ before, draft, input, ctx }) => {
  const gapMinutes = ctx.revisitAttemptGapMinutes ?? DEFAULT_REVISIT_ATTEMPTS.minGapMinutes;
  const last = before.revisitAttempts.at(-1);
  if (last && ctx.now.getTime() - new Date(last.at).getTime() < gapMinutes * 60_000) {
    ruleViolation(`回访须在不同时间进行：距上次未接通不足${gapMinutes}分钟`);
  }
  const attempt = { at: ctx.now.toISOString(), reached: input.reached, note: input.note };
  draft.revisitAttempts.push(attempt);
  const maxAttempts = Math.max(1, ctx.maxRevisitAttempts ?? DEFAULT_REVISIT_ATTEMPTS.max);
  if (draft.revisitAttempts.length >= maxAttempts) {
    draft.state = 'archived';
    draft.archivedAs = 'unreachable';
  }
  return {
    type: 'ticket.revisit_attempted',
    payload: { ...attempt, attempts: draft.revisitAttempts.length, maxAttempts, archivedAs: draft.archivedAs },
  };
};

/**
 * PRODUCT.md §3: resolved and not dissatisfied → archived. Otherwise dispatched again to the same
 * lead unit as round + 1 with the warning flag (001 二.1 预警工单, 再次处置), clocks restarting.
 */
export const recordRevisit: Handler<'record_revisit'> = ({ before, draft, input, ctx }) => {
  const revisit = { ...input, at: ctx.now.toISOString() };
  if (revisitSucceeded(input.resolved, input.satisfaction)) {
    draft.revisit = revisit;
    draft.state = 'archived';
    draft.archivedAs = 'resolved';
    return { type: 'ticket.revisited', payload: { revisit, outcome: 'archived', round: before.round } };
  }
  const leadUnitId = leadUnitOf(before);
  draft.round = before.round + 1;
  draft.flags.warning = true;
  restartHandling(draft, leadUnitId, ctx.now);
  return {
    type: 'ticket.revisited',
    payload: { revisit, outcome: 'redispatched', round: draft.round, leadUnitId },
  };
};
