/** Registration outcomes and (re-)dispatch: dispatch, close_on_call, designate (PRODUCT.md §3). */
import { returnersWith } from '../rules';
import { pendingRequest } from '../snapshot';
import { restartHandling, type Handler } from './handler';

/**
 * PRODUCT.md §3 dispatch: one lead unit and any assisting units. Dispatching again (a supervisor's
 * correction before the unit accepts) restarts the clocks only when the lead unit changes;
 * changing assisting units or the on-site flag does not give the unit more time.
 */
export const dispatchTicket: Handler<'dispatch'> = ({ before, draft, input, ctx }) => {
  draft.assistUnitIds = input.assistUnitIds;
  draft.onSiteDetermination = input.onSiteDetermination;
  if (before.state === 'registered' || input.leadUnitId !== before.leadUnitId) {
    restartHandling(draft, input.leadUnitId, ctx.now);
  }
  // An emergency override is its own event (server/tickets/commands/emergency-at-dispatch.ts).
  const { emergencyOverride: _override, ...dispatch } = input;
  return {
    type: 'ticket.dispatched',
    payload: { ...dispatch, previousLeadUnitId: before.leadUnitId, round: draft.round },
  };
};

/** 000 三(八), 003 第五条(三): answered, no handling needed, or out of scope — caller told. */
export const closeOnCall: Handler<'close_on_call'> = ({ draft, input }) => {
  draft.state = 'closed_on_call';
  draft.closedReason = input.reason;
  return { type: 'ticket.closed_on_call', payload: { ...input } };
};

/**
 * 001 二.2 签派, 000 二(二) 联合定责: a supervisor or leader names the unit, which then cannot
 * return the ticket. A pending return is settled by the designation: approved (the requester
 * counts as having returned it) when another unit is named, rejected when the requester itself
 * is named. Naming another unit re-dispatches with clocks restarting; naming the current lead
 * leaves the state and clocks as they are.
 */
export const designateUnit: Handler<'designate'> = ({ before, draft, input, ctx }) => {
  const request = pendingRequest(before, 'return');
  let settledReturn: { requestId: string; unitId: number; approved: boolean } | null = null;
  if (request) {
    const approved = request.unitId !== input.unitId;
    if (approved) draft.returnedByUnitIds = returnersWith(before, request.unitId);
    draft.pendingRequests = draft.pendingRequests.filter((r) => r.kind !== 'return');
    settledReturn = { requestId: request.id, unitId: request.unitId, approved };
  }
  draft.designatedUnitId = input.unitId;
  if (input.unitId !== before.leadUnitId) restartHandling(draft, input.unitId, ctx.now);
  return {
    type: 'ticket.designated',
    payload: { ...input, previousLeadUnitId: before.leadUnitId, settledReturn },
  };
};
