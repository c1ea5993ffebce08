import { describe, expect, it } from 'vitest';
import type { TicketCommand } from './commands';
import { decide } from './decide';
import { actingRole, allowedCommands } from './machine';
import type { TicketSnapshot } from './snapshot';
import { actor, at, buildTicket, ctxAt, deepFreeze, iso, liaisonOf, refusalOf, registered, REPLY, run, UNIT } from './test-builders';
import type { TicketEvent } from './types';

describe('the full loop (PRODUCT.md §3; 001 二.1 second handling)', () => {
  it('registers, dispatches, handles, fails the revisit, handles round 2 and archives', () => {
    const events: TicketEvent[] = [];
    let t: TicketSnapshot = registered();
    const go = (command: TicketCommand, input: unknown, minutes: number) => {
      const { next, event } = run(t, command, input, minutes);
      events.push(event);
      t = next;
    };

    go('dispatch', { leadUnitId: UNIT.lead, assistUnitIds: [UNIT.assist] }, 0);
    expect(t).toMatchObject({ state: 'dispatched', leadUnitId: UNIT.lead, dispatchedAt: iso(0), round: 1 });
    go('accept', {}, 10);
    go('record_first_contact', { at: iso(15), channel: 'phone', note: '已电话联系' }, 20);
    go('reply', { ...REPLY, outcome: 'explained', citizenToldAt: iso(50) }, 60);
    expect(t.state).toBe('replied');
    expect(t.reply).toMatchObject({ outcome: 'explained', unitId: UNIT.lead, at: iso(60) });

    go('record_revisit', { resolved: false, satisfaction: 'dissatisfied', words: '问题没解决' }, 90);
    expect(t).toMatchObject({
      state: 'dispatched',
      round: 2,
      leadUnitId: UNIT.lead,
      assistUnitIds: [UNIT.assist],
      dispatchedAt: iso(90),
      acceptedAt: null,
      firstContact: null,
      reply: null,
      revisit: null,
      flags: { warning: true, notCounted: false, objectiveCase: false },
    });
    expect(events.at(-1)).toMatchObject({
      type: 'ticket.revisited',
      fromState: 'replied',
      toState: 'dispatched',
      payload: { outcome: 'redispatched', round: 2, revisit: { satisfaction: 'dissatisfied' } },
    });

    go('accept', {}, 100);
    go('record_first_contact', { at: iso(110), channel: 'visit', note: '上门联系' }, 110);
    go('reply', { ...REPLY, citizenToldAt: iso(190) }, 200);
    go('record_revisit', { resolved: true, satisfaction: 'basically_satisfied', words: '基本满意' }, 300);

    expect(t).toMatchObject({ state: 'archived', archivedAs: 'resolved', round: 2, version: 10 });
    expect(t.revisit).toEqual({ resolved: true, satisfaction: 'basically_satisfied', words: '基本满意', at: iso(300) });
    expect(events.map((e) => e.type)).toEqual([
      'ticket.dispatched',
      'ticket.accepted',
      'ticket.first_contacted',
      'ticket.replied',
      'ticket.revisited',
      'ticket.accepted',
      'ticket.first_contacted',
      'ticket.replied',
      'ticket.revisited',
    ]);
    expect(events.map((e) => `${e.fromState}→${e.toState}`)).toEqual([
      'registered→dispatched',
      'dispatched→in_progress',
      'in_progress→in_progress',
      'in_progress→replied',
      'replied→dispatched',
      'dispatched→in_progress',
      'in_progress→in_progress',
      'in_progress→replied',
      'replied→archived',
    ]);
  });

  it('archives a resolved ticket whose citizen is not dissatisfied, redispatches an unresolved one', () => {
    const replied = buildTicket('replied');
    const unresolved = run(replied, 'record_revisit', { resolved: false, satisfaction: 'satisfied' }, 90).next;
    expect(unresolved).toMatchObject({ state: 'dispatched', round: 2 });
    const dissatisfied = run(replied, 'record_revisit', { resolved: true, satisfaction: 'dissatisfied' }, 90).next;
    expect(dissatisfied).toMatchObject({ state: 'dispatched', round: 2, flags: { warning: true } });
  });
});

