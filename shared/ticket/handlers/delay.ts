/** Delay explanation (说明原因) and extension (PRODUCT.md §3). */
import { formatShanghai } from '../../calendar/shanghai';
import { AppError } from '../../errors';
import { replyDueAt } from '../rules';
import { isoOf, newRequest, ruleViolation, takeRequest, unitOf, type Handler } from './handler';

/**
 * PRODUCT.md §3: a unit that cannot finish in time must say why before the due time. The
 * explanation is kept (delayExplanations) and opens an extension request for the supervisor.
 */
export const explainDelay: Handler<'explain_delay'> = ({ before, draft, input, actor, ctx }) => {
  const unitId = unitOf(actor);
  const due = replyDueAt(before, ctx);
  if (ctx.now.getTime() > due.getTime()) {
    ruleViolation(`答复时限（${formatShanghai(due, 'minute')}）已过，须在到期前说明原因`);
  }
  const requestedDue = input.requestedDue === undefined ? undefined : isoOf(input.requestedDue);
  if (requestedDue !== undefined && new Date(requestedDue).getTime() <= due.getTime()) {
    ruleViolation(`申请的到期时间须晚于当前到期时间（${formatShanghai(due, 'minute')}）`);
  }
  const at = ctx.now.toISOString();
  draft.delayExplanations.push({ at, unitId, reason: input.reason });
  const request = newRequest(before, 'extension', {
    unitId,
    at,
    reason: input.reason,
    ...(requestedDue === undefined ? {} : { requestedDue }),
  });
  draft.pendingRequests.push(request);
  return {
    type: 'ticket.delay_explained',
    payload: { requestId: request.id, reason: input.reason, requestedDue: requestedDue ?? null, due: due.toISOString(), unitId },
  };
};

/** PRODUCT.md §3: the supervisor grants a new due date (an extension) or not. */
export const decideExtension: Handler<'decide_extension'> = ({ before, draft, input, ctx }) => {
  const request = takeRequest(draft, 'extension');
  const base = { requestId: request.id, approve: input.approve, note: input.note };
  if (!input.approve) return { type: 'ticket.extension_refused', payload: base };

  const chosen = input.newDue ?? request.requestedDue;
  if (chosen === undefined) {
    throw new AppError('validation_failed', '批准延期须填写新的到期时间', { newDue: '批准延期须填写新的到期时间' });
  }
  const newDue = isoOf(chosen);
  const due = replyDueAt(before, ctx);
  if (new Date(newDue).getTime() <= due.getTime()) {
    ruleViolation(`新的到期时间须晚于当前到期时间（${formatShanghai(due, 'minute')}）`);
  }
  draft.extensions.push({ due: newDue, grantedAt: ctx.now.toISOString() });
  return { type: 'ticket.extension_granted', payload: { ...base, newDue } };
};
