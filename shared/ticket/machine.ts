/**
 * The life of a ticket (PRODUCT.md §3) as data: for each command, the states it runs from, the state
 * it leads to, who may run it and for which unit, and the preconditions on the ticket. The
 * server enforces it through `decide`; the client shows `allowedCommands`. Rules that need the
 * clock or the input (return window, times of attempts…) live in the command's handler.
 */
import { TICKET_STATES, type Role, type TicketState } from '../domain';
import { AppError, assertUnreachable } from '../errors';
import { COMMANDS, type TicketCommand } from './commands';
import { COMMAND_LABELS, REQUEST_LABELS, STATE_LABELS } from './labels';
import { pendingRequest, type RequestKind, type TicketSnapshot } from './snapshot';
import type { Actor } from './types';

/** Whose ticket it must be: the lead unit's, the lead's or an assisting unit's, or anyone's. */
export type UnitScope = 'lead' | 'lead_or_assist' | 'any';

/** A state, or 'same' for a command that leaves the state as it is. */
export type Target = TicketState | 'same';

/** A precondition on the ticket that the UI can check too (refused with rule_violation). */
export type Guard =
  | { kind: 'pending'; request: RequestKind }
  | { kind: 'not_pending'; request: RequestKind }
  | { kind: 'not_designated' }
  | { kind: 'first_round' }
  | { kind: 'flag_off'; flag: 'notCounted' | 'objectiveCase' }
  | { kind: 'no_first_contact' };

export interface Transition {
  command: TicketCommand;
  from: readonly TicketState[];
  /** The next state; a list when the handler computes it from the input (possible targets). */
  to: Target | readonly Target[];
  roles: readonly Role[];
  unit: UnitScope;
  guards?: readonly Guard[];
}

const pending = (request: RequestKind): Guard => ({ kind: 'pending', request });
const notPending = (request: RequestKind): Guard => ({ kind: 'not_pending', request });
const HANDLING: readonly TicketState[] = ['dispatched', 'in_progress'];
const OPEN: readonly TicketState[] = ['dispatched', 'in_progress', 'replied'];

export const TRANSITIONS: readonly Transition[] = [
  // registered ── answer on the call ──▶ closed_on_call (000 三(八), 003 第五条(三))
  { command: 'close_on_call', from: ['registered'], to: 'closed_on_call', roles: ['operator'], unit: 'any' },
  // registered ── dispatch ──▶ dispatched: one lead unit, any assisting units (003 第八条)
  { command: 'dispatch', from: ['registered'], to: 'dispatched', roles: ['operator', 'supervisor'], unit: 'any' },
  // dispatch again before the unit accepts (a correction); a designated ticket stays put
  {
    command: 'dispatch',
    from: ['dispatched'],
    to: 'dispatched',
    roles: ['supervisor'],
    unit: 'any',
    guards: [{ kind: 'not_designated' }, notPending('return')],
  },
  // dispatched ── accept ──▶ in_progress (001 二.1 先行接单)
  { command: 'accept', from: ['dispatched'], to: 'in_progress', roles: ['liaison'], unit: 'lead' },
  // 000 三(一): the unit may contact the citizen and look on site before accepting, to verify
  { command: 'record_first_contact', from: HANDLING, to: 'same', roles: ['liaison'], unit: 'lead', guards: [{ kind: 'no_first_contact' }] },
  { command: 'record_site_visit', from: HANDLING, to: 'same', roles: ['liaison'], unit: 'lead' },
  { command: 'record_facts', from: ['in_progress'], to: 'same', roles: ['liaison'], unit: 'lead' },
  // PRODUCT.md §3 delay explanation before the due time; a supervisor grants an extension or not
  { command: 'explain_delay', from: ['in_progress'], to: 'same', roles: ['liaison'], unit: 'lead', guards: [notPending('extension')] },
  { command: 'decide_extension', from: ['in_progress'], to: 'same', roles: ['supervisor'], unit: 'any', guards: [pending('extension')] },
  // return within the window (000 三(二)); only in the first round; never by a designated unit
  {
    command: 'request_return',
    from: HANDLING,
    to: 'same',
    roles: ['liaison'],
    unit: 'lead',
    guards: [{ kind: 'first_round' }, { kind: 'not_designated' }, notPending('return')],
  },
  // approve → re-dispatched to another unit, clocks restart; reject → stays with the unit
  { command: 'decide_return', from: HANDLING, to: ['dispatched', 'same'], roles: ['supervisor'], unit: 'any', guards: [pending('return')] },
  // 001 二.2 签派 / 000 二(二): another unit → dispatched to it; the same unit → stays
  { command: 'designate', from: HANDLING, to: ['dispatched', 'same'], roles: ['supervisor', 'leader'], unit: 'any' },
  // in_progress ── reply ──▶ replied; only the lead replies (PRODUCT.md §3)
  { command: 'reply', from: ['in_progress'], to: 'replied', roles: ['liaison'], unit: 'lead', guards: [notPending('return'), notPending('filing')] },
  // 000 三(五): a vague report goes back to the unit
  { command: 'send_back_reply', from: ['replied'], to: 'in_progress', roles: ['supervisor'], unit: 'any' },
  // unreachable: stays replied, archived as unreachable after the last allowed attempt
  { command: 'record_revisit_attempt', from: ['replied'], to: ['same', 'archived'], roles: ['revisit'], unit: 'any' },
  // resolved and not dissatisfied → archived; otherwise dispatched again, round + 1 (001 二.1)
  { command: 'record_revisit', from: ['replied'], to: ['archived', 'dispatched'], roles: ['revisit'], unit: 'any' },
  // 000 三(七) filing: the unit explains, the supervisor approves
  { command: 'request_filing', from: ['in_progress'], to: 'same', roles: ['liaison'], unit: 'lead', guards: [notPending('filing')] },
  { command: 'decide_filing', from: ['in_progress'], to: ['filed', 'same'], roles: ['supervisor'], unit: 'any', guards: [pending('filing')] },
  // 002 附件3/4: flags only; decided whenever the request is still open, even after archiving
  {
    command: 'request_not_counted',
    from: ['in_progress', 'replied'],
    to: 'same',
    roles: ['liaison'],
    unit: 'lead',
    guards: [notPending('not_counted'), { kind: 'flag_off', flag: 'notCounted' }],
  },
  { command: 'decide_not_counted', from: [...OPEN, 'archived'], to: 'same', roles: ['supervisor'], unit: 'any', guards: [pending('not_counted')] },
  {
    command: 'request_objective_case',
    from: ['in_progress', 'replied'],
    to: 'same',
    roles: ['liaison'],
    unit: 'lead',
    guards: [notPending('objective_case'), { kind: 'flag_off', flag: 'objectiveCase' }],
  },
  { command: 'decide_objective_case', from: [...OPEN, 'archived'], to: 'same', roles: ['supervisor'], unit: 'any', guards: [pending('objective_case')] },
  // PRODUCT.md §3: assisting units add notes to the lead unit's ticket
  { command: 'add_note', from: OPEN, to: 'same', roles: ['liaison'], unit: 'lead_or_assist' },
  // PRODUCT.md §4: supervisors urge by hand; recorded, state unchanged
  { command: 'urge', from: OPEN, to: 'same', roles: ['supervisor'], unit: 'any' },
];