describe('units (PRODUCT.md §9: a liaison of unit A never changes unit B’s tickets)', () => {
  it('refuses a liaison of another unit', () => {
    const dispatched = buildTicket('dispatched');
    const other = liaisonOf(UNIT.other);
    for (const command of ['accept', 'record_first_contact', 'request_return', 'add_note'] as const) {
      expect(refusalOf(() => decide(dispatched, command, other, {}, ctxAt(60))).code).toBe('wrong_unit');
    }
    expect(allowedCommands(dispatched, other)).toEqual([]);
    expect(refusalOf(() => decide(dispatched, 'accept', actor('liaison', null), {}, ctxAt(60))).code).toBe('wrong_unit');
  });

  it('lets an assisting unit add a note, but not accept or reply (only the lead replies)', () => {
    const inProgress = buildTicket('in_progress');
    const assist = liaisonOf(UNIT.assist);
    const { next, event } = decide(inProgress, 'add_note', assist, { note: '协办单位已到场' }, ctxAt(60));
    expect(event).toMatchObject({ type: 'ticket.note_added', payload: { note: '协办单位已到场', unitId: UNIT.assist } });
    expect(next.state).toBe('in_progress');
    const reply = { ...REPLY, citizenToldAt: iso(50) };
    const refusal = refusalOf(() => decide(inProgress, 'reply', assist, reply, ctxAt(60)));
    expect(refusal.code).toBe('wrong_unit');
    expect(refusal.message).toContain('只有主办单位');
    expect(allowedCommands(inProgress, assist)).toEqual(['add_note']);
  });
});

describe('refusals', () => {
  it('checks role, then unit, then state, then input, then rules', () => {
    const archived = buildTicket('archived');
    expect(refusalOf(() => decide(archived, 'accept', actor('admin'), {}, ctxAt(60))).code).toBe('forbidden_role');
    expect(refusalOf(() => decide(archived, 'accept', liaisonOf(UNIT.other), {}, ctxAt(60))).code).toBe('wrong_unit');
    expect(refusalOf(() => decide(archived, 'accept', liaisonOf(UNIT.lead), {}, ctxAt(60))).code).toBe('invalid_state');
    const dispatched = buildTicket('dispatched');
    // the operator dispatches only from registered; dispatching again is the supervisor's
    expect(refusalOf(() => decide(dispatched, 'dispatch', actor('operator'), {}, ctxAt(60))).code).toBe('forbidden_role');
    expect(refusalOf(() => decide(dispatched, 'dispatch', actor('supervisor'), {}, ctxAt(60))).code).toBe('validation_failed');
  });

  it('refuses a reply before accept by the machine, with the states it needs', () => {
    const dispatched = buildTicket('dispatched');
    const refusal = refusalOf(() => run(dispatched, 'reply', { ...REPLY, citizenToldAt: iso(5) }, 10));
    expect(refusal.code).toBe('invalid_state');
    expect(refusal.message).toBe('工单当前为「已派单」，不能答复（仅限「处理中」）');
  });

  it('explains validation failures field by field, in Chinese', () => {
    const refusal = refusalOf(() => decide(registered(), 'dispatch', actor('operator'), {}, ctxAt(0)));
    expect(refusal.code).toBe('validation_failed');
    expect(refusal.fields).toEqual({ leadUnitId: '请选择主办单位' });
    expect(refusal.message).toBe('输入有误：请选择主办单位');

    const bad = { leadUnitId: UNIT.lead, assistUnitIds: [UNIT.lead, 'x'], onSiteDetermination: 'yes' };
    const second = refusalOf(() => decide(registered(), 'dispatch', actor('operator'), bad, ctxAt(0)));
    expect(second.fields).toEqual({ 'assistUnitIds.1': '协办单位须为单位编号', onSiteDetermination: '是否需要现场定责须为是或否' });

    const notObject = refusalOf(() => decide(registered(), 'close_on_call', actor('operator'), 'hi', ctxAt(0)));
    expect(notObject.fields).toEqual({ _: '请求内容须为对象' });
  });

  it('refuses an unknown command', () => {
    const refusal = refusalOf(() => decide(registered(), 'delete' as TicketCommand, actor('admin'), {}, ctxAt(0)));
    expect(refusal).toMatchObject({ code: 'validation_failed', fields: { command: '未知的操作' } });
  });

  it('records times only between the dispatch and now', () => {
    const inProgress = buildTicket('in_progress');
    const early = refusalOf(() => run(inProgress, 'record_first_contact', { at: '2026-11-23T08:00:00+08:00', channel: 'sms', note: '短信' }, 60));
    expect(early).toMatchObject({ code: 'rule_violation', message: '先行联系时间不能早于派单时间（2026-11-23 09:00）' });
    const future = refusalOf(() => run(inProgress, 'record_site_visit', { at: iso(120), note: '现场' }, 60));
    expect(future).toMatchObject({ code: 'rule_violation', message: '现场查看时间不能晚于当前时间' });
  });

  it('records the first contact once, normalising its time', () => {
    const inProgress = buildTicket('in_progress');
    const input = { at: '2026-11-23T09:30:00+08:00', channel: 'phone', note: '已联系' };
    const { next } = run(inProgress, 'record_first_contact', input, 60);
    expect(next.firstContact).toEqual({ at: iso(30), channel: 'phone', note: '已联系' });
    expect(refusalOf(() => run(next, 'record_first_contact', input, 70))).toMatchObject({
      code: 'rule_violation',
      message: '先行联系已记录',
    });
  });
});

