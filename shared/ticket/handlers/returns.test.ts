import { describe, expect, it } from 'vitest';
import { decide } from '../decide';
import { allowedCommands } from '../machine';
import { designationRequired, RETURN_NEEDS_VERIFICATION_MESSAGE } from '../rules';
import type { TicketSnapshot } from '../snapshot';
import { actor, buildTicket, ctxAt, iso, liaisonOf, refusalOf, registered, run, UNIT } from '../test-builders';

const DAY = 24 * 60;
/** 000 二(一): the unit verified on site when its handling began (a return needs a contact or a visit first). */
const visited = (t: TicketSnapshot): TicketSnapshot =>
  t.dispatchedAt && !t.siteVisit && !t.firstContact ? { ...t, siteVisit: { at: t.dispatchedAt, note: '现场核实' } } : t;
const ask = (t: TicketSnapshot, minutes: number, unitId: number = t.leadUnitId ?? UNIT.lead, suggestedUnitId: number = UNIT.next) =>
  decide(visited(t), 'request_return', liaisonOf(unitId), { reason: '经核实不属本单位职责', suggestedUnitId }, ctxAt(minutes));
const approve = (t: TicketSnapshot, minutes: number, newLeadUnitId: number) => run(t, 'decide_return', { approve: true, newLeadUnitId, note: '同意' }, minutes);

describe('return (000 三(二))', () => {
  it('inside the window: approved, re-dispatched to the new unit with clocks restarting', () => {
    const contacted = run(buildTicket('in_progress'), 'record_first_contact', { at: iso(20), channel: 'phone', note: '已联系' }, 20).next;
    const asked = ask(contacted, 60);
    expect(asked.event).toMatchObject({
      type: 'ticket.return_requested',
      payload: { requestId: 'return-5', suggestedUnitId: UNIT.next, unitId: UNIT.lead },
    });
    expect(asked.next.pendingRequests).toEqual([
      { id: 'return-5', kind: 'return', unitId: UNIT.lead, at: iso(60), reason: '经核实不属本单位职责', suggestedUnitId: UNIT.next },
    ]);

    const { next, event } = approve(asked.next, 70, UNIT.next);
    expect(event).toMatchObject({
      type: 'ticket.return_approved',
      fromState: 'in_progress',
      toState: 'dispatched',
      payload: { unitId: UNIT.lead, newLeadUnitId: UNIT.next },
    });
    expect(next).toMatchObject({
      state: 'dispatched',
      leadUnitId: UNIT.next,
      assistUnitIds: [UNIT.assist],
      returnedByUnitIds: [UNIT.lead],
      dispatchedAt: iso(70),
      acceptedAt: null,
      firstContact: null,
      pendingRequests: [],
      round: 1,
    });
    // the old unit has lost the ticket
    expect(allowedCommands(next, liaisonOf(UNIT.lead))).toEqual([]);
  });

  it('rejected: the ticket stays with the unit', () => {
    const asked = ask(buildTicket('dispatched'), 60).next;
    const { next, event } = run(asked, 'decide_return', { approve: false, note: '属本单位职责' }, 70);
    expect(event.type).toBe('ticket.return_rejected');
    expect(next).toMatchObject({ state: 'dispatched', leadUnitId: UNIT.lead, pendingRequests: [], returnedByUnitIds: [] });
  });

  it('outside the window: refused (1 working day; 3 with on-site determination)', () => {
    const dispatched = buildTicket('dispatched');
    expect(ask(dispatched, DAY).next.pendingRequests).toHaveLength(1);
    const late = refusalOf(() => ask(dispatched, DAY + 1));
    expect(late.code).toBe('rule_violation');
    expect(late.message).toContain('退单时限已过（截至 2026-11-24 09:00）');

    const onSite = run(registered(), 'dispatch', { leadUnitId: UNIT.lead, onSiteDetermination: true }, 0).next;
    expect(ask(onSite, 2 * DAY).next.pendingRequests).toHaveLength(1);
    expect(refusalOf(() => ask(onSite, 3 * DAY + 1)).code).toBe('rule_violation');
  });

  it('needs a new lead unit other than the returning one, and one request at a time', () => {
    const asked = ask(buildTicket('dispatched'), 60).next;
    const missing = refusalOf(() => run(asked, 'decide_return', { approve: true, note: '同意' }, 70));
    expect(missing).toMatchObject({ code: 'validation_failed', fields: { newLeadUnitId: '批准退单须选择新的主办单位' } });
    expect(refusalOf(() => approve(asked, 70, UNIT.lead)).code).toBe('rule_violation');
    expect(refusalOf(() => ask(asked, 80)).message).toBe('已有待审核的退单申请，请先等待审核');
    expect(refusalOf(() => ask(buildTicket('dispatched'), 60, UNIT.lead, UNIT.lead)).message).toBe('建议转派单位不能是本单位');
  });

  it('000 二(一) 首办责任制 "严禁未经核实，即发起退单": refused before a first contact or site visit, when the policy says so', () => {
    const dispatched = buildTicket('dispatched');
    const request = { reason: '经核实不属本单位职责', suggestedUnitId: UNIT.next };
    const refused = refusalOf(() => decide(dispatched, 'request_return', liaisonOf(UNIT.lead), request, ctxAt(60)));
    expect(refused).toMatchObject({ code: 'return_needs_verification', message: RETURN_NEEDS_VERIFICATION_MESSAGE });
    // A first contact, or a site visit, is the verification.
    const contacted = run(dispatched, 'record_first_contact', { at: iso(20), channel: 'phone', note: '已联系' }, 20).next;
    expect(decide(contacted, 'request_return', liaisonOf(UNIT.lead), request, ctxAt(60)).event.type).toBe('ticket.return_requested');
    const onSite = run(dispatched, 'record_site_visit', { at: iso(30), note: '现场查看' }, 30).next;
    expect(decide(onSite, 'request_return', liaisonOf(UNIT.lead), request, ctxAt(60)).event.type).toBe('ticket.return_requested');
    // A policy that turns the rule off.
    const off = decide(dispatched, 'request_return', liaisonOf(UNIT.lead), request, ctxAt(60, { returnNeedsVerification: false }));
    expect(off.event.type).toBe('ticket.return_requested');
  });

  it('is not open in a second round (000 二(一) first-handler responsibility)', () => {
    const replied = buildTicket('replied');
    const round2 = run(replied, 'record_revisit', { resolved: false, satisfaction: 'dissatisfied' }, 90).next;
    expect(refusalOf(() => ask(round2, 100))).toMatchObject({ code: 'rule_violation' });
  });
});

