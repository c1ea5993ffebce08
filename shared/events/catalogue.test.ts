import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../i18n';
import { TICKET_EVENT_TYPES } from '../ticket/types';
import { EVENT_CATALOGUE, EVENT_TYPES, EventPayloadError, isEventType, parseEventPayload, readEvent } from './catalogue';
import { ON_TICKET_TIMELINE, timelineEvent } from './timeline';

/** Every name written to the events table before the catalogue existed: stored, so never renamed. */
const STORED_NAMES = [
  ...['registered', 'dispatched', 'closed_on_call', 'accepted', 'first_contacted', 'site_visited', 'facts_recorded', 'delay_explained'],
  ...['extension_granted', 'extension_refused', 'return_requested', 'return_approved', 'return_rejected', 'designated', 'replied'],
  ...['reply_sent_back', 'revisit_attempted', 'revisited', 'filing_requested', 'filing_approved', 'filing_rejected', 'not_counted_requested'],
  ...['not_counted_approved', 'not_counted_rejected', 'objective_case_requested', 'objective_case_approved', 'objective_case_rejected'],
  ...['note_added', 'urged', 'contact_revealed', 'reply_accepted', 'light_changed', 'reminded'],
].map((verb) => `ticket.${verb}`);
const STORED_OTHERS = [
  ...['call.claimed', 'call.released', 'call.linked', 'call.dialing', 'call.called_back', 'call.ringing', 'call.queued', 'call.answered'],
  ...['call.abandoned', 'call.ended', 'call.updated', 'call.number_revealed'],
  ...['supervision.opened', 'supervision.progressed', 'supervision.replied', 'supervision.outcome_recorded', 'supervision.instructed'],
  ...['supervision.sent_back', 'supervision.closed', 'supervision.candidate', 'supervision.candidate_updated'],
  ...['cluster.alert', 'cluster.updated', 'calendar.day_set', 'policy.versioned', 'dispatch_rules.versioned', 'repeat_settings.versioned'],
  ...['api_key.issued', 'api_key.revoked', 'knowledge.article_saved', 'knowledge.used', 'presence.changed'],
];

describe('the event catalogue', () => {
  it('keeps every stored name, and names each type <resource>.<verb>', () => {
    for (const name of [...STORED_NAMES, ...STORED_OTHERS]) expect(isEventType(name), name).toBe(true);
    for (const name of EVENT_TYPES) expect(name).toMatch(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/);
    // 65 names stored before the catalogue, the calendar recompute's ticket.due_recomputed and calendar.year_confirmed (issue 15),
    // the supervision clock's supervision.light_changed and supervision.reminded (issue 15 item 3),
    // a supervisor's ticket.call_time_corrected (issue 15.9), ticket.urgency_set and policy.assigned (issue 15.2),
    // the emergency screen's ticket.emergency_overridden (issue 16.3), the search's search.phone_searched (issue 16.6),
    // staffing's shift.defined, shift.assigned, shift.unassigned, handover.written, handover.acknowledged (issue 18).
    // accounts and units edited in the console (issue 15.11): user.created/updated/disabled/enabled/password_reset,
    // unit.created/renamed/deactivated/reactivated.
    // the unit head's ticket.reply_signed_off (issue 15.8), a supervisor's shift.retired (issue 18's leftover).
    expect(EVENT_TYPES).toHaveLength(90);
  });

  it('has the staffing events of issue 18, each with the ids a reader needs and no free text', () => {
    for (const type of ['shift.defined', 'shift.retired', 'shift.assigned', 'shift.unassigned', 'handover.written', 'handover.acknowledged'] as const) {
      expect(isEventType(type), type).toBe(true);
      expect(ON_TICKET_TIMELINE[type], type).toBe(false);
    }
    const open = { clusters: 1, callbacks: 2, ticketsOverdue: 0, ticketsDueBeforeNext: 3, supervisionsDue: 1 };
    expect(parseEventPayload('handover.written', { handoverId: 4, nextHandoverAt: '2026-12-04T16:00:00.000Z', open })).toEqual({
      handoverId: 4,
      nextHandoverAt: '2026-12-04T16:00:00.000Z',
      open,
    });
    // The note is the supervisor's free text: on the handover row, never in the event stream.
    expect(() => parseEventPayload('handover.written', { handoverId: 4, nextHandoverAt: '2026-12-04T16:00:00.000Z', open, note: '……' })).toThrow(
      EventPayloadError,
    );
    expect(() => parseEventPayload('shift.assigned', { assignmentId: 1, date: '2026-12-04', shiftId: 2 })).toThrow(/userId/);
  });

  it('holds every event the ticket machine decides', () => {
    for (const type of TICKET_EVENT_TYPES) expect(EVENT_CATALOGUE).toHaveProperty([type]);
  });

  it('parses a payload that matches and names what does not', () => {
    expect(parseEventPayload('policy.versioned', { code: 'hotline_default', version: 2 })).toEqual({ code: 'hotline_default', version: 2 });
    const refusal = (() => {
      try {
        readEvent({ seq: 41, type: 'calendar.day_set', payload: { date: '2026-11-24', working: 'no', note: '台风', id: 3, by: 7 } });
      } catch (err) {
        return err;
      }
    })();
    expect(refusal).toBeInstanceOf(EventPayloadError);
    expect((refusal as EventPayloadError).message).toMatch(/^event #41 calendar\.day_set: payload does not match the catalogue \(.*working.*by/);
    expect(() => readEvent({ type: 'ticket.created', payload: {} })).toThrow('event ticket.created: not in the catalogue');
  });

  it('fills in no defaults when reading', () => {
    const revisit = { resolved: true, words: '', at: '2026-11-24T02:00:00.000Z' };
    expect(() => parseEventPayload('ticket.revisited', { revisit, outcome: 'archived', round: 1 })).toThrow(/revisit\.satisfaction/);
  });

  it('says for every type whether it is on a ticket’s timeline, and labels each one that is', () => {
    expect(Object.keys(ON_TICKET_TIMELINE).sort()).toEqual([...EVENT_TYPES].sort());
    const unlabelled = EVENT_TYPES.filter((type) => ON_TICKET_TIMELINE[type]).filter((type) => {
      const key = (type.startsWith('supervision.') ? `sup.ev.${type.slice('supervision.'.length)}` : `event.${type}`) as MessageKey;
      return translate('zh-CN', key) === key || translate('en', key) === key;
    });
    expect(unlabelled).toEqual([]);
  });

  it('shows a timeline entry without the ticket summary live screens carry', () => {
    const entry = timelineEvent({ type: 'ticket.urged', payload: { note: '请尽快', unitId: 3, ticket: {} as never } });
    expect(entry).toEqual({ type: 'ticket.urged', payload: { note: '请尽快', unitId: 3 } });
  });
});
