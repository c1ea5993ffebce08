/** Filing (000 三(七)) and the 002 evaluation requests: not counted (附件3), objective case (附件4). */
import { newRequest, takeRequest, unitOf, type Handler, type HandlerArgs, type HandlerResult } from './handler';

type RequestCommand = 'request_filing' | 'request_not_counted' | 'request_objective_case';
type DecideCommand = 'decide_filing' | 'decide_not_counted' | 'decide_objective_case';
type FlagKind = 'filing' | 'not_counted' | 'objective_case';

function openRequest(kind: FlagKind, args: HandlerArgs<RequestCommand>): HandlerResult {
  const { before, draft, input, actor, ctx } = args;
  const unitId = unitOf(actor);
  const request = newRequest(before, kind, { unitId, at: ctx.now.toISOString(), reason: input.reason });
  draft.pendingRequests.push(request);
  return {
    type: `ticket.${kind}_requested` as const,
    payload: { requestId: request.id, reason: input.reason, unitId },
  };
}

function closeRequest(kind: FlagKind, args: HandlerArgs<DecideCommand>): HandlerResult {
  const request = takeRequest(args.draft, kind);
  const { approve, note } = args.input;
  const payload = { requestId: request.id, unitId: request.unitId, approve, note: note ?? null };
  return { type: approve ? (`ticket.${kind}_approved` as const) : (`ticket.${kind}_rejected` as const), payload };
}

export const requestFiling: Handler<'request_filing'> = (args) => openRequest('filing', args);
export const requestNotCounted: Handler<'request_not_counted'> = (args) => openRequest('not_counted', args);
export const requestObjectiveCase: Handler<'request_objective_case'> = (args) => openRequest('objective_case', args);

/** 000 三(七): approved → filed (terminal; any other open request lapses). */
export const decideFiling: Handler<'decide_filing'> = (args) => {
  const result = closeRequest('filing', args);
  if (args.input.approve) {
    args.draft.state = 'filed';
    args.draft.pendingRequests = [];
  }
  return result;
};

/** 002: approved → excluded from satisfaction figures. */
export const decideNotCounted: Handler<'decide_not_counted'> = (args) => {
  const result = closeRequest('not_counted', args);
  if (args.input.approve) args.draft.flags.notCounted = true;
  return result;
};

export const decideObjectiveCase: Handler<'decide_objective_case'> = (args) => {
  const result = closeRequest('objective_case', args);
  if (args.input.approve) args.draft.flags.objectiveCase = true;
  return result;
};
