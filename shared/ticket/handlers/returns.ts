/** Return (退单) and its review (PRODUCT.md §3; 000 三(二), 001 二.2). */
import { formatShanghai } from '../../calendar/shanghai';
import { AppError } from '../../errors';
import { RETURN_NEEDS_VERIFICATION_MESSAGE, returnersWith, returnVerified, returnWindowClosesAt } from '../rules';
import { newRequest, restartHandling, ruleViolation, takeRequest, unitOf, type Handler } from './handler';

/**
 * 000 三(二): within 1 working day of dispatch (3 with on-site determination; the policy's
 * `return_window` clock) the unit asks to return it, with a reason and a suggested unit.
 * The machine already refused designated units and later rounds.
 */
export const requestReturn: Handler<'request_return'> = ({ before, draft, input, actor, ctx }) => {
  const unitId = unitOf(actor);
  const closesAt = returnWindowClosesAt(before, ctx);
  if (ctx.now.getTime() > closesAt.getTime()) {
    // 000 三(二), 001 二.2: the return window; the message says the rule in plain words (issue 16.8).
    ruleViolation(`退单时限已过（截至 ${formatShanghai(closesAt, 'minute')}），逾期不予退单`);
  }
  // 000 二(一): "严禁未经核实，即发起退单" — a contact or a site visit first (policy, on by default).
  if ((ctx.returnNeedsVerification ?? true) && !returnVerified(before)) {
    throw new AppError('return_needs_verification', RETURN_NEEDS_VERIFICATION_MESSAGE);
  }
  if (input.suggestedUnitId === unitId) ruleViolation('建议转派单位不能是本单位');
  const request = newRequest(before, 'return', {
    unitId,
    at: ctx.now.toISOString(),
    reason: input.reason,
    suggestedUnitId: input.suggestedUnitId,
  });
  draft.pendingRequests.push(request);
  return { type: 'ticket.return_requested', payload: { requestId: request.id, ...input, unitId } };
};

/**
 * The supervisor approves (re-dispatch to the new lead unit, clocks restart) or rejects (the
 * ticket stays with the unit, PRODUCT.md §3).
 *
 * 001 二.2 签派 ("针对有两个部门以上退单…报街道主要领导批办") and 001 二.2 "重新派单一次": a
 * return may be approved as a plain re-dispatch only while it is the first unit to return the
 * ticket. If approving would make `returnedByUnitIds` hold two distinct units, the approval is
 * refused (rule_violation) and the supervisor or leader must `designate` the unit, which
 * settles the pending return. So `returnedByUnitIds.length >= 2` implies `designatedUnitId`.
 */
export const decideReturn: Handler<'decide_return'> = ({ before, draft, input, ctx }) => {
  const request = takeRequest(draft, 'return');
  const base = { requestId: request.id, unitId: request.unitId, approve: input.approve, note: input.note };
  if (!input.approve) return { type: 'ticket.return_rejected', payload: base };

  const returners = returnersWith(before, request.unitId);
  if (returners.length >= 2) {
    // 001 二.2: designation after two returns.
    ruleViolation('已有两个不同单位退单，不能直接改派：须由值班长或领导签派承办单位');
  }
  const newLeadUnitId = input.newLeadUnitId;
  if (newLeadUnitId === undefined) throw new Error('schema guarantees newLeadUnitId on approval');
  if (newLeadUnitId === request.unitId) ruleViolation('新的主办单位不能是申请退单的单位');
  draft.returnedByUnitIds = returners;
  restartHandling(draft, newLeadUnitId, ctx.now);
  return { type: 'ticket.return_approved', payload: { ...base, newLeadUnitId } };
};