export function transitionsOf(command: TicketCommand): Transition[] {
  return TRANSITIONS.filter((t) => t.command === command);
}

/** The states `row` may lead to from `from`. */
export function targetsOf(row: Transition, from: TicketState): TicketState[] {
  const targets: readonly Target[] = typeof row.to === 'string' ? [row.to] : row.to;
  return targets.map((t) => (t === 'same' ? from : t));
}

/** Whether some command of the machine moves a ticket out of `state`. */
function canLeave(state: TicketState): boolean {
  return TRANSITIONS.some((row) => row.from.includes(state) && targetsOf(row, state).some((to) => to !== state));
}

/**
 * PRODUCT.md §3: the states a ticket's life ends in — no command leads out of them (closed_on_call,
 * archived, filed); decisions on 002 flags may still land on archived without moving it. Read
 * off TRANSITIONS, so a new command cannot leave this list behind. Alphabetical: SQL lists them
 * in this order, as the partial indexes' predicate does (db/schema-core.ts).
 */
export const CLOSED_STATES: readonly TicketState[] = TICKET_STATES.filter((s) => !canLeave(s)).sort();

/** The states a ticket is still being worked in: every other one. */
export const OPEN_STATES: readonly TicketState[] = TICKET_STATES.filter((s) => !CLOSED_STATES.includes(s));

/**
 * The states a ticket holds before any unit has it: registered, and what the line reaches from
 * there without dispatching (closed on the call). A unit never sees a ticket in these (PRODUCT.md §1,
 * 003 第八条). Read off TRANSITIONS: every state reachable from registered without `dispatch`.
 */
export const UNDISPATCHED_STATES: readonly TicketState[] = (() => {
  const reached = new Set<TicketState>(['registered']);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of TRANSITIONS) {
      if (row.command === 'dispatch') continue;
      for (const from of row.from.filter((s) => reached.has(s))) {
        for (const to of targetsOf(row, from)) {
          if (reached.has(to)) continue;
          reached.add(to);
          grew = true;
        }
      }
    }
  }
  return TICKET_STATES.filter((s) => reached.has(s));
})();

/** No command leaves these states (PRODUCT.md §3); decisions on 002 flags may still land on archived. */
export function isTerminal(state: string): boolean {
  return (CLOSED_STATES as readonly string[]).includes(state);
}

/** A unit has (or had) the ticket: it left the line's own states by a dispatch. */
export function isDispatched(state: string): boolean {
  return !(UNDISPATCHED_STATES as readonly string[]).includes(state);
}