describe('two returns → designation (001 二.2)', () => {
  const secondReturn = () => {
    const first = approve(ask(buildTicket('dispatched'), 60).next, 70, UNIT.next).next;
    return ask(first, 80, UNIT.next, UNIT.third).next;
  };

  it('refuses to approve the second unit’s return as a plain re-dispatch', () => {
    const asked = secondReturn();
    expect(designationRequired(asked)).toBe(true);
    const refusal = refusalOf(() => approve(asked, 90, UNIT.third));
    expect(refusal.code).toBe('rule_violation');
    expect(refusal.message).toContain('签派');
    // rejecting it is still possible
    expect(run(asked, 'decide_return', { approve: false, note: '不同意' }, 90).next.leadUnitId).toBe(UNIT.next);
  });

  it('designation settles the return; the designated unit cannot return it', () => {
    const asked = secondReturn();
    const leader = actor('leader');
    const { next, event } = decide(asked, 'designate', leader, { unitId: UNIT.third, note: '由城管中队办理' }, ctxAt(90));
    expect(event).toMatchObject({
      type: 'ticket.designated',
      fromState: 'dispatched',
      toState: 'dispatched',
      payload: { unitId: UNIT.third, previousLeadUnitId: UNIT.next, settledReturn: { unitId: UNIT.next, approved: true } },
    });
    expect(next).toMatchObject({
      leadUnitId: UNIT.third,
      designatedUnitId: UNIT.third,
      returnedByUnitIds: [UNIT.lead, UNIT.next],
      pendingRequests: [],
      dispatchedAt: iso(90),
    });
    const refusal = refusalOf(() => ask(next, 100, UNIT.third, UNIT.lead));
    expect(refusal.code).toBe('rule_violation');
    expect(refusal.message).toContain('被指定单位不得退单');
    expect(allowedCommands(next, liaisonOf(UNIT.third))).not.toContain('request_return');
    // and nobody re-dispatches it around the designation
    const redispatch = { leadUnitId: UNIT.lead };
    expect(refusalOf(() => decide(next, 'dispatch', actor('supervisor'), redispatch, ctxAt(100))).code).toBe('rule_violation');
  });

  it('designating the returning unit itself rejects its return and keeps the state', () => {
    const asked = ask(buildTicket('in_progress'), 60).next;
    const { next, event } = run(asked, 'designate', { unitId: UNIT.lead, note: '仍由本单位办理' }, 70);
    expect(event.payload).toMatchObject({ settledReturn: { unitId: UNIT.lead, approved: false } });
    expect(next).toMatchObject({ state: 'in_progress', leadUnitId: UNIT.lead, designatedUnitId: UNIT.lead, returnedByUnitIds: [] });
    expect(next.dispatchedAt).toBe(asked.dispatchedAt);
  });
});

describe('dispatch again (supervisor, before the unit accepts)', () => {
  it('restarts the clocks when the lead unit changes, not for a correction of assisting units', () => {
    const dispatched = buildTicket('dispatched');
    const supervisor = actor('supervisor');
    const moved = decide(dispatched, 'dispatch', supervisor, { leadUnitId: UNIT.next }, ctxAt(30)).next;
    expect(moved).toMatchObject({ leadUnitId: UNIT.next, assistUnitIds: [], dispatchedAt: iso(30), returnedByUnitIds: [] });
    const corrected = decide(dispatched, 'dispatch', supervisor, { leadUnitId: UNIT.lead, assistUnitIds: [UNIT.other] }, ctxAt(30));
    expect(corrected.next).toMatchObject({ leadUnitId: UNIT.lead, assistUnitIds: [UNIT.other], dispatchedAt: iso(0) });
    expect(corrected.event.payload).toMatchObject({ previousLeadUnitId: UNIT.lead });
  });

  it('waits for a pending return to be decided', () => {
    const asked = ask(buildTicket('dispatched'), 60).next;
    const refusal = refusalOf(() => decide(asked, 'dispatch', actor('supervisor'), { leadUnitId: UNIT.next }, ctxAt(70)));
    expect(refusal).toMatchObject({ code: 'rule_violation', message: '已有待审核的退单申请，请先等待审核' });
  });
});
