/** The unit's work on a ticket and the notes around it (PRODUCT.md §3). */
import { assertDuringHandling } from '../rules';
import { isoOf, unitOf, type Handler } from './handler';

/** 001 二.1 先行接单. */
export const acceptTicket: Handler<'accept'> = ({ draft, actor, ctx }) => {
  draft.state = 'in_progress';
  draft.acceptedAt = ctx.now.toISOString();
  return { type: 'ticket.accepted', payload: { unitId: unitOf(actor) } };
};

/** PRODUCT.md §3 / 003: first contact (先行联系) is a recorded event with time, channel and note. */
export const recordFirstContact: Handler<'record_first_contact'> = ({ before, draft, input, actor, ctx }) => {
  assertDuringHandling(input.at, before, ctx.now, '先行联系时间');
  draft.firstContact = { at: isoOf(input.at), channel: input.channel, note: input.note };
  return { type: 'ticket.first_contacted', payload: { ...draft.firstContact, unitId: unitOf(actor) } };
};

/** PRODUCT.md §2 现场查看; the latest visit is kept, every visit is an event. */
export const recordSiteVisit: Handler<'record_site_visit'> = ({ before, draft, input, actor, ctx }) => {
  assertDuringHandling(input.at, before, ctx.now, '现场查看时间');
  draft.siteVisit = { at: isoOf(input.at), note: input.note };
  return { type: 'ticket.site_visited', payload: { ...draft.siteVisit, unitId: unitOf(actor) } };
};

/** PRODUCT.md §2 事实认定; may be corrected until the reply. */
export const recordFacts: Handler<'record_facts'> = ({ draft, input, actor }) => {
  draft.facts = input.facts;
  return { type: 'ticket.facts_recorded', payload: { facts: input.facts, unitId: unitOf(actor) } };
};

/** PRODUCT.md §3: assisting units (and the lead) add notes to the lead unit's ticket. */
export const addNote: Handler<'add_note'> = ({ input, actor }) => ({
  type: 'ticket.note_added',
  payload: { note: input.note, unitId: unitOf(actor) },
});

/** PRODUCT.md §4: an urge by hand is recorded and changes nothing else. */
export const urgeTicket: Handler<'urge'> = ({ before, input }) => ({
  type: 'ticket.urged',
  payload: { note: input.note, unitId: before.leadUnitId },
});