function inScope(scope: UnitScope, snapshot: TicketSnapshot, actor: Actor): boolean {
  switch (scope) {
    case 'any':
      return true;
    case 'lead':
      return actor.unitId !== null && actor.unitId === snapshot.leadUnitId;
    case 'lead_or_assist':
      return actor.unitId !== null && (actor.unitId === snapshot.leadUnitId || snapshot.assistUnitIds.includes(actor.unitId));
    default:
      return assertUnreachable(scope);
  }
}

/** The row a command runs by, or why it may not run (without throwing, for lists). */
export type CommandCheck = { ok: true; row: Transition } | { ok: false; code: 'forbidden_role' | 'wrong_unit' | 'invalid_state'; message: string };

/**
 * Who may run `command` on this ticket now, in the order the refusals are checked: the role
 * (forbidden_role), the unit (wrong_unit, before the state so another unit learns nothing),
 * the state (invalid_state), then the role for this state (forbidden_role).
 */
export function checkCommand(snapshot: TicketSnapshot, command: TicketCommand, actor: Actor): CommandCheck {
  const rows = transitionsOf(command);
  const label = COMMAND_LABELS[command];
  if (!rows.some((r) => r.roles.includes(actor.role))) {
    return { ok: false, code: 'forbidden_role', message: `当前角色无权${label}` };
  }
  const scope = rows[0]?.unit ?? 'any';
  if (!inScope(scope, snapshot, actor)) {
    const whose = scope === 'lead' ? '只有主办单位' : '只有主办或协办单位';
    return { ok: false, code: 'wrong_unit', message: `${whose}可以${label}，该工单不由本单位承办` };
  }
  const row = rows.find((r) => r.from.includes(snapshot.state));
  if (!row) {
    const states = [...new Set(rows.flatMap((r) => r.from))].map((s) => `「${STATE_LABELS[s]}」`);
    const message = `工单当前为「${STATE_LABELS[snapshot.state]}」，不能${label}（仅限${states.join('、')}）`;
    return { ok: false, code: 'invalid_state', message };
  }
  if (!row.roles.includes(actor.role)) {
    const message = `工单为「${STATE_LABELS[snapshot.state]}」时，当前角色无权${label}`;
    return { ok: false, code: 'forbidden_role', message };
  }
  return { ok: true, row };
}

/** `checkCommand` that throws the refusal as an AppError; returns the row. */
export function authorize(snapshot: TicketSnapshot, command: TicketCommand, actor: Actor): Transition {
  const check = checkCommand(snapshot, command, actor);
  if (!check.ok) throw new AppError(check.code, check.message);
  return check.row;
}

/** Why `guard` refuses the ticket (Chinese, with the rule), or null when it holds. */
export function guardFailure(guard: Guard, snapshot: TicketSnapshot): string | null {
  switch (guard.kind) {
    case 'pending':
      return pendingRequest(snapshot, guard.request) ? null : `没有待审核的${REQUEST_LABELS[guard.request]}申请`;
    case 'not_pending':
      return pendingRequest(snapshot, guard.request) ? `已有待审核的${REQUEST_LABELS[guard.request]}申请，请先等待审核` : null;
    case 'not_designated':
      return snapshot.designatedUnitId === null ? null : '该工单已签派，被指定单位不得退单，也不再改派'; // 001 二.2, 000 二(二)
    case 'first_round':
      return snapshot.round === 1 ? null : '再次处置的工单不能退单（首办单位负责到底）'; // 000 二(一) 首办责任
    case 'flag_off':
      return snapshot.flags[guard.flag] ? `该工单已认定为${guard.flag === 'notCounted' ? '不纳入测评' : '客观件'}` : null;
    case 'no_first_contact':
      return snapshot.firstContact === null ? null : '先行联系已记录';
    default:
      return assertUnreachable(guard);
  }
}

/**
 * PRODUCT.md §1: a person can hold several roles. The role to act in for `command` on this ticket:
 * one allowed in the current state, else one allowed for the command at all, else the first
 * (so `decide` reports the refusal that fits).
 */
export function actingRole(snapshot: TicketSnapshot, command: TicketCommand, roles: readonly Role[]): Role | null {
  const rows = transitionsOf(command);
  const row = rows.find((r) => r.from.includes(snapshot.state));
  return roles.find((role) => row?.roles.includes(role)) ?? roles.find((role) => rows.some((r) => r.roles.includes(role))) ?? roles[0] ?? null;
}

/** Throws rule_violation for the first guard of `row` the ticket fails. */
export function checkGuards(row: Transition, snapshot: TicketSnapshot): void {
  for (const guard of row.guards ?? []) {
    const failure = guardFailure(guard, snapshot);
    if (failure !== null) throw new AppError('rule_violation', failure);
  }
}

/**
 * The commands `actor` may run on the ticket now (machine and guards; rules that depend on the
 * clock or the input, like the return window, are checked by `decide` only).
 */
export function allowedCommands(snapshot: TicketSnapshot, actor: Actor): TicketCommand[] {
  return COMMANDS.filter((command) => {
    const check = checkCommand(snapshot, command, actor);
    return check.ok && (check.row.guards ?? []).every((g) => guardFailure(g, snapshot) === null);
  });
}
