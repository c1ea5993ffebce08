/** The closing report and its review (PRODUCT.md §3 reply; 000 三(四)(五)). */
import { assertDuringHandling, leadUnitOf } from '../rules';
import { isoOf, type Handler } from './handler';

/**
 * PRODUCT.md §3 reply (答复/办结汇报): outcome, facts, what was done, when the citizen was told. Only
 * an accepted ticket (in_progress) can be replied to; the machine refuses it before accept and
 * while a return or filing request is open. A pending extension lapses with the reply.
 */
export const replyTicket: Handler<'reply'> = ({ before, draft, input, ctx }) => {
  assertDuringHandling(input.citizenToldAt, before, ctx.now, '答复市民时间');
  draft.state = 'replied';
  draft.facts = input.facts;
  draft.reply = {
    outcome: input.outcome,
    facts: input.facts,
    report: input.report,
    citizenToldAt: isoOf(input.citizenToldAt),
    at: ctx.now.toISOString(),
    unitId: leadUnitOf(before),
  };
  // Issue 15.6: the first reply's contact with the citizen outlives a send-back (shared/clock/first-contact.ts).
  draft.citizenToldAt ??= draft.reply.citizenToldAt;
  draft.revisitAttempts = [];
  draft.revisit = null;
  draft.pendingRequests = draft.pendingRequests.filter((r) => r.kind !== 'extension');
  return { type: 'ticket.replied', payload: { ...draft.reply } };
};

/**
 * 000 三(五): the operations centre sends back a report that is "模棱两可、表述不清、答非所问"
 * to be redone; the ticket returns to in_progress with the unit, its clocks unchanged.
 */
export const sendBackReply: Handler<'send_back_reply'> = ({ before, draft, input }) => {
  // Issue 15.6: the citizen was reached; a reply stored before the snapshot kept this has it only here.
  draft.citizenToldAt ??= before.reply?.citizenToldAt ?? null;
  draft.state = 'in_progress';
  draft.reply = null;
  draft.revisitAttempts = [];
  return { type: 'ticket.reply_sent_back', payload: { note: input.note, reply: before.reply } };
};
