/**
 * THE table test: every (state, command, role) triple. A ticket in each state, each command
 * with a valid input, each role: allowed triples (per machine.ts) succeed with the right event
 * and next state; every other triple throws the right AppError code and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, TICKET_STATES, type Role, type TicketState } from '../domain';
import { AppError, type ErrorCode } from '../errors';
import { COMMANDS, type TicketCommand } from './commands';
import { decide } from './decide';
import { allowedCommands, CLOSED_STATES, isDispatched, isTerminal, OPEN_STATES, targetsOf, transitionsOf, TRANSITIONS, UNDISPATCHED_STATES } from './machine';
import type { RequestKind, TicketSnapshot } from './snapshot';
import { actor, buildTicket, ctxAt, deepFreeze, iso, UNIT, withPending } from './test-builders';
import type { TicketEventType } from './types';

const NOW = 120; // minutes after T0: inside the return window, before every due date

/** A valid input for each command, against the tickets built by buildTicket. */
const VALID_INPUT: Record<TicketCommand, unknown> = {
  dispatch: { leadUnitId: UNIT.next, assistUnitIds: [UNIT.assist] },
  close_on_call: { reason: 'no_handling_needed', note: '市民表示无需处理' },
  accept: {},
  record_first_contact: { at: iso(NOW - 5), channel: 'phone', note: '已电话联系市民' },
  record_site_visit: { at: iso(NOW - 5), note: '现场查看，情况属实' },
  record_facts: { facts: '楼道堆物属实' },
  explain_delay: { reason: '需协调物业，无法按时办结', requestedDue: iso(10 * 24 * 60) },
  decide_extension: { approve: true, newDue: iso(10 * 24 * 60), note: '同意延期' },
  request_return: { reason: '不属本单位职责', suggestedUnitId: UNIT.next },
  decide_return: { approve: true, newLeadUnitId: UNIT.next, note: '同意改派' },
  designate: { unitId: UNIT.next, note: '指定承办' },
  reply: { outcome: 'resolved', facts: '堆物属实', report: '已清理', citizenToldAt: iso(NOW - 10) },
  send_back_reply: { note: '答非所问，请重填' },
  record_revisit_attempt: { reached: false, note: '无人接听' },
  record_revisit: { resolved: true, satisfaction: 'satisfied', words: '满意' },
  request_filing: { reason: '已进入诉讼程序' },
  decide_filing: { approve: true },
  request_not_counted: { reason: '恶意投诉' },
  decide_not_counted: { approve: true },
  request_objective_case: { reason: '诉求明显不合理' },
  decide_objective_case: { approve: true, note: '认定' },
  add_note: { note: '协办单位已到场' },
  urge: { note: '请尽快办理' },
};

/** What each command does with VALID_INPUT when allowed (an oracle independent of decide). */
const EXPECTED: Record<TicketCommand, { event: TicketEventType; to: TicketState | 'same' }> = {
  dispatch: { event: 'ticket.dispatched', to: 'dispatched' },
  close_on_call: { event: 'ticket.closed_on_call', to: 'closed_on_call' },
  accept: { event: 'ticket.accepted', to: 'in_progress' },
  record_first_contact: { event: 'ticket.first_contacted', to: 'same' },
  record_site_visit: { event: 'ticket.site_visited', to: 'same' },
  record_facts: { event: 'ticket.facts_recorded', to: 'same' },
  explain_delay: { event: 'ticket.delay_explained', to: 'same' },
  decide_extension: { event: 'ticket.extension_granted', to: 'same' },
  request_return: { event: 'ticket.return_requested', to: 'same' },
  decide_return: { event: 'ticket.return_approved', to: 'dispatched' },
  designate: { event: 'ticket.designated', to: 'dispatched' },
  reply: { event: 'ticket.replied', to: 'replied' },
  send_back_reply: { event: 'ticket.reply_sent_back', to: 'in_progress' },
  record_revisit_attempt: { event: 'ticket.revisit_attempted', to: 'same' },
  record_revisit: { event: 'ticket.revisited', to: 'archived' },
  request_filing: { event: 'ticket.filing_requested', to: 'same' },
  decide_filing: { event: 'ticket.filing_approved', to: 'filed' },
  request_not_counted: { event: 'ticket.not_counted_requested', to: 'same' },
  decide_not_counted: { event: 'ticket.not_counted_approved', to: 'same' },
  request_objective_case: { event: 'ticket.objective_case_requested', to: 'same' },
  decide_objective_case: { event: 'ticket.objective_case_approved', to: 'same' },
  add_note: { event: 'ticket.note_added', to: 'same' },
  urge: { event: 'ticket.urged', to: 'same' },
};