describe('purity', () => {
  it('never mutates the input snapshot and bumps the version by one', () => {
    const replied = deepFreeze(buildTicket('replied'));
    const { next } = run(replied, 'record_revisit', { resolved: false, satisfaction: 'dissatisfied' }, 90);
    expect(replied.state).toBe('replied');
    expect(next.version).toBe(replied.version + 1);
    expect(next.revisitAttempts).not.toBe(replied.revisitAttempts);
  });

  it('uses only ctx.now for the instants it writes', () => {
    const { next } = decide(buildTicket('dispatched'), 'accept', liaisonOf(UNIT.lead), {}, ctxAt(42));
    expect(next.acceptedAt).toBe(at(42).toISOString());
  });
});

describe('allowedCommands and actingRole (what the UI shows)', () => {
  it('lists the actions of each actor on a dispatched ticket', () => {
    const dispatched = buildTicket('dispatched');
    expect(allowedCommands(dispatched, liaisonOf(UNIT.lead))).toEqual(['accept', 'record_first_contact', 'record_site_visit', 'request_return', 'add_note']);
    expect(allowedCommands(dispatched, actor('supervisor'))).toEqual(['dispatch', 'designate', 'urge']);
    expect(allowedCommands(dispatched, actor('leader'))).toEqual(['designate']);
    expect(allowedCommands(dispatched, actor('admin'))).toEqual([]);
    expect(allowedCommands(registered(), actor('operator'))).toEqual(['dispatch', 'close_on_call']);
  });

  it('picks the role a multi-role user acts in', () => {
    const dispatched = buildTicket('dispatched');
    expect(actingRole(dispatched, 'dispatch', ['operator', 'supervisor'])).toBe('supervisor');
    expect(actingRole(registered(), 'dispatch', ['operator', 'supervisor'])).toBe('operator');
    expect(actingRole(dispatched, 'designate', ['admin', 'leader'])).toBe('leader');
    expect(actingRole(dispatched, 'accept', ['admin'])).toBe('admin');
  });
});
