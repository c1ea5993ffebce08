/** One handler per command; the mapped type makes a missing or mistyped handler a type error. */
import type { TicketCommand } from '../commands';
import { decideExtension, explainDelay } from './delay';
import { closeOnCall, designateUnit, dispatchTicket } from './dispatch';
import type { Handler } from './handler';
import { replyTicket, sendBackReply } from './reply';
import { decideFiling, decideNotCounted, decideObjectiveCase, requestFiling, requestNotCounted, requestObjectiveCase } from './requests';
import { decideReturn, requestReturn } from './returns';
import { recordRevisit, recordRevisitAttempt } from './revisit';
import { addNote, acceptTicket, recordFacts, recordFirstContact, recordSiteVisit, urgeTicket } from './unit-work';

export const HANDLERS: { [C in TicketCommand]: Handler<C> } = {
  dispatch: dispatchTicket,
  close_on_call: closeOnCall,
  accept: acceptTicket,
  record_first_contact: recordFirstContact,
  record_site_visit: recordSiteVisit,
  record_facts: recordFacts,
  explain_delay: explainDelay,
  decide_extension: decideExtension,
  request_return: requestReturn,
  decide_return: decideReturn,
  designate: designateUnit,
  reply: replyTicket,
  send_back_reply: sendBackReply,
  record_revisit_attempt: recordRevisitAttempt,
  record_revisit: recordRevisit,
  request_filing: requestFiling,
  decide_filing: decideFiling,
  request_not_counted: requestNotCounted,
  decide_not_counted: decideNotCounted,
  request_objective_case: requestObjectiveCase,
  decide_objective_case: decideObjectiveCase,
  add_note: addNote,
  urge: urgeTicket,
};