const DECIDES: Partial<Record<TicketCommand, RequestKind>> = {
  decide_extension: 'extension',
  decide_return: 'return',
  decide_filing: 'filing',
  decide_not_counted: 'not_counted',
  decide_objective_case: 'objective_case',
};

/** The ticket in `state`, with the request a decide_* command needs. */
function arrange(state: TicketState, command: TicketCommand): TicketSnapshot {
  const kind = DECIDES[command];
  const ticket = buildTicket(state);
  // 000 二(一): a return follows a verification (here a site visit when the handling began).
  if (command === 'request_return' && ticket.dispatchedAt && !ticket.firstContact)
    return { ...ticket, siteVisit: { at: ticket.dispatchedAt, note: '现场核实' } };
  return kind ? withPending(ticket, kind) : ticket;
}

/** The refusal machine.ts prescribes for a liaison of the lead unit (UNIT.lead) and others. */
function expectedRefusal(snapshot: TicketSnapshot, command: TicketCommand, role: Role): ErrorCode | null {
  const rows = transitionsOf(command);
  if (!rows.some((r) => r.roles.includes(role))) return 'forbidden_role';
  const unit = rows[0]?.unit;
  const isLead = snapshot.leadUnitId === UNIT.lead;
  if (role === 'liaison' && unit !== 'any' && !isLead) return 'wrong_unit';
  const row = rows.find((r) => r.from.includes(snapshot.state));
  if (!row) return 'invalid_state';
  if (!row.roles.includes(role)) return 'forbidden_role';
  return null;
}

