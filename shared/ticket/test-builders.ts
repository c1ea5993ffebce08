/**
 * Factories for ticket tests (Outline's server/test/factories.ts): a fixed clock, actors of
 * every role, a stand-in due-date function, and a ticket in any state built through `decide`
 * itself, so every fixture is a snapshot the real path can produce.
 */
import type { z } from 'zod';
import type { Role, TicketState } from '../domain';
import { AppError } from '../errors';
import { TICKET_DECISION_PAYLOADS } from '../events/ticket';
import type { TicketCommand } from './commands';
import { decide } from './decide';
import { newTicketSnapshot, type RequestKind, type TicketSnapshot } from './snapshot';
import type { Actor, ClockName, DecideContext, Decision } from './types';

/** Monday 2026-11-23 09:00 in Shanghai. */
export const T0 = new Date('2026-11-23T01:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** `minutes` after T0. */
export function at(minutes: number): Date {
  return new Date(T0.getTime() + minutes * MINUTE);
}
export function iso(minutes: number): string {
  return at(minutes).toISOString();
}

export const UNIT = { lead: 11, assist: 12, other: 13, next: 14, third: 15 } as const;

/** A stand-in for policy + calendar: natural days (PRODUCT.md §4 clocks are tested in shared/calendar). */
export const DAYS: Record<ClockName, number> = { return_window: 1, first_contact: 1, reply: 5, revisit: 1 };
export function testDue(clock: ClockName, startedAt: Date, opts?: { onSite?: boolean }): Date {
  const days = clock === 'return_window' && opts?.onSite ? 3 : DAYS[clock];
  return new Date(startedAt.getTime() + days * DAY);
}

export function ctxAt(minutes: number, extra: Partial<DecideContext> = {}): DecideContext {
  return { now: at(minutes), due: testDue, ...extra };
}

export function actor(role: Role, unitId: number | null = role === 'liaison' ? UNIT.lead : null): Actor {
  return { userId: 100 + ROLE_INDEX[role], role, unitId };
}
const ROLE_INDEX: Record<Role, number> = { operator: 1, revisit: 2, supervisor: 3, liaison: 4, leader: 5, admin: 6 };
export const liaisonOf = (unitId: number): Actor => actor('liaison', unitId);

/** The role that runs each command in the happy path. */
const RUNNER: Record<TicketCommand, Role> = {
  dispatch: 'operator',
  close_on_call: 'operator',
  accept: 'liaison',
  record_first_contact: 'liaison',
  record_site_visit: 'liaison',
  record_facts: 'liaison',
  explain_delay: 'liaison',
  decide_extension: 'supervisor',
  request_return: 'liaison',
  decide_return: 'supervisor',
  designate: 'supervisor',
  reply: 'liaison',
  send_back_reply: 'supervisor',
  record_revisit_attempt: 'revisit',
  record_revisit: 'revisit',
  request_filing: 'liaison',
  decide_filing: 'supervisor',
  request_not_counted: 'liaison',
  decide_not_counted: 'supervisor',
  request_objective_case: 'liaison',
  decide_objective_case: 'supervisor',
  add_note: 'liaison',
  urge: 'supervisor',
};

/** Runs `command` at `minutes` after T0 as its usual role (the lead unit's liaison for units). */
export function run(
  snapshot: TicketSnapshot,
  command: TicketCommand,
  input: unknown,
  minutes: number,
  who: Actor = actor(RUNNER[command], RUNNER[command] === 'liaison' ? snapshot.leadUnitId : null),
  extra: Partial<DecideContext> = {},
): Decision {
  const decision = decide(snapshot, command, who, input, ctxAt(minutes, extra));
  checkCatalogued(decision.event);
  return decision;
}

/** Every event the core decides is one the event catalogue accepts (shared/events/ticket.ts); throws a ZodError otherwise. */
export function checkCatalogued(event: Decision['event']): void {
  (TICKET_DECISION_PAYLOADS[event.type] as z.ZodType).parse(event.payload);
}
const step = (s: TicketSnapshot, c: TicketCommand, input: unknown, minutes: number) => run(s, c, input, minutes).next;

export const REPLY = {
  outcome: 'resolved',
  facts: '经现场核实，楼道堆物属实。',
  report: '已联系物业清理堆物，并告知市民。',
} as const;

export function registered(): TicketSnapshot {
  return newTicketSnapshot({ id: 1, type: 'complaint_help', source: 'hotline' });
}

/** A ticket in `state`, built along the happy path (dispatched to UNIT.lead at T0). */
export function buildTicket(state: TicketState): TicketSnapshot {
  const fresh = registered();
  if (state === 'registered') return fresh;
  if (state === 'closed_on_call') {
    return step(fresh, 'close_on_call', { reason: 'answered_from_knowledge_base', note: '已按知识库答复' }, 0);
  }
  const dispatched = step(fresh, 'dispatch', { leadUnitId: UNIT.lead, assistUnitIds: [UNIT.assist] }, 0);
  if (state === 'dispatched') return dispatched;
  const inProgress = step(dispatched, 'accept', {}, 10);
  if (state === 'in_progress') return inProgress;
  if (state === 'filed') {
    const asked = step(inProgress, 'request_filing', { reason: '该事项已进入诉讼程序' }, 20);
    return step(asked, 'decide_filing', { approve: true }, 30);
  }
  const contacted = step(inProgress, 'record_first_contact', { at: iso(20), channel: 'phone', note: '已电话联系' }, 20);
  const replied = step(contacted, 'reply', { ...REPLY, citizenToldAt: iso(50) }, 60);
  if (state === 'replied') return replied;
  return step(replied, 'record_revisit', { resolved: true, satisfaction: 'satisfied', words: '满意' }, 90);
}

/** `snapshot` with a pending request of `kind` from its lead unit (the table test's set-up). */
export function withPending(snapshot: TicketSnapshot, kind: RequestKind): TicketSnapshot {
  const unitId = snapshot.leadUnitId ?? UNIT.lead;
  const extra = kind === 'return' ? { suggestedUnitId: UNIT.next } : {};
  const request = { id: `${kind}-0`, kind, unitId, at: iso(30), reason: '测试申请', ...extra };
  return { ...snapshot, pendingRequests: [...snapshot.pendingRequests, request] };
}

/** Freezes a snapshot all the way down, so any mutation throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The AppError `fn` throws (fails the test if it returns or throws something else). */
export function refusalOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, but the command succeeded');
}