describe.each(TICKET_STATES)('a %s ticket', (state) => {
  const cases = COMMANDS.flatMap((command) => ROLES.map((role) => [command, role] as const));

  it.each(cases)('%s by %s', (command, role) => {
    const snapshot = deepFreeze(arrange(state, command));
    const before = structuredClone(snapshot);
    const who = actor(role);
    const refusal = expectedRefusal(snapshot, command, role);
    const run = () => decide(snapshot, command, who, VALID_INPUT[command], ctxAt(NOW));

    expect(allowedCommands(snapshot, who).includes(command)).toBe(refusal === null);
    if (refusal !== null) {
      expect(run).toThrow(AppError);
      try {
        run();
      } catch (error) {
        expect((error as AppError).code).toBe(refusal);
        expect((error as AppError).message).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(snapshot).toEqual(before);
      return;
    }

    const { next, event } = run();
    const expected = EXPECTED[command];
    const to = expected.to === 'same' ? state : expected.to;
    expect(event).toMatchObject({ type: expected.event, fromState: state, toState: to });
    expect(next.state).toBe(to);
    expect(next.version).toBe(snapshot.version + 1);
    const row = transitionsOf(command).find((r) => r.from.includes(state));
    expect(row && targetsOf(row, state)).toContain(to);
    expect(JSON.parse(JSON.stringify({ next, event }))).toEqual({ next, event });
    expect(snapshot).toEqual(before);
  });
});

describe('the machine as data', () => {
  it('reads like PRODUCT.md §3 (state × command → roles)', () => {
    const lines = TICKET_STATES.map((state) => {
      const cells = COMMANDS.flatMap((command) => {
        const row = transitionsOf(command).find((r) => r.from.includes(state));
        return row ? [`${command}:${row.roles.join('+')}`] : [];
      });
      return `${state} | ${cells.join(' ')}`;
    });
    expect(lines).toEqual([
      'registered | dispatch:operator+supervisor close_on_call:operator',
      'closed_on_call | ',
      'dispatched | dispatch:supervisor accept:liaison record_first_contact:liaison record_site_visit:liaison ' +
        'request_return:liaison decide_return:supervisor designate:supervisor+leader ' +
        'decide_not_counted:supervisor decide_objective_case:supervisor add_note:liaison urge:supervisor',
      'in_progress | record_first_contact:liaison record_site_visit:liaison record_facts:liaison ' +
        'explain_delay:liaison decide_extension:supervisor request_return:liaison decide_return:supervisor ' +
        'designate:supervisor+leader reply:liaison request_filing:liaison decide_filing:supervisor ' +
        'request_not_counted:liaison decide_not_counted:supervisor request_objective_case:liaison ' +
        'decide_objective_case:supervisor add_note:liaison urge:supervisor',
      'replied | send_back_reply:supervisor record_revisit_attempt:revisit record_revisit:revisit ' +
        'request_not_counted:liaison decide_not_counted:supervisor request_objective_case:liaison ' +
        'decide_objective_case:supervisor add_note:liaison urge:supervisor',
      'archived | decide_not_counted:supervisor decide_objective_case:supervisor',
      'filed | ',
    ]);
  });

  it('gives each role the duties of PRODUCT.md §1', () => {
    const duties = Object.fromEntries(ROLES.map((role) => [role, COMMANDS.filter((c) => transitionsOf(c).some((r) => r.roles.includes(role)))]));
    expect(duties).toEqual({
      operator: ['dispatch', 'close_on_call'],
      revisit: ['record_revisit_attempt', 'record_revisit'],
      supervisor: [
        'dispatch',
        'decide_extension',
        'decide_return',
        'designate',
        'send_back_reply',
        'decide_filing',
        'decide_not_counted',
        'decide_objective_case',
        'urge',
      ],
      liaison: [
        'accept',
        'record_first_contact',
        'record_site_visit',
        'record_facts',
        'explain_delay',
        'request_return',
        'reply',
        'request_filing',
        'request_not_counted',
        'request_objective_case',
        'add_note',
      ],
      leader: ['designate'],
      admin: [],
    });
  });

  it('has every command, one unit scope per command, at most one row per (command, state)', () => {
    for (const command of COMMANDS) {
      const rows = transitionsOf(command);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.unit)).size).toBe(1);
      const froms = rows.flatMap((r) => r.from);
      expect(new Set(froms).size).toBe(froms.length);
    }
  });

  it('never leaves a terminal state for another state', () => {
    for (const row of TRANSITIONS) {
      for (const from of row.from.filter(isTerminal)) expect(targetsOf(row, from)).toEqual([from]);
    }
  });

  // The lists read off the machine are the ones PRODUCT.md §3 names; a new command that changes them fails here.
  it('reads the closed, open and undispatched states off the transitions', () => {
    expect(CLOSED_STATES).toEqual(['archived', 'closed_on_call', 'filed']);
    expect(OPEN_STATES).toEqual(['registered', 'dispatched', 'in_progress', 'replied']);
    expect(UNDISPATCHED_STATES).toEqual(['registered', 'closed_on_call']);
    expect(TICKET_STATES.filter(isTerminal)).toEqual(['closed_on_call', 'archived', 'filed']);
    expect(TICKET_STATES.filter(isDispatched)).toEqual(['dispatched', 'in_progress', 'replied', 'archived', 'filed']);
    // Every closed state is reached by some command: none is a dead entry.
    const reached = new Set(TRANSITIONS.flatMap((row) => row.from.flatMap((from) => targetsOf(row, from))));
    for (const state of CLOSED_STATES) expect(reached.has(state), state).toBe(true);
  });
});
